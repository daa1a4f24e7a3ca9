import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEV_AUTH_SECRET, DEV_STRIPE_CONNECT_WEBHOOK_SECRET, DEV_STRIPE_SECRET_KEY, DEV_STRIPE_WEBHOOK_SECRET, parseEnv } from "../../src/env";
import { DEV_SECRET_NAMES, loadOrCreateDevSecrets, withUserOverrides } from "./dev-secrets";

const dirs: string[] = [];
function secretsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "pm-secrets-"));
  dirs.push(dir);
  return join(dir, ".data", "secrets.json");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe("the secrets npm run dev keeps in .data/secrets.json", () => {
  it("are generated once, owner-only, and reused on restart", () => {
    const file = secretsFile();
    const first = loadOrCreateDevSecrets(file);
    expect(first.created).toEqual(DEV_SECRET_NAMES);
    expect(mode(file)).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(first.secrets);
    const again = loadOrCreateDevSecrets(file);
    expect(again).toEqual({ secrets: first.secrets, created: [] });
  });

  it("are random: never a value from the repository, never the same in two checkouts", () => {
    const a = loadOrCreateDevSecrets(secretsFile()).secrets;
    const b = loadOrCreateDevSecrets(secretsFile()).secrets;
    for (const name of DEV_SECRET_NAMES) expect(a[name]).not.toBe(b[name]);
    const published = [DEV_AUTH_SECRET, DEV_STRIPE_SECRET_KEY, DEV_STRIPE_WEBHOOK_SECRET, DEV_STRIPE_CONNECT_WEBHOOK_SECRET];
    for (const value of Object.values(a)) expect(published).not.toContain(value);
    expect(a.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("have the shapes the app validates", () => {
    const secrets = loadOrCreateDevSecrets(secretsFile()).secrets;
    expect(() => parseEnv({ NODE_ENV: "development", ...secrets })).not.toThrow();
    expect(secrets.STRIPE_SECRET_KEY).toMatch(/^sk_test_/);
  });

  it("add a missing secret without changing the others, and narrow a widened file back to 0600", () => {
    const file = secretsFile();
    const { secrets } = loadOrCreateDevSecrets(file);
    const { STRIPE_CONNECT_WEBHOOK_SECRET: _dropped, ...rest } = secrets;
    writeFileSync(file, JSON.stringify(rest));
    chmodSync(file, 0o644);
    const repaired = loadOrCreateDevSecrets(file);
    expect(repaired.created).toEqual(["STRIPE_CONNECT_WEBHOOK_SECRET"]);
    expect(repaired.secrets).toMatchObject(rest);
    expect(repaired.secrets.STRIPE_CONNECT_WEBHOOK_SECRET).toMatch(/^whsec_/);
    expect(mode(file)).toBe(0o600);
  });

  it("refuse a file that is not JSON rather than overwrite it", () => {
    const file = secretsFile();
    loadOrCreateDevSecrets(file);
    writeFileSync(file, "{ not json");
    expect(() => loadOrCreateDevSecrets(file)).toThrow(/is not a JSON object of secrets/);
    expect(readFileSync(file, "utf8")).toBe("{ not json");
  });

  it("give way to the variables the user sets", () => {
    const { secrets } = loadOrCreateDevSecrets(secretsFile());
    const effective = withUserOverrides(secrets, { NEXTAUTH_SECRET: "the-users-own-secret-value", STRIPE_WEBHOOK_SECRET: "" });
    expect(effective).toEqual({ ...secrets, NEXTAUTH_SECRET: "the-users-own-secret-value" });
  });
});

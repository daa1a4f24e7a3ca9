import { describe, expect, it } from "vitest";
import { demoLoginEnabled, parseEnv } from "../../src/env";
import { nextDevEnv, type NextDevEnvInput } from "./dev-env";
import { generateDevSecrets } from "./dev-secrets";

const secrets = generateDevSecrets();
const base: NextDevEnvInput = {
  env: { NODE_ENV: "development" },
  secrets,
  databaseUrl: "postgresql://me@db.example:5432/mine",
  embeddedDatabase: false,
  appUrl: "http://localhost:3000",
  inngestBaseUrl: "http://127.0.0.1:8288",
};

describe("the environment npm run dev gives next dev", () => {
  it("carries the generated secrets, and the fake's URL when it runs", () => {
    const env = nextDevEnv({ ...base, stripeApiBase: "http://127.0.0.1:12111" });
    expect(env).toMatchObject({ ...secrets, STRIPE_API_BASE: "http://127.0.0.1:12111", DATABASE_URL: base.databaseUrl });
  });

  it("fixes no app URL unless the user does: sign-in follows the host the browser opened", () => {
    const env = nextDevEnv(base);
    expect(env.NEXTAUTH_URL).toBeUndefined();
    expect(env.AUTH_TRUST_HOST).toBe("1");
    const own = nextDevEnv({ ...base, env: { NODE_ENV: "development", NEXTAUTH_URL: "http://dev.example:3000" } });
    expect(own).toMatchObject({ NEXTAUTH_URL: "http://dev.example:3000" });
    expect(own.AUTH_TRUST_HOST).toBeUndefined();
  });

  it("lets the user's own variables win", () => {
    const env = nextDevEnv({ ...base, env: { NODE_ENV: "development", NEXTAUTH_SECRET: "the-users-own-secret-value" } });
    expect(env.NEXTAUTH_SECRET).toBe("the-users-own-secret-value");
    expect(env.STRIPE_WEBHOOK_SECRET).toBe(secrets.STRIPE_WEBHOOK_SECRET);
  });

  it("offers demo sign-in on the embedded database only, unless the user sets ENABLE_DEMO_LOGIN", () => {
    const demo = (input: Partial<NextDevEnvInput>) => demoLoginEnabled(parseEnv(nextDevEnv({ ...base, ...input })));
    expect(nextDevEnv(base).ENABLE_DEMO_LOGIN).toBeUndefined();
    expect(demo({})).toBe(false);
    expect(demo({ embeddedDatabase: true })).toBe(true);
    expect(demo({ env: { NODE_ENV: "development", ENABLE_DEMO_LOGIN: "1" } })).toBe(true);
    expect(demo({ embeddedDatabase: true, env: { NODE_ENV: "development", ENABLE_DEMO_LOGIN: "0" } })).toBe(false);
    // A stale EMBEDDED_DATABASE in the user's shell does not count: only this run's database does.
    expect(demo({ env: { NODE_ENV: "development", EMBEDDED_DATABASE: "1" } })).toBe(false);
  });
});

// The secrets `npm run dev` runs the app with: generated once per checkout with crypto randomness and
// kept with its data (.data/secrets.json, readable by the owner only), so a dev server reachable on a
// network cannot be forged with a value published in the repository (a session cookie signed with a
// known NEXTAUTH_SECRET, a Stripe event signed with a known webhook secret). Variables the user sets
// still win over the file.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export const DEV_SECRETS_FILE = ".data/secrets.json";

const GENERATORS = {
  NEXTAUTH_SECRET: () => randomBytes(32).toString("base64url"),
  // The Stripe fake accepts any test-mode key; the app still needs one, and never a fixed one.
  STRIPE_SECRET_KEY: () => `sk_test_${randomBytes(24).toString("hex")}`,
  STRIPE_WEBHOOK_SECRET: () => `whsec_${randomBytes(32).toString("hex")}`,
  STRIPE_CONNECT_WEBHOOK_SECRET: () => `whsec_${randomBytes(32).toString("hex")}`,
} as const;

export type DevSecretName = keyof typeof GENERATORS;
export type DevSecrets = Record<DevSecretName, string>;
export const DEV_SECRET_NAMES = Object.keys(GENERATORS) as DevSecretName[];

export function generateDevSecrets(): DevSecrets {
  return Object.fromEntries(DEV_SECRET_NAMES.map((name) => [name, GENERATORS[name]()])) as DevSecrets;
}

function readStored(file: string): Partial<Record<string, unknown>> {
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  // Never overwritten silently: a new NEXTAUTH_SECRET signs everyone out, new webhook secrets
  // strand the fake's queued events.
  throw new Error(`${file} is not a JSON object of secrets. Delete it and npm run dev generates new ones.`);
}

// The stored secrets, generating (and storing) any that are missing. The file is written through a
// temporary file and renamed, created 0600, and put back to 0600 if a copy widened it.
export function loadOrCreateDevSecrets(file = DEV_SECRETS_FILE): { secrets: DevSecrets; created: DevSecretName[] } {
  const stored = readStored(file);
  const fresh = generateDevSecrets();
  const created: DevSecretName[] = [];
  const secrets = {} as DevSecrets;
  for (const name of DEV_SECRET_NAMES) {
    const value = stored[name];
    if (typeof value === "string" && value !== "") {
      secrets[name] = value;
    } else {
      secrets[name] = fresh[name];
      created.push(name);
    }
  }
  if (created.length > 0) {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ ...stored, ...secrets }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  }
  chmodSync(file, 0o600);
  return { secrets, created };
}

// What the app and the fake run with: the user's own variables where set, the stored ones elsewhere.
export function withUserOverrides(secrets: DevSecrets, env: Record<string, string | undefined>): DevSecrets {
  return Object.fromEntries(DEV_SECRET_NAMES.map((name) => [name, env[name] || secrets[name]])) as DevSecrets;
}

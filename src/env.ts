// Environment, validated once at start. In production a missing secret or a dev-only part switched
// on stops the app with a message that names the variable.
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

// A flag whose absence means "not said" (undefined), distinct from an explicit "0".
const optionalFlag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "1" || v === "true"));

const signingKey = z
  .string()
  .regex(/^(signkey-\w+-)?([0-9a-f]{2})+$/i, "must be hex, optionally prefixed signkey-<env>-");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  // SMTP connection string for sign-in links, e.g. smtp://user:pass@smtp.example.com:587
  EMAIL_SERVER: z.string().min(1).optional(),
  EMAIL_FROM: z.string().min(3).optional(),
  // Inngest Cloud or a self-hosted Inngest server (read by the SDK itself; validated here so a
  // bad deploy stops at start, not at the first event). The signing key is hex, usually
  // prefixed `signkey-<env>-`; the fallback is the previous key during a rotation.
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: signingKey.optional(),
  INNGEST_SIGNING_KEY_FALLBACK: signingKey.optional(),
  // Self-hosted Inngest: the server's origin. Unset means Inngest Cloud.
  INNGEST_BASE_URL: z.string().url().optional(),
  // Stripe: the secret key and the signing secrets of the two webhook endpoints
  // (/api/webhooks/stripe for the platform, /api/webhooks/stripe-connect for Connect accounts).
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_live_… or sk_test_…)").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  // Snapshot files in S3-compatible storage (AWS S3, MinIO, R2…): S3_BUCKET switches it on. The
  // endpoint is unset for AWS; the keys go together, and without them the AWS SDK's own credential
  // chain applies (an instance role, AWS_* variables).
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Snapshot files in a local folder when S3_BUCKET is unset (dev and tests): default .data/snapshots.
  SNAPSHOT_DIR: z.string().min(1).optional(),
  // Redis, for what several app processes must share (the data API's rate limits). Unset: in
  // memory, right for one process.
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .pipe(z.string().url().optional()),
  // Prepended to every Redis key of the app, so deployments (or test runs) can share one Redis.
  REDIS_KEY_PREFIX: z.string().min(1).default("pm"),
  // The data API's rate limit per API key: a steady rate and the burst allowed on top of it.
  DATA_API_RATE_PER_SECOND: z.coerce.number().int().positive().default(20),
  DATA_API_RATE_BURST: z.coerce.number().int().positive().default(40),
  // Monthly payouts: a statement whose total is under this many cents (default 1000, i.e. 10.00
  // in the statement currency) is carried forward to the next month instead of paid.
  MIN_PAYOUT_CENTS: z.coerce.number().int().min(1).max(100_000_000).default(1000),
  // Dev-only parts. Each one is refused in production.
  // The local Stripe fake's URL (scripts/stripe-fake); the SDK is pointed at it instead of Stripe.
  STRIPE_API_BASE: z.string().url().optional(),
  // One-click sign-in as the demo accounts (DEMO_ACCOUNTS). Unset: on only with the embedded
  // database; "1" or "0" decides explicitly (see demoLoginEnabled).
  ENABLE_DEMO_LOGIN: optionalFlag,
  // Set by `npm run dev` when it runs the embedded Postgres.
  EMBEDDED_DATABASE: flag,
  // next-auth takes the app's URL from the request's host instead of NEXTAUTH_URL: set by `npm run
  // dev` (when NEXTAUTH_URL is unset) so sign-in works on whatever host the user opened
  // (localhost or 127.0.0.1). Production keeps its configured URL.
  AUTH_TRUST_HOST: flag,
  // The SDK's dev mode ("1" or a dev server URL): no request signatures. "0" means cloud mode.
  INNGEST_DEV: z
    .string()
    .optional()
    .transform((v) => (v === undefined || ["", "0", "false"].includes(v.trim().toLowerCase()) ? undefined : v)),
});

export type Env = z.infer<typeof ZEnv>;

const DEV_ONLY_FLAGS = ["ENABLE_DEMO_LOGIN", "EMBEDDED_DATABASE", "INNGEST_DEV", "STRIPE_API_BASE", "AUTH_TRUST_HOST"] as const;
const REQUIRED_IN_PRODUCTION = [
  "DATABASE_URL",
  "NEXTAUTH_URL",
  "NEXTAUTH_SECRET",
  "EMAIL_SERVER",
  "EMAIL_FROM",
  "INNGEST_EVENT_KEY",
  "INNGEST_SIGNING_KEY",
  "STRIPE_SECRET_KEY",
  // Every webhook secret a production route verifies (/api/webhooks/stripe, /api/webhooks/stripe-connect;
  // /api/inngest verifies with INNGEST_SIGNING_KEY above): a route must never run unverified.
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_CONNECT_WEBHOOK_SECRET",
  // Snapshot files outlive an app instance and are shared between instances: a local folder is the
  // embedded default, not a production store (DESIGN.md §8).
  "S3_BUCKET",
] as const;

const S3_DETAILS = ["S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

// A half-configured S3 is refused rather than silently replaced by the local folder.
function s3Problems(env: Env): string[] {
  const problems: string[] = [];
  if (!env.S3_BUCKET) {
    for (const name of S3_DETAILS) if (env[name]) problems.push(`${name} is set but S3_BUCKET is not: set S3_BUCKET to store snapshots in S3`);
  }
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    problems.push("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither");
  }
  return problems;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(raw: Record<string, string | undefined>): Env {
  const parsed = ZEnv.safeParse(raw);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const env = parsed.data;
  const problems = s3Problems(env);
  if (env.NODE_ENV === "production") {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!env[name]) problems.push(`${name} is required in production`);
    }
    for (const name of DEV_ONLY_FLAGS) {
      if (env[name]) problems.push(`${name} is a dev-only part and must not be set in production`);
    }
  }
  if (problems.length > 0) throw new EnvError(problems);
  return env;
}

// Parsed on each call (microseconds): tests and scripts may set variables after import.
export function env(): Env {
  return parseEnv(process.env);
}

// Demo sign-in (dev only; refused in production above): on with the embedded database that
// `npm run dev` starts on a fresh machine, never by default against the user's own DATABASE_URL;
// ENABLE_DEMO_LOGIN decides when set.
export function demoLoginEnabled(e: Env = env()): boolean {
  return e.ENABLE_DEMO_LOGIN ?? e.EMBEDDED_DATABASE;
}

// A Host header that is a host name or address with an optional port, nothing else.
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

// Where users reach the app: links in emails and Stripe's return URLs. NEXTAUTH_URL when set (always
// in production). In dev without it, the host the request came to (`requestHost`), so a buyer who
// opened 127.0.0.1 comes back from Stripe to 127.0.0.1, where their session cookie is.
export function appUrl(requestHost?: string | null): string {
  const e = env();
  if (e.NEXTAUTH_URL) return e.NEXTAUTH_URL.replace(/\/$/, "");
  if (e.NODE_ENV !== "production" && requestHost && HOST.test(requestHost)) return `http://${requestHost}`;
  return `http://localhost:${process.env.PORT ?? 3000}`;
}

// Fixed values for tests only (NODE_ENV=test). Anywhere else each secret comes from the
// environment: `npm run dev` generates its own (.data/secrets.json) and production must set them,
// so no server is ever signed or verified with a value published in this repository.
export const DEV_AUTH_SECRET = "pack-market-dev-secret-not-for-production";
export const DEV_STRIPE_SECRET_KEY = "sk_test_packmarket_dev";
export const DEV_STRIPE_WEBHOOK_SECRET = "whsec_packmarket_dev";
export const DEV_STRIPE_CONNECT_WEBHOOK_SECRET = "whsec_packmarket_dev_connect";

type SecretName = "NEXTAUTH_SECRET" | "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_CONNECT_WEBHOOK_SECRET";

function secret(e: Env, name: SecretName, testValue: string): string {
  const value = e[name];
  if (value) return value;
  if (e.NODE_ENV === "test") return testValue;
  throw new EnvError([`${name} is not set: \`npm run dev\` generates it (in .data/secrets.json); otherwise set it in the environment`]);
}

export function authSecret(e: Env = env()): string {
  return secret(e, "NEXTAUTH_SECRET", DEV_AUTH_SECRET);
}

// Getters, so that a caller needing only the API key does not fail for a webhook secret it never reads.
export function stripeConfig(e: Env = env()) {
  return {
    get secretKey() {
      return secret(e, "STRIPE_SECRET_KEY", DEV_STRIPE_SECRET_KEY);
    },
    get webhookSecret() {
      return secret(e, "STRIPE_WEBHOOK_SECRET", DEV_STRIPE_WEBHOOK_SECRET);
    },
    get connectWebhookSecret() {
      return secret(e, "STRIPE_CONNECT_WEBHOOK_SECRET", DEV_STRIPE_CONNECT_WEBHOOK_SECRET);
    },
    apiBase: e.STRIPE_API_BASE,
  };
}

export const DEFAULT_SNAPSHOT_DIR = ".data/snapshots";

export type SnapshotStorageConfig =
  | { kind: "local"; dir: string }
  | { kind: "s3"; bucket: string; endpoint?: string; region: string; credentials?: { accessKeyId: string; secretAccessKey: string } };

// Where snapshot files live: S3 when S3_BUCKET is set, else a local folder.
export function snapshotStorageConfig(e: Env = env()): SnapshotStorageConfig {
  if (!e.S3_BUCKET) return { kind: "local", dir: e.SNAPSHOT_DIR ?? DEFAULT_SNAPSHOT_DIR };
  return {
    kind: "s3",
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION ?? "us-east-1",
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
  };
}

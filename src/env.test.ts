import { afterEach, describe, expect, it } from "vitest";
import {
  appUrl,
  authSecret,
  DEV_AUTH_SECRET,
  DEV_STRIPE_WEBHOOK_SECRET,
  demoLoginEnabled,
  EnvError,
  parseEnv,
  snapshotStorageConfig,
  stripeConfig,
} from "./env";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app@db.internal:5432/packmarket",
  NEXTAUTH_URL: "https://packmarket.example",
  NEXTAUTH_SECRET: "a-long-production-secret-value",
  EMAIL_SERVER: "smtp://user:pass@smtp.example.com:587",
  EMAIL_FROM: "Pack Market <no-reply@packmarket.example>",
  INNGEST_EVENT_KEY: "an-event-key",
  INNGEST_SIGNING_KEY: "signkey-prod-12345678",
  STRIPE_SECRET_KEY: "sk_live_packmarket",
  STRIPE_WEBHOOK_SECRET: "whsec_packmarket",
  STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_packmarket_connect",
  S3_BUCKET: "packmarket-snapshots",
};

function problems(raw: Record<string, string | undefined>): string[] {
  try {
    parseEnv(raw);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
}

describe("parseEnv", () => {
  it("accepts a complete production environment", () => {
    const env = parseEnv(production);
    expect(env.NODE_ENV).toBe("production");
    expect(demoLoginEnabled(env)).toBe(false);
  });

  it("requires every webhook secret a production route verifies", () => {
    const { STRIPE_WEBHOOK_SECRET: _p, STRIPE_CONNECT_WEBHOOK_SECRET: _c, INNGEST_SIGNING_KEY: _i, ...rest } = production;
    expect(problems(rest)).toEqual([
      "INNGEST_SIGNING_KEY is required in production",
      "STRIPE_WEBHOOK_SECRET is required in production",
      "STRIPE_CONNECT_WEBHOOK_SECRET is required in production",
    ]);
  });

  it("names each missing production secret", () => {
    const { NEXTAUTH_SECRET: _s, EMAIL_SERVER: _e, ...rest } = production;
    expect(problems(rest)).toEqual(["NEXTAUTH_SECRET is required in production", "EMAIL_SERVER is required in production"]);
  });

  it("refuses a request-derived app URL (AUTH_TRUST_HOST) in production: it keeps its configured URL", () => {
    expect(problems({ ...production, AUTH_TRUST_HOST: "1" })).toEqual(["AUTH_TRUST_HOST is a dev-only part and must not be set in production"]);
  });

  it("refuses dev-only parts in production and names them", () => {
    expect(problems({ ...production, ENABLE_DEMO_LOGIN: "1", EMBEDDED_DATABASE: "true", INNGEST_DEV: "1" })).toEqual([
      "ENABLE_DEMO_LOGIN is a dev-only part and must not be set in production",
      "EMBEDDED_DATABASE is a dev-only part and must not be set in production",
      "INNGEST_DEV is a dev-only part and must not be set in production",
    ]);
  });

  it("requires the Inngest keys in production and refuses the SDK's dev mode, also given as a URL", () => {
    const { INNGEST_EVENT_KEY: _e, INNGEST_SIGNING_KEY: _s, ...rest } = production;
    expect(problems(rest)).toEqual(["INNGEST_EVENT_KEY is required in production", "INNGEST_SIGNING_KEY is required in production"]);
    expect(problems({ ...production, INNGEST_DEV: "http://127.0.0.1:8288" })).toEqual([
      "INNGEST_DEV is a dev-only part and must not be set in production",
    ]);
    // INNGEST_DEV=0 forces the SDK's cloud mode: allowed.
    expect(parseEnv({ ...production, INNGEST_DEV: "0" }).INNGEST_DEV).toBeUndefined();
  });

  it("accepts a self-hosted Inngest server and rejects a signing key that is not hex", () => {
    const env = parseEnv({ ...production, INNGEST_BASE_URL: "https://inngest.internal:8288", INNGEST_SIGNING_KEY: "deadbeef" });
    expect(env.INNGEST_BASE_URL).toBe("https://inngest.internal:8288");
    expect(problems({ ...production, INNGEST_SIGNING_KEY: "signkey-prod-not-hex" })[0]).toMatch(/^INNGEST_SIGNING_KEY: must be hex/);
  });

  it("allows dev-only parts and missing secrets in development", () => {
    const env = parseEnv({ NODE_ENV: "development", ENABLE_DEMO_LOGIN: "1" });
    expect(env.ENABLE_DEMO_LOGIN).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("offers demo sign-in on the embedded database or when ENABLE_DEMO_LOGIN says so, never by default", () => {
    const demo = (raw: Record<string, string>) => demoLoginEnabled(parseEnv({ NODE_ENV: "development", ...raw }));
    expect(demo({})).toBe(false);
    expect(demo({ DATABASE_URL: "postgresql://me@db.example:5432/mine" })).toBe(false);
    expect(demo({ EMBEDDED_DATABASE: "1" })).toBe(true);
    expect(demo({ ENABLE_DEMO_LOGIN: "1" })).toBe(true);
    expect(demo({ EMBEDDED_DATABASE: "1", ENABLE_DEMO_LOGIN: "0" })).toBe(false);
  });

  it("requires S3 for snapshot files in production, and refuses a half-configured S3 anywhere", () => {
    const { S3_BUCKET: _b, ...rest } = production;
    expect(problems(rest)).toEqual(["S3_BUCKET is required in production"]);
    expect(problems({ NODE_ENV: "development", S3_ENDPOINT: "http://127.0.0.1:9000" })).toEqual([
      "S3_ENDPOINT is set but S3_BUCKET is not: set S3_BUCKET to store snapshots in S3",
    ]);
    expect(problems({ ...production, S3_ACCESS_KEY_ID: "AKIA" })).toEqual([
      "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither",
    ]);
  });

  it("stores snapshot files in a local folder by default and in S3 when S3_BUCKET is set", () => {
    expect(snapshotStorageConfig(parseEnv({ NODE_ENV: "development" }))).toEqual({ kind: "local", dir: ".data/snapshots" });
    expect(snapshotStorageConfig(parseEnv({ NODE_ENV: "development", SNAPSHOT_DIR: "/var/snapshots" }))).toEqual({ kind: "local", dir: "/var/snapshots" });
    const s3 = { S3_BUCKET: "snaps", S3_ENDPOINT: "http://127.0.0.1:9000", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret" };
    expect(snapshotStorageConfig(parseEnv({ NODE_ENV: "development", ...s3 }))).toEqual({
      kind: "s3",
      bucket: "snaps",
      endpoint: "http://127.0.0.1:9000",
      region: "us-east-1",
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
    expect(snapshotStorageConfig(parseEnv(production))).toMatchObject({ kind: "s3", bucket: "packmarket-snapshots", credentials: undefined });
  });

  it("rejects malformed values with the variable's name", () => {
    expect(problems({ NODE_ENV: "development", DATABASE_URL: "not a url" })[0]).toMatch(/^DATABASE_URL: /);
    expect(problems({ NODE_ENV: "staging" })[0]).toMatch(/^NODE_ENV: /);
  });
});

describe("appUrl", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("is NEXTAUTH_URL when set, whatever host the request came to", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000/";
    expect(appUrl("127.0.0.1:3000")).toBe("http://localhost:3000");
  });

  it("follows the request's host in dev without NEXTAUTH_URL, and ignores a Host that is not a host", () => {
    delete process.env.NEXTAUTH_URL;
    process.env.PORT = "3100";
    expect(appUrl("127.0.0.1:3100")).toBe("http://127.0.0.1:3100");
    expect(appUrl("localhost:3100")).toBe("http://localhost:3100");
    expect(appUrl("[::1]:3100")).toBe("http://[::1]:3100");
    for (const bad of ["evil.example/path", "a@b", "host:port", "x y", ""]) expect(appUrl(bad)).toBe("http://localhost:3100");
    expect(appUrl(null)).toBe("http://localhost:3100");
  });
});

describe("secrets", () => {
  const development = parseEnv({ NODE_ENV: "development" });

  it("have no fixed fallback outside tests: a missing one is an error naming it", () => {
    expect(() => authSecret(development)).toThrow(/NEXTAUTH_SECRET is not set: `npm run dev` generates it/);
    expect(() => stripeConfig(development).secretKey).toThrow(/STRIPE_SECRET_KEY is not set/);
    expect(() => stripeConfig(development).webhookSecret).toThrow(/STRIPE_WEBHOOK_SECRET is not set/);
    expect(() => stripeConfig(development).connectWebhookSecret).toThrow(/STRIPE_CONNECT_WEBHOOK_SECRET is not set/);
    expect(() => authSecret(development)).toThrow(EnvError);
  });

  it("are read from the environment, and only a missing one that is read fails", () => {
    const env = parseEnv({ NODE_ENV: "development", NEXTAUTH_SECRET: "a-generated-secret-value", STRIPE_SECRET_KEY: "sk_test_generated" });
    expect(authSecret(env)).toBe("a-generated-secret-value");
    expect(stripeConfig(env).secretKey).toBe("sk_test_generated");
  });

  it("fall back to the repository's fixed values under NODE_ENV=test only", () => {
    const test = parseEnv({ NODE_ENV: "test" });
    expect(authSecret(test)).toBe(DEV_AUTH_SECRET);
    expect(stripeConfig(test).webhookSecret).toBe(DEV_STRIPE_WEBHOOK_SECRET);
  });
});

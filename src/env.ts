// Environment, validated once at start. In production a missing secret or a dev-only part switched
// on stops the app with a message that names the variable.
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  // SMTP connection string for sign-in links, e.g. smtp://user:pass@smtp.example.com:587
  EMAIL_SERVER: z.string().min(1).optional(),
  EMAIL_FROM: z.string().min(3).optional(),
  // Dev-only parts. Each one is refused in production.
  ENABLE_DEMO_LOGIN: flag,
  EMBEDDED_DATABASE: flag,
});

export type Env = z.infer<typeof ZEnv>;

const DEV_ONLY_FLAGS = ["ENABLE_DEMO_LOGIN", "EMBEDDED_DATABASE"] as const;
const REQUIRED_IN_PRODUCTION = ["DATABASE_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "EMAIL_SERVER", "EMAIL_FROM"] as const;

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
  if (env.NODE_ENV === "production") {
    const problems: string[] = [];
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!env[name]) problems.push(`${name} is required in production`);
    }
    for (const name of DEV_ONLY_FLAGS) {
      if (env[name]) problems.push(`${name} is a dev-only part and must not be set in production`);
    }
    if (problems.length > 0) throw new EnvError(problems);
  }
  return env;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

// A fixed secret for dev and tests only; production must set NEXTAUTH_SECRET (enforced above).
export const DEV_AUTH_SECRET = "pack-market-dev-secret-not-for-production";

export function authSecret(): string {
  return env().NEXTAUTH_SECRET ?? DEV_AUTH_SECRET;
}

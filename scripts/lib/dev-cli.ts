// What the operator's command-line scripts share: with no DATABASE_URL they reach the embedded
// database and the Stripe fake of a running `npm run dev`, with the secrets it keeps in
// .data/secrets.json. With DATABASE_URL (production) they use only what the environment gives.
import { existsSync } from "node:fs";
import { DEV_SECRETS_FILE, loadOrCreateDevSecrets } from "./dev-secrets";
import { DEFAULT_STRIPE_FAKE_PORT } from "../stripe-fake";

export const DEV_DATABASE_URL = `postgresql://postgres@127.0.0.1:${process.env.EMBEDDED_DATABASE_PORT ?? 54329}/postgres`;

export function applyDevDefaults() {
  if (process.env.DATABASE_URL) return;
  process.env.DATABASE_URL = DEV_DATABASE_URL;
  if (!process.env.STRIPE_SECRET_KEY && existsSync(DEV_SECRETS_FILE)) {
    process.env.STRIPE_SECRET_KEY = loadOrCreateDevSecrets().secrets.STRIPE_SECRET_KEY;
    process.env.STRIPE_API_BASE ??= `http://127.0.0.1:${process.env.STRIPE_FAKE_PORT ?? DEFAULT_STRIPE_FAKE_PORT}`;
  }
}

// The one Stripe client. In production it talks to Stripe; in dev and tests STRIPE_API_BASE points
// the unchanged SDK at the local Stripe fake (scripts/stripe-fake), which refuses live keys.
import Stripe from "stripe";
import { stripeConfig } from "~/env";

export type { Stripe };

export function createStripeClient(opts: { secretKey: string; apiBase?: string }): Stripe {
  const base = opts.apiBase ? new URL(opts.apiBase) : undefined;
  return new Stripe(opts.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "pack-market" },
    ...(base && { host: base.hostname, port: Number(base.port), protocol: base.protocol.replace(":", "") as "http" | "https" }),
  });
}

let cached: { key: string; client: Stripe } | undefined;

export function getStripe(): Stripe {
  const config = stripeConfig();
  const key = `${config.secretKey}@${config.apiBase ?? "stripe"}`;
  if (cached?.key !== key) cached = { key, client: createStripeClient(config) };
  return cached.client;
}

export function isStripeMissingResource(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing";
}

// Stripe refused the request itself (an object it no longer has, a parameter it rejects): asking
// again cannot succeed. Connection errors, rate limits and Stripe's own 5xx can, and are not this.
export function isPermanentStripeError(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError;
}

// A Stripe world for integration tests: the local Stripe fake, the app's real webhook route
// served over HTTP as its endpoint, and the app's Stripe client pointed at the fake.
import { startStripeFake, type StripeFake } from "../../scripts/stripe-fake";
import { DEV_STRIPE_CONNECT_WEBHOOK_SECRET, DEV_STRIPE_SECRET_KEY, DEV_STRIPE_WEBHOOK_SECRET } from "~/env";
import { getStripe } from "~/server/stripe/client";
import stripeWebhookRoute from "~/pages/api/webhooks/stripe";
import stripeConnectWebhookRoute from "~/pages/api/webhooks/stripe-connect";
import { startApiServer } from "./next-api";

export const WEBHOOK_PATH = "/api/webhooks/stripe";
export const CONNECT_WEBHOOK_PATH = "/api/webhooks/stripe-connect";

export type TestStripe = {
  fake: StripeFake;
  webhookUrl: string;
  // The Connect endpoint: events of connected accounts (account.updated), with their own secret.
  connectWebhookUrl: string;
  stripe: ReturnType<typeof getStripe>;
  stop: () => Promise<void>;
};

export async function startTestStripe(): Promise<TestStripe> {
  const app = await startApiServer([
    { prefix: CONNECT_WEBHOOK_PATH, handler: stripeConnectWebhookRoute },
    { prefix: WEBHOOK_PATH, handler: stripeWebhookRoute },
  ]);
  const webhookUrl = `${app.url}${WEBHOOK_PATH}`;
  const connectWebhookUrl = `${app.url}${CONNECT_WEBHOOK_PATH}`;
  const fake = await startStripeFake({
    port: 0,
    webhooks: [
      { url: webhookUrl, secret: DEV_STRIPE_WEBHOOK_SECRET },
      { url: connectWebhookUrl, secret: DEV_STRIPE_CONNECT_WEBHOOK_SECRET, connect: true },
    ],
  });
  process.env.STRIPE_API_BASE = fake.url;
  process.env.STRIPE_SECRET_KEY = DEV_STRIPE_SECRET_KEY;
  return {
    fake,
    webhookUrl,
    connectWebhookUrl,
    stripe: getStripe(),
    async stop() {
      await fake.stop();
      await app.close();
    },
  };
}

// The session id is the last path segment of the hosted checkout URL.
export function checkoutSessionIdFromUrl(url: string): string {
  return new URL(url).pathname.split("/").pop() ?? "";
}

// The fake as `npm run dev` and `npm run stripe:fake` run it beside the app: signing events with
// the webhook secrets the app verifies them with (generated per checkout, see
// scripts/lib/dev-secrets.ts), keeping state in .data/ across restarts.
import { DEFAULT_STRIPE_FAKE_PORT, startStripeFake } from "./index";
import type { StripeFake } from "./types";

export type AppWebhookSecrets = { webhookSecret: string; connectWebhookSecret: string };

export function startStripeFakeForApp(appUrl: string, log: (line: string) => void, secrets: AppWebhookSecrets): Promise<StripeFake> {
  const env = process.env;
  return startStripeFake({
    port: Number(env.STRIPE_FAKE_PORT ?? DEFAULT_STRIPE_FAKE_PORT),
    stateFile: env.STRIPE_FAKE_STATE_FILE ?? ".data/stripe-fake.json",
    webhooks: [
      {
        url: env.STRIPE_FAKE_WEBHOOK_URL ?? `${appUrl}/api/webhooks/stripe`,
        secret: secrets.webhookSecret,
      },
      {
        url: env.STRIPE_FAKE_CONNECT_WEBHOOK_URL ?? `${appUrl}/api/webhooks/stripe-connect`,
        secret: secrets.connectWebhookSecret,
        connect: true,
      },
    ],
    // Slower than the tests' default so that events survive a restart of `next dev` (~5 minutes).
    retryDelaysMs: [1000, 2000, 5000, 10_000, 30_000, 60_000, 60_000, 60_000, 60_000],
    log,
  });
}

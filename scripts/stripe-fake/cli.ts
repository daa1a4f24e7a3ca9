// `npm run stripe:fake`: the fake on its own, to try the app against it by hand. It signs events
// with the same dev secrets the app falls back to, and keeps its state in .data/ across restarts.
import { DEV_STRIPE_CONNECT_WEBHOOK_SECRET, DEV_STRIPE_WEBHOOK_SECRET } from "../../src/env";
import { DEFAULT_STRIPE_FAKE_PORT, startStripeFake } from "./index";

async function main() {
  const env = process.env;
  const app = (env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const fake = await startStripeFake({
    port: Number(env.STRIPE_FAKE_PORT ?? DEFAULT_STRIPE_FAKE_PORT),
    stateFile: env.STRIPE_FAKE_STATE_FILE ?? ".data/stripe-fake.json",
    webhooks: [
      {
        url: env.STRIPE_FAKE_WEBHOOK_URL ?? `${app}/api/webhooks/stripe`,
        secret: env.STRIPE_WEBHOOK_SECRET ?? DEV_STRIPE_WEBHOOK_SECRET,
      },
      {
        url: env.STRIPE_FAKE_CONNECT_WEBHOOK_URL ?? `${app}/api/webhooks/stripe-connect`,
        secret: env.STRIPE_CONNECT_WEBHOOK_SECRET ?? DEV_STRIPE_CONNECT_WEBHOOK_SECRET,
        connect: true,
      },
    ],
    // Slower than the tests' default so that events survive a restart of `next dev` (~5 minutes).
    retryDelaysMs: [1000, 2000, 5000, 10_000, 30_000, 60_000, 60_000, 60_000, 60_000],
    log: (line) => console.log(`[stripe] ${line}`),
  });
  console.log(`[stripe] set STRIPE_API_BASE=${fake.url} in the app's environment; dashboard: ${fake.url}/`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(`[stripe] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

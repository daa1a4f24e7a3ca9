// `npm run stripe:fake`: the fake on its own, to try the app against it by hand. It signs events
// with the same secrets `npm run dev` keeps in .data/secrets.json (or the variables, when set).
import { DEV_SECRETS_FILE, loadOrCreateDevSecrets, withUserOverrides } from "../lib/dev-secrets";
import { startStripeFakeForApp } from "./for-app";

async function main() {
  const app = (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const secrets = withUserOverrides(loadOrCreateDevSecrets().secrets, process.env);
  const fake = await startStripeFakeForApp(app, (line) => console.log(`[stripe] ${line}`), {
    webhookSecret: secrets.STRIPE_WEBHOOK_SECRET,
    connectWebhookSecret: secrets.STRIPE_CONNECT_WEBHOOK_SECRET,
  });
  console.log(
    `[stripe] set STRIPE_API_BASE=${fake.url} in the app's environment, with STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET ` +
      `and STRIPE_CONNECT_WEBHOOK_SECRET from ${DEV_SECRETS_FILE} (unless you set them); dashboard: ${fake.url}/`,
  );
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(`[stripe] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

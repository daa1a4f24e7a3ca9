// `npm run stripe:fake`: the fake on its own, to try the app against it by hand.
import { startStripeFakeForApp } from "./for-app";

async function main() {
  const app = (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const fake = await startStripeFakeForApp(app, (line) => console.log(`[stripe] ${line}`));
  console.log(`[stripe] set STRIPE_API_BASE=${fake.url} in the app's environment; dashboard: ${fake.url}/`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(`[stripe] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

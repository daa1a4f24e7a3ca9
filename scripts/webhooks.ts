// `npm run webhooks`: Stripe events that did not end well, and replaying one once its cause is fixed.
//
//   npm run webhooks                      failed (Stripe no longer has the object), dead (gave up after
//                                         repeated failures) and still-retrying events, newest first
//   npm run webhooks -- replay <evt_id>   handle a stored event again (handlers fetch current objects)
//
// Production: run with the app's DATABASE_URL and STRIPE_SECRET_KEY. Dev: with no DATABASE_URL it
// reads the embedded database and the local Stripe fake of a running `npm run dev`, with the secrets
// that `npm run dev` keeps in .data/secrets.json.
import { existsSync } from "node:fs";
import { createDb } from "../src/server/db";
import { getStripe } from "../src/server/stripe/client";
import { listUnsettledStripeEvents, replayStripeEvent } from "../src/server/stripe/unsettled-events";
import { DEV_SECRETS_FILE, loadOrCreateDevSecrets } from "./lib/dev-secrets";
import { DEFAULT_STRIPE_FAKE_PORT } from "./stripe-fake";

const DEV_DATABASE_URL = `postgresql://postgres@127.0.0.1:${process.env.EMBEDDED_DATABASE_PORT ?? 54329}/postgres`;

function applyDevDefaults() {
  if (process.env.DATABASE_URL) return;
  process.env.DATABASE_URL = DEV_DATABASE_URL;
  if (!process.env.STRIPE_SECRET_KEY && existsSync(DEV_SECRETS_FILE)) {
    process.env.STRIPE_SECRET_KEY = loadOrCreateDevSecrets().secrets.STRIPE_SECRET_KEY;
    process.env.STRIPE_API_BASE ??= `http://127.0.0.1:${process.env.STRIPE_FAKE_PORT ?? DEFAULT_STRIPE_FAKE_PORT}`;
  }
}

async function main() {
  applyDevDefaults();
  const db = createDb(process.env.DATABASE_URL!);
  const [command, eventId] = process.argv.slice(2);
  try {
    if (!command || command === "list") {
      const events = await listUnsettledStripeEvents(db);
      if (events.length === 0) return console.log("No failed, dead or retrying Stripe events.");
      for (const e of events) {
        console.log(`${e.id}  ${e.type.padEnd(32)} ${e.status.padEnd(8)} attempts ${String(e.attempts).padStart(2)}  ${e.receivedAt.toISOString()}`);
        if (e.error) console.log(`    ${e.error.split("\n")[0]}`);
      }
      console.log("\nReplay one with: npm run webhooks -- replay <event id>");
    } else if (command === "replay" && eventId) {
      const result = await replayStripeEvent(db, getStripe(), { eventId });
      if (result === "not_found") throw new Error(`No stored Stripe event ${eventId}.`);
      console.log(`${eventId}: ${result}`);
      if (result === "failed" || result === "dead") process.exitCode = 1;
    } else {
      throw new Error("Usage: npm run webhooks [-- list | -- replay <event id>]");
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

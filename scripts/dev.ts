// `npm run dev`: the whole product on a fresh machine. Starts each embedded part that production
// replaces with a real service (Postgres, the workflow executor, Stripe), applies migrations, loads demo
// data (and the demo buyer's subscription, through the Stripe fake), and runs `next dev` with its
// output beside the parts' own log lines.
//
// `next dev` starts at once, beside the database: its own start and first compile take as long as
// the embedded Postgres, and it needs only the database's address. Migrations run only when the
// folder differs from what the database applied (a cheap query, not Prisma's check). Stopping
// (Ctrl-C, SIGTERM) stops `next dev`'s whole process group first, then the parts.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { demoLoginEnabled, parseEnv } from "../src/env";
import { createDb } from "../src/server/db";
import { createStripeClient } from "../src/server/stripe/client";
import { seed } from "../prisma/seed";
import { DEMO_ACCOUNTS } from "../prisma/seed-data";
import { DEFAULT_EXECUTOR_PORT, startInngestDevExecutor, syncWhenReady, type InngestDevExecutor } from "./inngest-dev";
import { nextDevEnv } from "./lib/dev-env";
import { ensureDemoConnectAccounts } from "./lib/demo-connect";
import { ensureDemoPayouts } from "./lib/demo-payouts";
import { ensureDemoSubscription } from "./lib/demo-subscription";
import { DEV_SECRETS_FILE, loadOrCreateDevSecrets, withUserOverrides } from "./lib/dev-secrets";
import { embeddedPostgresUrl, startEmbeddedPostgres, type EmbeddedPostgres } from "./lib/embedded-postgres";
import { migrateIfNeeded } from "./lib/migrate";
import { ancestors, spawnGroup, whenAnAncestorExits, type GroupChild } from "./lib/process-group";
import { startStripeFakeForApp } from "./stripe-fake/for-app";
import type { StripeFake } from "./stripe-fake";

const started = Date.now();
const log = (part: string, message: string) => console.log(`[${part}] ${message}`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

let next: GroupChild | undefined;
let embedded: EmbeddedPostgres | undefined;
let inngestDev: InngestDevExecutor | undefined;
let stripeFake: StripeFake | undefined;
let stopping: Promise<void> | undefined;

// `next dev` first and whole (its server process included), so nothing answers on the port with the
// database gone; then the parts. Once, whoever asks first (a signal, next exiting, a failure).
function shutdown(code: number): Promise<void> {
  stopping ??= (async () => {
    await next?.stop().catch(() => undefined);
    await inngestDev?.close().catch(() => undefined);
    await stripeFake?.stop().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(code);
  })();
  return stopping;
}

// One GET as soon as the server answers (retrying while it is not listening yet), for its side
// effect; gives up quietly after a minute.
async function fetchOnceListening(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !stopping) {
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(60_000) })).arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function main() {
  if (process.env.NODE_ENV === "production") {
    throw new Error("npm run dev starts dev-only parts and refuses NODE_ENV=production. Use npm run build && npm start.");
  }
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  // A SIGTERM to `npm run dev` ends npm and its shell but never reaches this process (see
  // whenAnAncestorExits): stop when they are gone.
  whenAnAncestorExits(ancestors(), () => {
    log("dev", "the process that started npm run dev has gone: stopping");
    void shutdown(0);
  });
  const port = Number(process.env.PORT ?? 3000);
  const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

  // Secrets of this checkout's own, never a value published in the repository.
  const stored = loadOrCreateDevSecrets(DEV_SECRETS_FILE);
  log("dev", stored.created.length > 0 ? `generated ${stored.created.join(", ")} in ${DEV_SECRETS_FILE}` : `secrets from ${DEV_SECRETS_FILE}`);
  const secrets = withUserOverrides(stored.secrets, process.env);

  const embeddedPort = Number(process.env.EMBEDDED_DATABASE_PORT ?? 54329);
  const databaseUrl = process.env.DATABASE_URL ?? embeddedPostgresUrl(embeddedPort);

  // Workflows: the local executor of the Inngest protocol, unless INNGEST_BASE_URL points at a
  // real Inngest server. The SDK's dev mode (INNGEST_DEV=1) skips request signatures.
  let inngestBaseUrl = process.env.INNGEST_BASE_URL;
  if (!inngestBaseUrl) {
    inngestDev = await startInngestDevExecutor({
      port: Number(process.env.INNGEST_DEV_PORT ?? DEFAULT_EXECUTOR_PORT),
      fallbackToFreePort: true,
      log: (message) => log("inngest", message),
    });
    inngestBaseUrl = inngestDev.url;
  } else {
    log("inngest", `using INNGEST_BASE_URL ${inngestBaseUrl}`);
  }

  // Payments: the local Stripe fake, unless STRIPE_SECRET_KEY points the app at real Stripe.
  if (!process.env.STRIPE_SECRET_KEY) {
    stripeFake = await startStripeFakeForApp(appUrl, (line) => log("stripe", line), {
      webhookSecret: secrets.STRIPE_WEBHOOK_SECRET,
      connectWebhookSecret: secrets.STRIPE_CONNECT_WEBHOOK_SECRET,
    });
    log("stripe", `local Stripe fake at ${stripeFake.url} (dashboard: ${stripeFake.url}/; set STRIPE_SECRET_KEY to use Stripe)`);
  } else {
    log("stripe", "using STRIPE_SECRET_KEY");
  }

  const env = nextDevEnv({
    env: process.env,
    secrets: stored.secrets,
    databaseUrl,
    embeddedDatabase: !process.env.DATABASE_URL,
    appUrl,
    inngestBaseUrl,
    stripeApiBase: stripeFake?.url,
  });
  // Checked before next starts, by the app's own rules: a malformed variable stops here.
  const demo = demoLoginEnabled(parseEnv(env));
  // Next's CLI itself, not through npx (whose own start is a second on this machine).
  next = spawnGroup(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), "dev", "--port", String(port)], { stdio: "inherit", env });
  void next.exited.then((code) => shutdown(code ?? 0));
  // next dev compiles a page on its first request: the marketplace's now, while the database
  // starts, and the catalogue's API once the data is there, so the first visitor does not wait.
  const warmUp = (path: string) => void fetchOnceListening(`http://127.0.0.1:${port}${path}`);
  warmUp("/marketplace");

  if (!process.env.DATABASE_URL) {
    mkdirSync(".data", { recursive: true });
    embedded = await startEmbeddedPostgres({ dataDir: ".data/pglite", port: embeddedPort });
    log("db", `embedded Postgres (PGlite) at ${databaseUrl}, data in .data/pglite, up in ${elapsed()} (set DATABASE_URL to use your own)`);
  } else {
    log("db", "using DATABASE_URL");
  }
  const migrated = await migrateIfNeeded(databaseUrl, { quiet: true });
  log("db", migrated === "migrated" ? `migrations applied (${elapsed()})` : "migrations up to date");
  const db = createDb(databaseUrl);
  const { created } = await seed(db);
  log("db", created ? `demo data loaded (${elapsed()})` : "demo data already present");
  warmUp(`/api/trpc/pack.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);

  // The demo buyer's subscription and this period's usage, bought through the local fake (never
  // real Stripe), and the demo sellers' Connect accounts. Applied in this process; a failure only logs.
  if (stripeFake) {
    const demoStarted = Date.now();
    const stripe = createStripeClient({ secretKey: secrets.STRIPE_SECRET_KEY, apiBase: stripeFake.url });
    try {
      const { summary } = await ensureDemoSubscription({ db, stripe, fake: stripeFake, appUrl });
      log("demo", `demo subscription: ${summary} (${Date.now() - demoStarted} ms)`);
    } catch (error) {
      log("demo", `demo subscription not set up: ${error instanceof Error ? error.message : String(error)}`);
    }
    // One seller can receive payouts, one has not finished onboarding.
    try {
      const { summary } = await ensureDemoConnectAccounts({ db, stripe, fake: stripeFake });
      log("demo", `demo Connect accounts: ${summary}`);
    } catch (error) {
      log("demo", `demo Connect accounts not set up: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Last month's statements, finalized and paid, with Stripe revenue behind them.
    const payoutsStarted = Date.now();
    try {
      const { summary } = await ensureDemoPayouts({ db, databaseUrl, stripe, fake: stripeFake, appUrl });
      log("demo", `demo payouts: ${summary} (${Date.now() - payoutsStarted} ms)`);
    } catch (error) {
      log("demo", `demo payouts not set up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await db.$disconnect();
  if (inngestDev) void syncWhenReady(inngestDev, `${appUrl}/api/inngest`, { log: (message) => log("inngest", message) });

  console.log(
    [
      "",
      `  Pack Market: ${appUrl}/marketplace (data ready in ${elapsed()})`,
      demo
        ? `  Sign in at ${appUrl}/auth/signin with a demo account, or with any email: the sign-in link is printed here.`
        : `  Sign in at ${appUrl}/auth/signin with any email: the sign-in link is printed here. Demo accounts are off: they come with the embedded database, or set ENABLE_DEMO_LOGIN=1.`,
      ...(demo ? DEMO_ACCOUNTS.map((a) => `    - ${a.email} (${a.description})`) : []),
      "  Workflows: `npm run workflows` lists runs; `npm run workflows -- trigger heartbeat-cleanup` runs one now.",
      "",
    ].join("\n"),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown(1);
});

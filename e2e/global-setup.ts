// Browser tests: a fresh migrated and seeded database, and the app under `next dev` on a free
// port, exactly as a developer runs it (demo sign-in on, sign-in links printed to stdout, secrets
// generated for the run as `npm run dev` generates its own).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { seed } from "../prisma/seed";
import { createDb } from "../src/server/db";
import { adminQuery, dropDatabase, resolveTestDatabaseTarget, withDatabase } from "../src/test/database";
import { freePort, startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { migrateDeploy } from "../scripts/lib/migrate";
import { startStripeFake } from "../scripts/stripe-fake";
import { startInngestDevExecutor, syncWhenReady } from "../scripts/inngest-dev";
import { generateDevSecrets } from "../scripts/lib/dev-secrets";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    // The Stripe fake the app talks to: its controls (/_fake/...) for browser tests.
    stripeFakeUrl: string;
    serverLogPath: string;
    // The app's database, for tests that set up state through the services (usage, say).
    databaseUrl: string;
  }
}

async function waitForPage(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  const cleanups: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  };
  try {
    await start(project, cleanups);
  } catch (error) {
    // A start that fails (next dev never answering) must not leave its servers running.
    await teardown();
    throw error;
  }
  return teardown;
}

async function start(project: TestProject, cleanups: Array<() => Promise<void>>) {
  const target = await resolveTestDatabaseTarget();
  let databaseUrl: string;
  if (target.kind === "server") {
    const name = `pm_e2e_${process.pid}`;
    await dropDatabase(target.adminUrl, name);
    await adminQuery(target.adminUrl, `CREATE DATABASE "${name}"`);
    databaseUrl = withDatabase(target.adminUrl, name);
    cleanups.push(() => dropDatabase(target.adminUrl, name));
  } else {
    const embedded = await startEmbeddedPostgres();
    databaseUrl = embedded.url;
    cleanups.push(() => embedded.stop());
  }
  await migrateDeploy(databaseUrl, { quiet: true });
  const db = createDb(databaseUrl);
  await seed(db);
  await db.$disconnect();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const secrets = generateDevSecrets();
  const stripeFake = await startStripeFake({
    port: 0,
    webhooks: [
      { url: `${baseUrl}/api/webhooks/stripe`, secret: secrets.STRIPE_WEBHOOK_SECRET },
      // Events of sellers' connected accounts (account.updated after onboarding), as in dev.
      { url: `${baseUrl}/api/webhooks/stripe-connect`, secret: secrets.STRIPE_CONNECT_WEBHOOK_SECRET, connect: true },
    ],
  });
  cleanups.push(() => stripeFake.stop());
  // Workflows run for real too (welcome emails after checkout), with state kept out of .data/.
  mkdirSync("test-results", { recursive: true });
  const inngestState = "test-results/inngest-e2e-state.json";
  rmSync(inngestState, { force: true });
  const inngestDev = await startInngestDevExecutor({ port: 0, stateFile: inngestState, cron: false });
  cleanups.push(() => inngestDev.close());
  const child = spawn("npx", ["next", "dev", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      ...secrets,
      NODE_ENV: "development",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseUrl,
      ENABLE_DEMO_LOGIN: "1",
      STRIPE_API_BASE: stripeFake.url,
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: inngestDev.url,
      NEXT_DIST_DIR: ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  // The server's output is kept: sign-in links and emails are printed there in dev; tests read them.
  const serverLogPath = "test-results/next-e2e.log";
  const serverLog = createWriteStream(serverLogPath);
  child.stdout?.on("data", (d) => {
    serverLog.write(d);
    if (process.env.E2E_VERBOSE) process.stdout.write(`[next] ${d}`);
  });
  child.stderr?.on("data", (d) => process.stderr.write(`[next] ${d}`));
  cleanups.unshift(async () => {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  });
  await waitForPage(`${baseUrl}/marketplace`, child, 180_000);
  if (!(await syncWhenReady(inngestDev, `${baseUrl}/api/inngest`))) throw new Error("the app did not sync with the Inngest executor");
  project.provide("baseUrl", baseUrl);
  project.provide("stripeFakeUrl", stripeFake.url);
  project.provide("serverLogPath", serverLogPath);
  project.provide("databaseUrl", databaseUrl);
}

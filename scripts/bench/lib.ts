// Shared by the benchmarks: a fresh migrated database with a buyer, a key and a subscribed pack of
// rows; the production build (made once, in NEXT_DIST_DIR or .next-bench); `next start` servers.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { createDb } from "../../src/server/db";
import { createApiKey } from "../../src/server/services/api-key/create-api-key";
import { appendPackRows } from "../../src/server/services/data-api/append-pack-rows";
import { adminQuery, dropDatabase, LOCAL_POSTGRES_URL, withDatabase } from "../../src/test/database";
import { migrateDeploy } from "../lib/migrate";

export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-bench";

export type BenchWorld = { databaseUrl: string; slug: string; packId: string; keys: string[]; counterId: string; drop: () => Promise<void> };

export async function createBenchWorld(options: { rows: number; quota: number; keys?: number }): Promise<BenchWorld> {
  const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? LOCAL_POSTGRES_URL;
  const name = `pm_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const databaseUrl = withDatabase(adminUrl, name);
  await migrateDeploy(databaseUrl, { quiet: true });
  const db = createDb(databaseUrl);
  const tag = randomBytes(3).toString("hex");
  const user = await db.user.create({ data: { email: `bench-${tag}@bench.example` } });
  const org = await db.org.create({ data: { name: "Bench buyer", slug: `bench-buyer-${tag}` } });
  await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
  // Three sellers, so the pack meets the default privacy threshold (3 contributors) and serves rows.
  const sellers: Array<{ seller: { id: string }; product: { id: string } }> = [];
  for (const n of [1, 2, 3]) {
    const seller = await db.org.create({ data: { name: `Bench seller ${n}`, slug: `bench-seller-${n}-${tag}` } });
    sellers.push({ seller, product: await db.product.create({ data: { orgId: seller.id, name: "Bench product" } }) });
  }
  const pack = await db.pack.create({
    data: {
      slug: `bench-pack-${tag}`, title: "Bench pack", summary: "Rows for benchmarks", description: "Rows for benchmarks", category: "Mobility",
      revenueShareBps: 5000,
      rowSchema: [{ name: "city", type: "string" }, { name: "hour", type: "string" }, { name: "trips", type: "integer" }, { name: "avgMinutes", type: "number" }],
      sampleRows: [],
      tiers: { create: [{ tier: "enterprise", priceCents: 99900, currency: "usd", rowQuota: options.quota }] },
    },
    include: { tiers: true },
  });
  const cities = ["Oslo", "Lyon", "Porto", "Turin", "Ghent", "Malmö", "Graz", "Brno"];
  for (let start = 0; start < options.rows; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, options.rows - start) }, (_, i) => ({
      packId: pack.id,
      contributorOrgId: sellers[(start + i) % 3]!.seller.id,
      productId: sellers[(start + i) % 3]!.product.id,
      data: { city: cities[(start + i) % cities.length]!, hour: new Date(Date.UTC(2026, 10, 1, (start + i) % 24)).toISOString(), trips: (start + i) % 97, avgMinutes: ((start + i) % 53) + 0.5 },
      sessionAt: new Date(),
    }));
    await db.$transaction((tx) => appendPackRows(tx, rows));
  }
  const periodStart = new Date(Date.now() - 86_400_000);
  const periodEnd = new Date(Date.now() + 29 * 86_400_000);
  const sub = await db.buyerSubscription.create({
    data: {
      buyerOrgId: org.id, packId: pack.id, tierId: pack.tiers[0]!.id, stripeCustomerId: "cus_bench", stripeSubscriptionId: `sub_bench_${tag}`,
      status: "active", currentPeriodStart: periodStart, currentPeriodEnd: periodEnd,
    },
  });
  const counter = await db.buyerUsageCounter.create({ data: { subscriptionId: sub.id, periodStart, periodEnd, rowQuota: options.quota } });
  const keys: string[] = [];
  for (let i = 0; i < (options.keys ?? 1); i++) keys.push((await createApiKey(db, { orgId: org.id, userId: user.id, label: `bench ${i}` })).secret);
  await db.$disconnect();
  return { databaseUrl, slug: pack.slug, packId: pack.id, keys, counterId: counter.id, drop: () => dropDatabase(adminUrl, name) };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

export async function ensureProductionBuild(): Promise<void> {
  if (existsSync(`${DIST_DIR}/BUILD_ID`) && !process.env.BENCH_REBUILD) return;
  console.log(`Building the app into ${DIST_DIR} (once; BENCH_REBUILD=1 builds again)…`);
  await run("npx", ["next", "build"], { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// The environment production insists on, with throwaway values: nothing here reaches a real service.
const PRODUCTION_PLACEHOLDERS = {
  NEXTAUTH_URL: "http://127.0.0.1:3000",
  NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
  EMAIL_SERVER: "smtp://127.0.0.1:2525",
  EMAIL_FROM: "bench@bench.example",
  INNGEST_EVENT_KEY: "bench",
  INNGEST_SIGNING_KEY: `signkey-bench-${randomBytes(16).toString("hex")}`,
  STRIPE_SECRET_KEY: "sk_test_bench",
  STRIPE_WEBHOOK_SECRET: "whsec_bench",
  STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_bench",
  S3_BUCKET: "pm-bench",
  S3_REGION: "us-east-1",
};

// rssMiB: the resident memory of the largest process in the server's group (next-server itself).
export type AppServer = { url: string; rssMiB: () => number; stop: () => Promise<void> };

function largestRssMiB(pgid: number): number {
  const lines = execFileSync("ps", ["-e", "-o", "pgid=,rss="], { encoding: "utf8" }).trim().split("\n");
  let largest = 0;
  for (const line of lines) {
    const [group, rss] = line.trim().split(/\s+/).map(Number);
    if (group === pgid && rss! > largest) largest = rss!;
  }
  return largest / 1024;
}

export async function startApp(env: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  // BENCH_PROFILE=<dir>: the server writes a CPU profile (.cpuprofile, for Chrome's DevTools) there
  // when it stops.
  const profile = process.env.BENCH_PROFILE;
  const [command, args] = profile
    ? [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profile}`, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"]]
    : ["npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"]];
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...PRODUCTION_PLACEHOLDERS, NODE_ENV: "production", NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/api/openapi.json`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    rssMiB: () => largestRssMiB(child.pid!),
    stop: async () => {
      // npx and next: the whole group this script started; then wait until the server is gone.
      if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
      for (let i = 0; i < 100; i++) {
        try {
          await fetch(`${url}/api/openapi.json`);
          await new Promise((r) => setTimeout(r, 100));
        } catch {
          return;
        }
      }
    },
  };
}

// Measurements: BENCH_SECONDS per measurement (default 6) after a 2 s warm-up, BENCH_ROUNDS
// alternating rounds (default 3) reported as medians, BENCH_CONNECTIONS (default 50).
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export type Figures = { name: string; rps: number; p50: number; p99: number; non2xx: number; errors: number };

export async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Figures> {
  // A short warm-up: connections, caches and the JIT, as in any long-running server.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

export function medianOf(runs: Figures[]): Figures {
  return {
    name: runs[0]!.name,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

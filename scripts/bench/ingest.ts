// npm run bench:ingest — sessions/s accepted through POST /v1/ingest/sessions against PostgreSQL,
// in batches of 1,000 from several concurrent senders, and in the same run the same rows written by
// a raw `COPY pack_rows FROM STDIN` (pg-copy-streams), the reference, two ways: one COPY stream of
// all the rows (how one loads a table), and COPYs of the same batches from the same number of
// concurrent senders (stricter: parallel COPYs need no lock). Goal: ingest ≥ 10,000 sessions/s and
// ≥ 0.5× COPY.
//
// Why parallel COPY can pull ahead: appends to one pack hold the pack's lock from their first id to
// their commit (append-pack-rows.ts: a reader paging by id must never miss a row), so the inserts of
// concurrent batches into one pack run one at a time; COPY here takes no lock.
//
// The ingest figures include everything a seller's program pays for: HTTP, key, JSON, the checks of
// every session against the pack's schema and the opt-in history, the pack's append lock, the
// contributors trigger. COPY pays for the table's indexes, foreign keys and trigger only.
// On this shared machine single runs move a lot: ingest and COPY alternate over BENCH_ROUNDS rounds
// (default 3) and the medians are reported.
//
// BENCH_TARGET=next (default): the production build (`next start`, built into .next-bench once).
// BENCH_TARGET=node: the route handler in a plain Node HTTP server in a child process (no build).
// BENCH_SESSIONS per measurement (default 40,000), BENCH_SENDERS (default 4), BENCH_BATCH (1,000).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createDb } from "../../src/server/db";
import { createApiKey } from "../../src/server/services/api-key/create-api-key";
import { adminQuery, dropDatabase, LOCAL_POSTGRES_URL, withDatabase } from "../../src/test/database";
import { migrateDeploy } from "../lib/migrate";
import { ensureProductionBuild, startApp, type AppServer } from "./lib";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 40_000);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 4);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = process.env.BENCH_TARGET ?? "next";

type World = { databaseUrl: string; packId: string; slug: string; ingest: { orgId: string; productId: string; key: string }; copy: { orgId: string; productId: string }; drop: () => Promise<void> };

async function createIngestWorld(): Promise<World> {
  const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? LOCAL_POSTGRES_URL;
  const name = `pm_bench_ingest_${process.pid}_${randomBytes(3).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const databaseUrl = withDatabase(adminUrl, name);
  await migrateDeploy(databaseUrl, { quiet: true });
  const db = createDb(databaseUrl);
  const tag = randomBytes(3).toString("hex");
  const user = await db.user.create({ data: { email: `bench-${tag}@bench.example` } });
  const pack = await db.pack.create({
    data: {
      slug: `bench-ingest-${tag}`, title: "Bench pack", summary: "Sessions for benchmarks", description: "Sessions for benchmarks", category: "Mobility",
      revenueShareBps: 5000,
      rowSchema: [
        { name: "city", type: "string", description: "City" },
        { name: "hour", type: "timestamp", description: "Hour" },
        { name: "trips", type: "integer", description: "Trips" },
        { name: "avgMinutes", type: "number", description: "Average minutes" },
      ],
      sampleRows: [],
    },
  });
  const seller = async (label: string) => {
    const org = await db.org.create({ data: { name: `Bench ${label}`, slug: `bench-${label}-${tag}`, settings: { create: { marketplaceOptIn: true } } } });
    await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
    const product = await db.product.create({ data: { orgId: org.id, name: `Bench ${label} product` } });
    const since = new Date("2020-01-01T00:00:00Z");
    await db.marketplaceOptInPeriod.create({ data: { orgId: org.id, startedAt: since } });
    await db.packOrgMembership.create({ data: { orgId: org.id, productId: product.id, packId: pack.id, enabled: true, periods: { create: { startedAt: since } } } });
    return { org, product };
  };
  const ingest = await seller("ingest");
  const copy = await seller("copy");
  const key = await createApiKey(db, { orgId: ingest.org.id, userId: user.id, label: "bench", scope: "ingest" });
  await db.$disconnect();
  return {
    databaseUrl,
    packId: pack.id,
    slug: pack.slug,
    ingest: { orgId: ingest.org.id, productId: ingest.product.id, key: key.secret },
    copy: { orgId: copy.org.id, productId: copy.product.id },
    drop: () => dropDatabase(adminUrl, name),
  };
}

const CITIES = ["Oslo", "Lyon", "Porto", "Turin", "Ghent", "Malmö", "Graz", "Brno"];

type Session = { client_session_id: string; occurred_at: string; payload: { city: string; hour: string; trips: number; avgMinutes: number } };

// Distinct sessions of this run: ids never repeat across rounds, so every one is accepted.
function makeSessions(round: number, count: number): Session[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    client_session_id: `r${round}-${i}`,
    occurred_at: new Date(now - (i % 3600) * 1000).toISOString(),
    payload: { city: CITIES[i % CITIES.length]!, hour: new Date(Date.UTC(2026, 10, 1, i % 24)).toISOString(), trips: i % 97, avgMinutes: (i % 53) + 0.5 },
  }));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// SENDERS workers take batches off one queue until it is empty.
async function runSenders<T>(batches: T[], send: (batch: T) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < batches.length) await send(batches[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function measureIngest(url: string, world: World, round: number): Promise<number> {
  const sessions = makeSessions(round, SESSIONS);
  // Encoded before the clock starts: the sender's JSON is not the server's cost.
  const bodies = chunks(sessions, BATCH).map((batch) =>
    JSON.stringify({ sessions: batch.map((s) => ({ ...s, product_id: world.ingest.productId, pack: world.slug })) }),
  );
  const headers = { "content-type": "application/json", authorization: `Bearer ${world.ingest.key}` };
  const seconds = await runSenders(bodies, async (body) => {
    const res = await fetch(`${url}/v1/ingest/sessions`, { method: "POST", headers, body });
    const answer = (await res.json()) as { accepted?: number; rejected?: number; error?: unknown };
    if (res.status !== 200 || answer.rejected !== 0) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
  });
  return SESSIONS / seconds;
}

function csvField(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

async function measureCopy(pool: pg.Pool, world: World, round: number, mode: "stream" | "batches"): Promise<number> {
  const sessions = makeSessions(round, SESSIONS);
  const files = chunks(sessions, mode === "stream" ? SESSIONS : BATCH).map((batch) =>
    batch
      .map((s) => [world.packId, world.copy.orgId, world.copy.productId, `${mode}-${s.client_session_id}`, csvField(JSON.stringify(s.payload)), s.occurred_at].join(","))
      .join("\n") + "\n",
  );
  const seconds = await runSenders(files, async (file) => {
    const client = await pool.connect();
    try {
      const stream = client.query(copyFrom(`COPY "pack_rows" ("packId", "contributorOrgId", "productId", "clientSessionId", "data", "sessionAt") FROM STDIN WITH (FORMAT csv)`));
      await new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
        stream.end(file);
      });
    } finally {
      client.release();
    }
  });
  return SESSIONS / seconds;
}

// The ingest route alone in a plain Node HTTP server, in its own process.
function startNodeServer(env: Record<string, string>): Promise<AppServer> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./ingest-server.ts", import.meta.url))], {
    env: { ...process.env, NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`the ingest server exited with ${code}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^listening (\S+)$/m.exec(out)?.[1];
      if (url) resolve({ url, rssMiB: () => 0, stop: async () => void child.kill("SIGTERM") });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

async function main() {
  if (TARGET === "next") await ensureProductionBuild();
  const world = await createIngestWorld();
  const env = {
    DATABASE_URL: world.databaseUrl,
    // Throughput, not the per-key limit, is measured here (the limit has its own tests).
    DATA_API_RATE_PER_SECOND: "1000000000",
    DATA_API_RATE_BURST: "1000000000",
  };
  const app = TARGET === "next" ? await startApp(env) : await startNodeServer(env);
  const pool = new pg.Pool({ connectionString: world.databaseUrl, max: SENDERS });
  try {
    // Warm-up: connections, the JIT and the pack cache, as in any long-running server.
    await measureIngest(app.url, world, 0);
    await measureCopy(pool, world, 0, "stream");
    await measureCopy(pool, world, 0, "batches");
    const ingest: number[] = [];
    const stream: number[] = [];
    const batches: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      ingest.push(await measureIngest(app.url, world, round));
      stream.push(await measureCopy(pool, world, round, "stream"));
      batches.push(await measureCopy(pool, world, round, "batches"));
      console.log(
        `round ${round}/${ROUNDS}: ingest ${Math.round(ingest.at(-1)!)} sessions/s, COPY one stream ${Math.round(stream.at(-1)!)} rows/s, ` +
          `COPY ${SENDERS}×batches ${Math.round(batches.at(-1)!)} rows/s`,
      );
    }
    const a = median(ingest);
    const b = median(stream);
    const c = median(batches);
    console.log(`\n${SESSIONS} sessions per measurement in batches of ${BATCH}, ${SENDERS} concurrent senders, medians of ${ROUNDS} alternating rounds, ${TARGET === "next" ? "production build" : "Node HTTP server"}\n`);
    console.table([
      { target: "POST /v1/ingest/sessions", "sessions/s": Math.round(a) },
      { target: "raw COPY, one stream of the same rows", "sessions/s": Math.round(b) },
      { target: `raw COPY, the same batches from ${SENDERS} senders`, "sessions/s": Math.round(c) },
    ]);
    console.log(`ingest ${Math.round(a)} sessions/s (goal ≥ 10000)`);
    console.log(`ingest/COPY one stream ${(a / b).toFixed(2)}× (goal ≥ 0.50); ingest/COPY ${SENDERS}×batches ${(a / c).toFixed(2)}×`);
    const db = createDb(world.databaseUrl);
    const stored = await db.packRow.count({ where: { contributorOrgId: world.ingest.orgId } });
    await db.$disconnect();
    if (stored !== SESSIONS * (ROUNDS + 1)) throw new Error(`${stored} ingested rows stored, ${SESSIONS * (ROUNDS + 1)} sent`);
  } finally {
    await pool.end();
    await app.stop();
    await world.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// npm run bench:quota — 64 concurrent clients read one subscription's rows through two app
// processes (production build) until its quota Q is spent; prints req/s and fails unless the rows
// served equal Q exactly (and the counter and the debit log agree). The clients use 8 API keys of
// the org, so batches of different keys meet on the one counter too.
// BENCH_QUOTA (default 200000), BENCH_CLIENTS (default 64).
import pg from "pg";
import { createBenchWorld, ensureProductionBuild, startApp } from "./lib";

const QUOTA = Number(process.env.BENCH_QUOTA ?? 200_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 64);

type Tally = { requests: number; rows: number; refused: number; unexpected: string[] };

async function client(urls: string[], slug: string, key: string, index: number, tally: Tally) {
  let cursor = "";
  // Page sizes differ per client, so the last grant is rarely a whole page.
  const limit = 37 + (index % 5) * 20;
  for (;;) {
    const url = `${urls[tally.requests % urls.length]}/v1/packs/${slug}/rows?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    tally.requests++;
    const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { data?: unknown[]; next_cursor?: string; has_more?: boolean; error?: { code: string } };
    if (res.status === 429 && body.error?.code === "quota_exceeded") {
      tally.refused++;
      return;
    }
    if (res.status !== 200) {
      tally.unexpected.push(`${res.status} ${JSON.stringify(body)}`);
      return;
    }
    tally.rows += body.data!.length;
    cursor = body.has_more ? body.next_cursor! : "";
  }
}

async function main() {
  await ensureProductionBuild();
  const world = await createBenchWorld({ rows: 20_000, quota: QUOTA, keys: 8 });
  const env = { DATABASE_URL: world.databaseUrl, DATA_API_RATE_PER_SECOND: "1000000000", DATA_API_RATE_BURST: "1000000000" };
  const apps = [await startApp(env), await startApp(env)];
  try {
    const urls = apps.map((a) => a.url);
    const tally: Tally = { requests: 0, rows: 0, refused: 0, unexpected: [] };
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(urls, world.slug, world.keys[i % world.keys.length]!, i, tally)));
    const seconds = (performance.now() - started) / 1000;
    const db = new pg.Client({ connectionString: world.databaseUrl });
    await db.connect();
    const counter = await db.query<{ rowsUsed: number }>('SELECT "rowsUsed" FROM "buyer_usage_counters" WHERE "id" = $1', [world.counterId]);
    const logged = await db.query<{ sum: string }>('SELECT COALESCE(SUM("rows"), 0)::text AS sum FROM "usage_debits" WHERE "counterId" = $1', [world.counterId]);
    await db.end();
    console.log(`\n${CLIENTS} clients, 2 app processes, quota ${QUOTA}`);
    console.log(`${tally.requests} requests in ${seconds.toFixed(1)} s: ${Math.round(tally.requests / seconds)} req/s, ${Math.round(tally.rows / seconds)} rows/s`);
    console.log(`rows served ${tally.rows}, counter ${counter.rows[0]?.rowsUsed}, debit log ${logged.rows[0]?.sum}, quota_exceeded answers ${tally.refused}`);
    if (tally.unexpected.length > 0) throw new Error(`Unexpected answers: ${tally.unexpected.slice(0, 5).join("; ")}`);
    if (tally.rows !== QUOTA || counter.rows[0]?.rowsUsed !== QUOTA || Number(logged.rows[0]?.sum) !== QUOTA) {
      throw new Error(`Not exact: served ${tally.rows}, counted ${counter.rows[0]?.rowsUsed}, logged ${logged.rows[0]?.sum}, quota ${QUOTA}`);
    }
    console.log("OK: rows served == quota exactly");
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await world.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// npm run bench:api — the rows route against two baselines on the production build, in one run, at
// 50 connections: (a) GET /v1/packs/{slug}/rows?limit=100 with key auth and metering, (b) a bare
// API route answering the same JSON body, (c) a bare route answering the same rows from one raw
// `pg` query. Prints req/s, p50 and p99 of each and (a)'s ratios to (b). Goal: (a) ≥ 0.8× (b) in
// throughput, p99 ≤ 1.5× (b)'s.
// Figures on a shared machine are noisy: the three targets alternate over BENCH_ROUNDS rounds and the
// medians are reported. BENCH_SECONDS per measurement (default 6), BENCH_ROUNDS (default 3),
// BENCH_CONNECTIONS (default 50).
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONNECTIONS, createBenchWorld, ensureProductionBuild, type Figures, measure, medianOf, ROUNDS, SECONDS, startApp } from "./lib";

async function main() {
  await ensureProductionBuild();
  const world = await createBenchWorld({ rows: 5000, quota: 2_000_000_000 });
  const app = await startApp({
    DATABASE_URL: world.databaseUrl,
    BENCH_ROUTES: "1",
    BENCH_BODY_FILE: join(tmpdir(), `pm-bench-body-${process.pid}.json`),
    // Throughput, not the per-key limit, is measured here (the limit has its own tests).
    DATA_API_RATE_PER_SECOND: "1000000000",
    DATA_API_RATE_BURST: "1000000000",
  });
  try {
    const rowsUrl = `${app.url}/v1/packs/${world.slug}/rows?limit=100`;
    const auth = { authorization: `Bearer ${world.keys[0]}` };
    const sample = await fetch(rowsUrl, { headers: auth });
    if (sample.status !== 200) throw new Error(`The rows route answered ${sample.status}: ${await sample.text()}`);
    writeFileSync(join(tmpdir(), `pm-bench-body-${process.pid}.json`), await sample.text());

    const targets: Array<[string, string, Record<string, string>]> = [
      ["(a) rows: key + metering", rowsUrl, auth],
      ["(b) bare route, same JSON", `${app.url}/api/bench/bare`, {}],
      ["(c) bare route, raw pg query", `${app.url}/api/bench/pg?packId=${world.packId}&limit=100`, {}],
    ];
    const runs: Figures[][] = targets.map(() => []);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, [name, url, headers]] of targets.entries()) runs[i]!.push(await measure(name, url, headers));
      console.log(`round ${round}/${ROUNDS}: ${runs.map((r) => `${Math.round(r.at(-1)!.rps)} req/s`).join(", ")}`);
    }
    const results = runs.map(medianOf);
    const [a, b, c] = results as [Figures, Figures, Figures];
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per measurement, medians of ${ROUNDS} alternating rounds, production build\n`);
    console.table(results.map((r) => ({ target: r.name, "req/s": Math.round(r.rps), "p50 ms": r.p50, "p99 ms": r.p99, non2xx: r.non2xx, errors: r.errors })));
    const throughput = a.rps / b.rps;
    const p99 = a.p99 / Math.max(b.p99, 1);
    console.log(`(a)/(b) throughput ${throughput.toFixed(2)}× (goal ≥ 0.80), p99 ${p99.toFixed(2)}× (goal ≤ 1.50)`);
    console.log(`(c)/(b) throughput ${(c.rps / b.rps).toFixed(2)}×, p99 ${(c.p99 / Math.max(b.p99, 1)).toFixed(2)}×`);
    console.log(`(a)/(c) throughput ${(a.rps / c.rps).toFixed(2)}×`);
    if (a.non2xx > 0 || a.errors > 0) throw new Error("The rows route answered errors during the run.");
  } finally {
    await app.stop();
    await world.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// Baselines for the benchmarks (`npm run bench:api`, `npm run bench:pages`), served by the same Next
// server as the routes they measure: "bare" answers a fixed JSON body (the measured route's own
// answer, read from BENCH_BODY_FILE); "pg" answers a pack's rows from one raw `pg` query;
// "catalogue-pg" answers the public catalogue (cards with tiers' cheapest price and contributor
// counts, and the categories) from one raw `pg` query; "memory" answers where this process's memory
// sits (process.memoryUsage and V8's heap spaces, in MiB). Off (not_found) unless BENCH_ROUTES=1.
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import type { NextApiRequest, NextApiResponse } from "next";
import pg from "pg";
import { httpStatus, restErrorBody } from "~/server/errors";

const state = globalThis as unknown as { benchBody?: unknown; benchPool?: pg.Pool };

const CATALOGUE_SQL = `
  WITH cards AS (
    SELECT p."id", p."slug", p."title", p."summary", p."category",
           COALESCE(jsonb_array_length(CASE WHEN jsonb_typeof(p."rowSchema") = 'array' THEN p."rowSchema" END), 0) AS "columnsCount",
           (SELECT count(DISTINCT m."orgId")::int FROM "pack_org_memberships" m JOIN "org_settings" s ON s."orgId" = m."orgId"
             WHERE m."packId" = p."id" AND m."enabled" AND s."marketplaceOptIn") AS "contributorsCount",
           (SELECT json_build_object('amountCents', t."priceCents", 'currency', t."currency") FROM "pack_tiers" t
             WHERE t."packId" = p."id" ORDER BY t."priceCents" LIMIT 1) AS "priceFrom"
    FROM "packs" p WHERE p."status" = 'active'
  )
  SELECT (SELECT COALESCE(json_agg(c ORDER BY c."title"), '[]') FROM cards c) AS "packs",
         (SELECT COALESCE(json_agg(DISTINCT c."category"), '[]') FROM cards c) AS "categories"`;

export default async function benchRoute(req: NextApiRequest, res: NextApiResponse) {
  if (process.env.BENCH_ROUTES !== "1") {
    res.status(httpStatus("not_found")).json(restErrorBody({ code: "not_found", message: "There is no API route at this path." }));
    return;
  }
  if (req.query.target === "bare") {
    state.benchBody ??= JSON.parse(readFileSync(process.env.BENCH_BODY_FILE!, "utf8"));
    res.status(200).json(state.benchBody);
    return;
  }
  if (req.query.target === "memory") {
    const mib = (bytes: number) => Math.round(bytes / 1048576);
    const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, mib(v)]));
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, mib(s.space_size)]));
    res.status(200).json({ ...usage, heapSpaces: spaces });
    return;
  }
  state.benchPool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  if (req.query.target === "catalogue-pg") {
    const { rows } = await state.benchPool.query<{ packs: unknown; categories: unknown }>(CATALOGUE_SQL);
    res.status(200).json(rows[0]);
    return;
  }
  const { rows } = await state.benchPool.query<{ data: unknown }>(
    'SELECT "data" FROM "pack_rows" WHERE "packId" = $1 ORDER BY "id" LIMIT $2',
    [String(req.query.packId), Number(req.query.limit ?? 100)],
  );
  res.status(200).json({ data: rows.map((r) => r.data) });
}

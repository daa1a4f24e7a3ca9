// Baselines for `npm run bench:api`, served by the same Next server as the rows route: "bare"
// answers a fixed JSON body (the rows route's own answer, read from BENCH_BODY_FILE), "pg" answers
// the same rows from one raw `pg` query. Off (not_found) unless BENCH_ROUTES=1.
import { readFileSync } from "node:fs";
import type { NextApiRequest, NextApiResponse } from "next";
import pg from "pg";
import { httpStatus, restErrorBody } from "~/server/errors";

const state = globalThis as unknown as { benchBody?: unknown; benchPool?: pg.Pool };

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
  state.benchPool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const { rows } = await state.benchPool.query<{ data: unknown }>(
    'SELECT "data" FROM "pack_rows" WHERE "packId" = $1 ORDER BY "id" LIMIT $2',
    [String(req.query.packId), Number(req.query.limit ?? 100)],
  );
  res.status(200).json({ data: rows.map((r) => r.data) });
}

// The one way rows enter a pack while buyers read it: seeds, tests and benchmarks append rows as
// they are, session ingest appends only the rows its contributors may contribute. One statement
// per call, whatever the number of rows and packs.
//
// Readers page by id ("after the cursor"), so a row must never become visible with an id below one
// a reader has already passed: two appends committing out of order (ids 10 and 11 taken, 11
// commits first, a reader moves past 11, then 10 commits) would lose row 10 for good. Appends to
// a pack therefore take the pack's advisory lock for their transaction (packs in id order, so two
// appends to the same packs never deadlock): the next append draws its ids only after this one has
// committed.
//
// Idempotency: a row with a clientSessionId is stored at most once per (contributor org, client
// session id), by the unique index on pack_rows; the same id again (in an earlier call, a
// concurrent one or earlier in the same call) is reported as a duplicate and changes nothing.
import type pg from "pg";
import type { Prisma } from "~/server/db";

// Where the statement runs: a Prisma transaction (seeds, tests, benchmarks' set-up: the locks last
// until it commits) or a node-postgres pool (ingest: the statement alone, in autocommit, so its
// locks end when it does; see sql-pool.ts for why not Prisma there).
export type SqlTarget = Pick<Prisma.TransactionClient, "$queryRawUnsafe"> | pg.Pool;

async function query<T>(target: SqlTarget, text: string, values: unknown[]): Promise<T[]> {
  if ("$queryRawUnsafe" in target) return target.$queryRawUnsafe<T[]>(text, ...values);
  return (await target.query(text, values)).rows as T[];
}

export type NewPackRow = {
  packId: string;
  contributorOrgId: string;
  productId: string;
  clientSessionId?: string | null;
  data: Prisma.InputJsonValue;
  sessionAt: Date;
};

// Why ingest refused a row, decided by the database at the row's own session time.
export type Ineligible = "pack_not_found" | "product_not_found" | "marketplace_off" | "not_opted_in";

export type AppendOutcome = "inserted" | "duplicate" | Ineligible;

export type AppendOptions = {
  // Ingest: keep a row only if its pack is active, its product belongs to its contributor org, and
  // at its sessionAt both the org's global marketplace switch and the product's opt-in into the
  // pack were on (marketplace_opt_in_periods, pack_opt_in_periods: startedAt <= sessionAt < endedAt).
  checkEligibility?: boolean;
};

type Classified = { i: number; outcome: AppendOutcome };

// $1: the rows as JSON; $2: whether to check eligibility.
const APPEND_SQL = `
    WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb)
        AS x(i int, pack text, org text, product text, sid text, at timestamptz(3), data jsonb)
    ),
    checked AS (
      SELECT x.*,
        CASE
          WHEN x.sid IS NOT NULL AND EXISTS (
            SELECT 1 FROM "pack_rows" r WHERE r."contributorOrgId" = x.org AND r."clientSessionId" = x.sid
          ) THEN 'duplicate'
          -- Without the check, the first branch ends the CASE: no lookups at all.
          WHEN NOT $2::boolean THEN NULL
          WHEN NOT EXISTS (SELECT 1 FROM "packs" p WHERE p."id" = x.pack AND p."status" = 'active') THEN 'pack_not_found'
          WHEN NOT EXISTS (SELECT 1 FROM "products" pr WHERE pr."id" = x.product AND pr."orgId" = x.org) THEN 'product_not_found'
          WHEN NOT EXISTS (
            SELECT 1 FROM "marketplace_opt_in_periods" m
            WHERE m."orgId" = x.org AND m."startedAt" <= x.at AND (m."endedAt" IS NULL OR x.at < m."endedAt")
          ) THEN 'marketplace_off'
          WHEN NOT EXISTS (
            SELECT 1 FROM "pack_org_memberships" pm JOIN "pack_opt_in_periods" pp ON pp."membershipId" = pm."id"
            WHERE pm."orgId" = x.org AND pm."productId" = x.product AND pm."packId" = x.pack
              AND pp."startedAt" <= x.at AND (pp."endedAt" IS NULL OR x.at < pp."endedAt")
          ) THEN 'not_opted_in'
        END AS refusal
      FROM input x
    ),
    candidates AS (
      SELECT c.*, CASE WHEN c.sid IS NULL THEN 1 ELSE row_number() OVER (PARTITION BY c.org, c.sid ORDER BY c.i) END AS nth
      FROM checked c WHERE c.refusal IS NULL
    ),
    -- The packs' locks, in id order (two appends to the same packs never deadlock). Evaluated once,
    -- as the insert reads its first row: after the checks, before any id is drawn (the sort below
    -- reads every row before the insert takes the first).
    locks AS (
      SELECT count(pg_advisory_xact_lock(hashtextextended('pack_rows:' || s.pack, 0)))::int AS n
      FROM (SELECT DISTINCT pack FROM candidates WHERE nth = 1 ORDER BY pack) s
    ),
    inserted AS (
      INSERT INTO "pack_rows" ("packId", "contributorOrgId", "productId", "clientSessionId", "data", "sessionAt")
      SELECT pack, org, product, sid, data, at FROM candidates WHERE nth = 1 AND (SELECT n FROM locks) >= 0 ORDER BY i
      ON CONFLICT ("contributorOrgId", "clientSessionId") DO NOTHING
      RETURNING "contributorOrgId" AS org, "clientSessionId" AS sid
    )
    SELECT c.i,
      CASE
        WHEN c.refusal IS NOT NULL THEN c.refusal
        WHEN c.sid IS NULL THEN 'inserted'
        WHEN k.nth = 1 AND n.sid IS NOT NULL THEN 'inserted'
        ELSE 'duplicate'
      END AS outcome
    FROM checked c
    LEFT JOIN candidates k ON k.i = c.i
    LEFT JOIN inserted n ON n.org = c.org AND n.sid = c.sid
    ORDER BY c.i`;

// Each row's outcome, in the order given. One round trip: the rows travel as one JSON parameter,
// every check is a join on indexed tables, and the packs' locks are taken inside the statement
// once the rows to insert are known (the checks run outside the lock, concurrently with other
// appends) and just before the first id is drawn.
export async function appendPackRows(target: SqlTarget, rows: NewPackRow[], options: AppendOptions = {}): Promise<AppendOutcome[]> {
  if (rows.length === 0) return [];
  const input = JSON.stringify(
    rows.map((row, i) => ({
      i,
      pack: row.packId,
      org: row.contributorOrgId,
      product: row.productId,
      sid: row.clientSessionId ?? null,
      at: row.sessionAt.toISOString(),
      data: row.data,
    })),
  );
  const classified = await query<Classified>(target, APPEND_SQL, [input, options.checkEligibility === true]);
  return classified.map((row) => row.outcome);
}

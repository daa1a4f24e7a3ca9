// The draft statements of one month, computed set-based in SQL (10,000 orgs × 20 packs is a few
// statements, not 200,000 Prisma calls) and replaced idempotently: running it twice gives the same
// rows. DESIGN.md §4:
//   gross G  = the pack's revenue rows of the month (paid invoices minus refunds), per currency;
//   pool     = floor(G × revenueShareBps / 10000)           (money.ts revenuePool)
//   shares   = the pool split by sessions, largest remainder, ties by org id ascending
//                                                           (money.ts allocateLargestRemainder)
// The SQL below computes exactly what those two functions compute (a test holds it to them on
// random input); it exists because the split must run in the database at this scale.
//
// Pending items go onto the month that `includePending` names (the earliest open month):
// - adjustment: a finalized pack month whose revenue changed since (a refund, or a payment, that
//   arrived after finalization). The pool is recomputed on today's gross and split by the same
//   sessions; each org's line is what it should have had minus what it got so far (its share and
//   the adjustments already finalized), negative for a refund. It names the pool and the
//   statement it corrects.
// - carried_forward: a statement that was carried forward (negative, under the minimum, payouts not
//   enabled) or failed (transfer failed or reversed) and whose amount no finalized statement has
//   taken over yet; it names that statement.
//
// Currency: one per statement, STATEMENT_CURRENCY. Revenue in another currency is not pooled: it is
// returned in `refusedRevenue` (and finalizing refuses the month, see finalize-statements.ts).
import { STATEMENT_CURRENCY } from "~/lib/money";
import { monthDay, monthKey } from "~/lib/month";
import type { Prisma } from "~/server/db";

type Tx = Prisma.TransactionClient;

export type RefusedRevenue = { packId: string; currency: string; amountCents: number };

export type ComputeResult = {
  month: string;
  pools: number;
  statements: number;
  shareLines: number;
  pendingLines: number;
  refusedRevenue: RefusedRevenue[];
};

// Whether anything of the month is past draft: then it is never recomputed.
export async function isMonthFinalized(tx: Tx, month: Date): Promise<boolean> {
  const d = monthDay(month);
  const [row] = await tx.$queryRaw<Array<{ finalized: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM "org_monthly_statements" WHERE "month" = ${d}::date AND "status" <> 'draft')
        OR EXISTS (SELECT 1 FROM "pack_monthly_pools" WHERE "month" = ${d}::date AND "finalizedAt" IS NOT NULL) AS "finalized"`;
  return Boolean(row?.finalized);
}

export async function computeDraftStatements(tx: Tx, month: Date, opts: { includePending: boolean }): Promise<ComputeResult> {
  const d = monthDay(month);
  const cur = STATEMENT_CURRENCY;
  if (await isMonthFinalized(tx, month)) throw new Error(`computeDraftStatements: ${d} is finalized`);

  // 1. Forget the month's draft lines and pools (and, when this month takes the pending items,
  //    pending lines wherever a draft holds them, so each is placed exactly once).
  await tx.$executeRaw`
    DELETE FROM "statement_lines" l USING "org_monthly_statements" s
    WHERE l."statementId" = s."id" AND s."status" = 'draft'
      AND (s."month" = ${d}::date OR (${opts.includePending}::boolean AND l."kind" <> 'share'))`;
  await tx.$executeRaw`DELETE FROM "pack_monthly_pools" WHERE "month" = ${d}::date AND "finalizedAt" IS NULL`;

  // 2. Pools: every pack with revenue (in the statement currency) or sessions this month.
  const pools = await tx.$executeRaw`
    WITH gross AS (
      SELECT "packId", SUM("amountCents")::bigint AS g FROM "revenue"
      WHERE "month" = ${d}::date AND lower("currency") = ${cur}::text GROUP BY "packId"
    ), sessions AS (
      SELECT "packId", SUM("sessions")::bigint AS n FROM "contributions"
      WHERE "month" = ${d}::date AND "sessions" > 0 GROUP BY "packId"
    ), packs_of_month AS (SELECT "packId" FROM gross UNION SELECT "packId" FROM sessions)
    INSERT INTO "pack_monthly_pools" ("id", "packId", "month", "currency", "grossCents", "revenueShareBps", "poolCents", "totalSessions", "computedAt")
    SELECT 'pool_' || md5(k."packId" || ':' || ${d}::text || ':' || ${cur}::text), k."packId", ${d}::date, ${cur}::text,
           COALESCE(g.g, 0), p."revenueShareBps",
           CASE WHEN COALESCE(g.g, 0) <= 0 THEN 0 ELSE (g.g * p."revenueShareBps") / 10000 END,
           COALESCE(s.n, 0), now()
    FROM packs_of_month k
    JOIN "packs" p ON p."id" = k."packId"
    LEFT JOIN gross g ON g."packId" = k."packId"
    LEFT JOIN sessions s ON s."packId" = k."packId"`;

  // 3. Candidate lines, then statements for their orgs, then the lines themselves.
  await tx.$executeRaw`
    CREATE TEMP TABLE IF NOT EXISTS "pm_statement_lines" (
      "orgId" text NOT NULL, "kind" "StatementLineKind" NOT NULL, "packId" text, "poolId" text,
      "sourceStatementId" text, "sessions" integer NOT NULL, "packTotalSessions" integer NOT NULL,
      "packGrossCents" integer NOT NULL, "shareCents" integer NOT NULL
    ) ON COMMIT DROP`;
  await tx.$executeRaw`TRUNCATE "pm_statement_lines"`;

  const shareLines = await tx.$executeRaw`
    WITH org_sessions AS (
      SELECT "orgId", "packId", SUM("sessions")::bigint AS n FROM "contributions"
      WHERE "month" = ${d}::date GROUP BY "orgId", "packId" HAVING SUM("sessions") > 0
    ), parts AS (
      SELECT o."orgId", pl."id" AS "poolId", pl."packId", o.n, pl."totalSessions", pl."grossCents", pl."poolCents",
             (pl."poolCents"::bigint * o.n) / pl."totalSessions" AS fl,
             (pl."poolCents"::bigint * o.n) % pl."totalSessions" AS rem
      FROM org_sessions o
      JOIN "pack_monthly_pools" pl ON pl."packId" = o."packId" AND pl."month" = ${d}::date AND pl."currency" = ${cur}::text
    ), ranked AS (
      SELECT *, "poolCents" - SUM(fl) OVER (PARTITION BY "poolId") AS leftover,
             ROW_NUMBER() OVER (PARTITION BY "poolId" ORDER BY rem DESC, "orgId" COLLATE "C" ASC) AS rnk
      FROM parts
    )
    INSERT INTO "pm_statement_lines"
    SELECT "orgId", 'share', "packId", "poolId", NULL, n, "totalSessions", "grossCents",
           (fl + CASE WHEN rnk <= leftover THEN 1 ELSE 0 END)::integer
    FROM ranked`;

  let pendingLines = 0;
  if (opts.includePending) {
    pendingLines += await tx.$executeRaw`
      WITH changed AS (
        SELECT pl."id" AS "poolId", pl."packId", pl."grossCents" AS old_gross, pl."totalSessions", pl."revenueShareBps",
               COALESCE(r.g, 0) AS new_gross
        FROM "pack_monthly_pools" pl
        LEFT JOIN LATERAL (
          SELECT SUM("amountCents")::bigint AS g FROM "revenue" r
          WHERE r."packId" = pl."packId" AND r."month" = pl."month" AND lower(r."currency") = pl."currency"
        ) r ON true
        WHERE pl."finalizedAt" IS NOT NULL AND pl."month" < ${d}::date AND pl."totalSessions" > 0
          AND COALESCE(r.g, 0) <> pl."grossCents"
      ), corrected AS (
        SELECT *, CASE WHEN new_gross <= 0 THEN 0 ELSE (new_gross * "revenueShareBps") / 10000 END AS new_pool FROM changed
      ), parts AS (
        SELECT s."orgId", s."id" AS source, c."poolId", c."packId", sl."sessions", c."totalSessions", c.new_pool,
               (c.new_gross - c.old_gross) AS delta_gross, sl."shareCents" AS original,
               (c.new_pool * sl."sessions") / c."totalSessions" AS fl,
               (c.new_pool * sl."sessions") % c."totalSessions" AS rem
        FROM corrected c
        JOIN "statement_lines" sl ON sl."poolId" = c."poolId" AND sl."kind" = 'share'
        JOIN "org_monthly_statements" s ON s."id" = sl."statementId"
      ), ranked AS (
        SELECT *, new_pool - SUM(fl) OVER (PARTITION BY "poolId") AS leftover,
               ROW_NUMBER() OVER (PARTITION BY "poolId" ORDER BY rem DESC, "orgId" COLLATE "C" ASC) AS rnk
        FROM parts
      ), already AS (
        SELECT l."poolId", t."orgId", SUM(l."shareCents")::bigint AS cents
        FROM "statement_lines" l JOIN "org_monthly_statements" t ON t."id" = l."statementId"
        WHERE l."kind" = 'adjustment' AND t."status" <> 'draft'
        GROUP BY l."poolId", t."orgId"
      ), owed AS (
        SELECT ranked.*, (fl + CASE WHEN rnk <= leftover THEN 1 ELSE 0 END) - original - COALESCE(a.cents, 0) AS adj
        FROM ranked LEFT JOIN already a ON a."poolId" = ranked."poolId" AND a."orgId" = ranked."orgId"
      )
      INSERT INTO "pm_statement_lines"
      SELECT "orgId", 'adjustment', "packId", "poolId", source, "sessions", "totalSessions", delta_gross::integer, adj::integer
      FROM owed WHERE adj <> 0`;

    pendingLines += await tx.$executeRaw`
      INSERT INTO "pm_statement_lines"
      SELECT s."orgId", 'carried_forward', NULL, NULL, s."id", 0, 0, 0, s."totalCents"
      FROM "org_monthly_statements" s
      WHERE s."status" IN ('carried_forward', 'failed') AND s."month" < ${d}::date AND s."totalCents" <> 0
        AND NOT EXISTS (
          SELECT 1 FROM "statement_lines" l JOIN "org_monthly_statements" t ON t."id" = l."statementId"
          WHERE l."sourceStatementId" = s."id" AND l."kind" = 'carried_forward' AND t."status" <> 'draft')`;
  }

  const statements = await tx.$executeRaw`
    INSERT INTO "org_monthly_statements" ("id", "orgId", "month", "status", "totalCents", "currency", "createdAt", "updatedAt")
    SELECT 'st_' || md5(o."orgId" || ':' || ${d}::text), o."orgId", ${d}::date, 'draft', 0, ${cur}::text, now(), now()
    FROM (SELECT DISTINCT "orgId" FROM "pm_statement_lines") o
    ON CONFLICT ("orgId", "month") DO UPDATE SET "updatedAt" = now()
    WHERE "org_monthly_statements"."status" = 'draft'`;

  await tx.$executeRaw`
    INSERT INTO "statement_lines" ("id", "statementId", "kind", "packId", "poolId", "sourceStatementId", "sessions", "packTotalSessions", "packGrossCents", "shareCents")
    SELECT gen_random_uuid()::text, s."id", c."kind", c."packId", c."poolId", c."sourceStatementId", c."sessions", c."packTotalSessions", c."packGrossCents", c."shareCents"
    FROM "pm_statement_lines" c
    JOIN "org_monthly_statements" s ON s."orgId" = c."orgId" AND s."month" = ${d}::date`;

  // 4. Totals of every draft touched, and drafts left without a line are removed.
  await tx.$executeRaw`
    UPDATE "org_monthly_statements" s
    SET "totalCents" = COALESCE((SELECT SUM(l."shareCents") FROM "statement_lines" l WHERE l."statementId" = s."id"), 0), "updatedAt" = now()
    WHERE s."status" = 'draft' AND (s."month" = ${d}::date OR ${opts.includePending}::boolean)`;
  await tx.$executeRaw`
    DELETE FROM "org_monthly_statements" s
    WHERE s."status" = 'draft' AND NOT EXISTS (SELECT 1 FROM "statement_lines" l WHERE l."statementId" = s."id")`;

  const refused = await tx.$queryRaw<Array<{ packId: string; currency: string; amountCents: bigint }>>`
    SELECT "packId", lower("currency") AS "currency", SUM("amountCents")::bigint AS "amountCents" FROM "revenue"
    WHERE "month" = ${d}::date AND lower("currency") <> ${cur}::text
    GROUP BY "packId", lower("currency") ORDER BY "packId", 2`;

  return {
    month: monthKey(month),
    pools,
    statements,
    shareLines,
    pendingLines,
    refusedRevenue: refused.map((r) => ({ packId: r.packId, currency: r.currency, amountCents: Number(r.amountCents) })),
  };
}

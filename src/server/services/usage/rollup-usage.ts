// Rows used per counter and UTC day (UsageDaily), recomputed from the debit log rather than added
// up from increments, so running it twice, late or concurrently still gives exact totals.
//
// Which days to recompute: each counter's rollup mark is the time of the last run that wrote one of
// its days, less SETTLE (the reader, usage-series.ts, uses the same mark).
// Every debit created before the mark was already visible to that run, because a debit commits
// within seconds of its createdAt (one short transaction, debit-quota.ts) and SETTLE is far longer.
// So a run recomputes only the days of debits created since the mark, and a reader can trust
// UsageDaily for the days before the mark's day and count the rest from the log.
import type { Db } from "~/server/db";
import { inLockedTransaction } from "../lock";

// How long a debit may take from its createdAt (transaction start) to commit, with a wide margin.
export const SETTLE = "10 minutes";

const LOCK_KEY = "usage-rollup";

export async function rollupUsage(db: Db): Promise<{ days: number }> {
  // One run at a time: a run with an older snapshot must never write after one with a newer one.
  // The lock is taken before the statement, whose snapshot therefore sees every earlier run's work.
  const days = await inLockedTransaction(db, LOCK_KEY, (tx) =>
    // A counter's updatedAt moves with each debit (same statement, same now()), so counters not
    // touched since their mark have nothing new; the others are scanned by (counterId, createdAt).
    tx.$executeRaw`
      WITH marks AS (
        SELECT c."id",
          (SELECT max(u."updatedAt") FROM "usage_daily" u WHERE u."counterId" = c."id") - ${SETTLE}::interval AS mark
        FROM "buyer_usage_counters" c
      ), touched AS (
        SELECT DISTINCT d."counterId", (d."createdAt" AT TIME ZONE 'UTC')::date AS day
        FROM marks m
        JOIN "buyer_usage_counters" c ON c."id" = m."id" AND (m.mark IS NULL OR c."updatedAt" >= m.mark)
        JOIN "usage_debits" d ON d."counterId" = m."id" AND (m.mark IS NULL OR d."createdAt" >= m.mark)
      )
      INSERT INTO "usage_daily" ("counterId", "day", "rows", "updatedAt")
      SELECT t."counterId", t.day, sum(d."rows")::int, now()
      FROM touched t
      JOIN "usage_debits" d ON d."counterId" = t."counterId"
        AND d."createdAt" >= (t.day::timestamp AT TIME ZONE 'UTC')
        AND d."createdAt" < ((t.day + 1)::timestamp AT TIME ZONE 'UTC')
      GROUP BY t."counterId", t.day
      ON CONFLICT ("counterId", "day") DO UPDATE SET "rows" = EXCLUDED."rows", "updatedAt" = EXCLUDED."updatedAt"`,
  );
  return { days };
}

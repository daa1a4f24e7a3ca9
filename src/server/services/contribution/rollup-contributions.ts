// Sessions contributed per (org, product, pack, UTC month), recomputed from pack_rows rather than
// added up from increments, so running it twice, late or concurrently gives exact figures. Every
// pack row is a contributed session: ingest stores only sessions that were eligible at their own
// time (append-pack-rows.ts), so the opt-in history is already applied.
//
// Which months: the current one and the previous one by default. Ingest takes sessions of the
// previous month only during the first days of a month (ingest-sessions.ts), so every row ever
// accepted lies in a month the next run recomputes. A backfill passes its own range.
import type { Db } from "~/server/db";
import { monthStart } from "~/lib/month";
import { inLockedTransaction } from "../lock";

const LOCK_KEY = "contributions-rollup";

export type RollupRange = { from: Date; until: Date };

// [start of the previous month, start of the next month) around `now`.
export function defaultRollupRange(now: Date): RollupRange {
  const month = monthStart(now);
  return {
    from: new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - 1, 1)),
    until: new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1)),
  };
}

export async function rollupContributions(db: Db, input: { now?: Date; range?: RollupRange } = {}): Promise<{ from: string; until: string; written: number; removed: number }> {
  const range = input.range ?? defaultRollupRange(input.now ?? new Date());
  const from = monthStart(range.from);
  const until = monthStart(range.until);
  // One run at a time: a run with an older snapshot must never write after one with a newer one.
  const [written, removed] = await inLockedTransaction(db, LOCK_KEY, async (tx) => {
    // Pack by pack through the (packId, sessionAt) index.
    const upserted = await tx.$executeRaw`
      INSERT INTO "contributions" ("id", "orgId", "productId", "packId", "month", "sessions", "updatedAt")
      SELECT 'ctb_' || md5(r."contributorOrgId" || '|' || r."productId" || '|' || p."id" || '|' || r.month::text),
             r."contributorOrgId", r."productId", p."id", r.month, r.sessions, now()
      FROM "packs" p
      CROSS JOIN LATERAL (
        SELECT x."contributorOrgId", x."productId", date_trunc('month', x."sessionAt" AT TIME ZONE 'UTC')::date AS month, count(*)::int AS sessions
        FROM "pack_rows" x
        WHERE x."packId" = p."id" AND x."sessionAt" >= ${from} AND x."sessionAt" < ${until}
        GROUP BY 1, 2, 3
      ) r
      ON CONFLICT ("orgId", "productId", "packId", "month") DO UPDATE
        SET "sessions" = EXCLUDED."sessions", "updatedAt" = EXCLUDED."updatedAt"
        WHERE "contributions"."sessions" IS DISTINCT FROM EXCLUDED."sessions"`;
    // A month's figure whose rows are gone (their org or product was deleted) goes too.
    const deleted = await tx.$executeRaw`
      DELETE FROM "contributions" c
      WHERE c."month" >= ${from}::date AND c."month" < ${until}::date
        AND NOT EXISTS (
          SELECT 1 FROM "pack_rows" x
          WHERE x."packId" = c."packId" AND x."contributorOrgId" = c."orgId" AND x."productId" = c."productId"
            AND x."sessionAt" >= (c."month"::timestamp AT TIME ZONE 'UTC')
            AND x."sessionAt" < ((c."month" + interval '1 month')::timestamp AT TIME ZONE 'UTC')
        )`;
    return [upserted, deleted] as const;
  });
  return { from: from.toISOString().slice(0, 10), until: until.toISOString().slice(0, 10), written, removed };
}

// Counting rows against a period's quota, exactly, under any concurrency and across processes: one
// UPDATE decides how many rows a request gets (row lock on the counter, so concurrent debits queue)
// and never takes rowsUsed past rowQuota (a trigger refuses it anyway). The debit is logged for the
// usage rollup in the same statement, and crossing 80% or 100% raises that period's alert once.
import type { Db, Prisma } from "~/server/db";
import { enqueueEvent } from "~/server/outbox";
import { usageAlertRaised } from "../../../../inngest/events";

export const ALERT_THRESHOLDS_PCT = [80, 100] as const;

export type DebitMode =
  // A rows page: as many as remain, up to the request.
  | "up_to"
  // A snapshot: all of them or none.
  | "all_or_nothing";

export type DebitInput = {
  counterId: string;
  rows: number;
  mode: DebitMode;
  source: "api" | "snapshot";
  apiKeyId?: string | null;
};

export type DebitResult = { granted: number; rowsUsed: number; rowQuota: number; remaining: number };

type Row = { granted: number; rowsUsed: number; rowQuota: number };

async function debitIn(tx: Prisma.TransactionClient, input: DebitInput): Promise<DebitResult> {
  const allOrNothing = input.mode === "all_or_nothing";
  const [row] = await tx.$queryRaw<Row[]>`
    WITH c AS (
      SELECT "id", "rowsUsed" AS before, "rowQuota" - "rowsUsed" AS left_before
      FROM "buyer_usage_counters" WHERE "id" = ${input.counterId} FOR UPDATE
    ), g AS (
      SELECT "id", before, CASE
        WHEN ${allOrNothing} THEN CASE WHEN left_before >= ${input.rows} THEN ${input.rows}::int ELSE 0 END
        ELSE GREATEST(0, LEAST(${input.rows}::int, left_before)) END AS granted
      FROM c
    ), u AS (
      UPDATE "buyer_usage_counters" b SET "rowsUsed" = b."rowsUsed" + g.granted, "updatedAt" = now()
      FROM g WHERE b."id" = g."id" AND g.granted > 0
      RETURNING b."id"
    ), d AS (
      INSERT INTO "usage_debits" ("counterId", "rows", "source", "apiKeyId")
      SELECT g."id", g.granted, ${input.source}::"UsageSource", ${input.apiKeyId ?? null} FROM g WHERE g.granted > 0
    )
    SELECT g.granted::int AS "granted", (g.before + g.granted)::int AS "rowsUsed", b."rowQuota"::int AS "rowQuota"
    FROM g JOIN "buyer_usage_counters" b ON b."id" = g."id"`;
  if (!row) throw new Error(`No usage counter ${input.counterId}`);
  const before = row.rowsUsed - row.granted;
  for (const pct of ALERT_THRESHOLDS_PCT) {
    const mark = Math.ceil((row.rowQuota * pct) / 100);
    if (row.granted > 0 && before < mark && row.rowsUsed >= mark) {
      const { count } = await tx.usageAlert.createMany({ data: [{ counterId: input.counterId, thresholdPct: pct }], skipDuplicates: true });
      if (count === 1) {
        await enqueueEvent(tx, {
          id: `usage-alert:${input.counterId}:${pct}`,
          name: usageAlertRaised.name,
          data: { counterId: input.counterId, thresholdPct: pct },
        });
      }
    }
  }
  return { granted: row.granted, rowsUsed: row.rowsUsed, rowQuota: row.rowQuota, remaining: row.rowQuota - row.rowsUsed };
}

export async function debitQuota(db: Db, input: DebitInput): Promise<DebitResult> {
  if (!Number.isInteger(input.rows) || input.rows < 0) throw new Error(`Cannot debit ${input.rows} rows`);
  return db.$transaction((tx) => debitIn(tx, input));
}

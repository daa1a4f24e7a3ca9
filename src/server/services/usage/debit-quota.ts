// Counting rows against a period's quota, exactly, under any concurrency and across processes: one
// UPDATE decides how many rows a request gets (row lock on the counter, so concurrent debits queue)
// and never takes rowsUsed past rowQuota (a trigger refuses it anyway). The debit is logged for the
// usage rollup in the same statement, and crossing 80% or 100% raises that period's alert once
// (its email goes through the outbox, written by the same statement).
import type { Db, Prisma } from "~/server/db";
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

// One statement, so one round trip and its own transaction: lock the counter, decide, update, log
// the debit, and for each threshold the debit crosses insert its alert and (only if the alert is
// new) the outbox event that emails it. Exact whatever runs beside it: the counter's row lock
// orders every debit of every process.
async function debitIn(db: Db | Prisma.TransactionClient, input: DebitInput): Promise<DebitResult> {
  const allOrNothing = input.mode === "all_or_nothing";
  const thresholds = [...ALERT_THRESHOLDS_PCT];
  const [row] = await db.$queryRaw<Row[]>`
    WITH c AS (
      SELECT "id", "rowsUsed" AS before, "rowQuota" AS quota, "rowQuota" - "rowsUsed" AS left_before
      FROM "buyer_usage_counters" WHERE "id" = ${input.counterId} FOR UPDATE
    ), g AS (
      SELECT "id", before, quota, CASE
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
    ), crossed AS (
      SELECT g."id", pct FROM g, unnest(${thresholds}::int[]) AS pct
      WHERE g.granted > 0 AND g.before < ceil(g.quota::numeric * pct / 100) AND g.before + g.granted >= ceil(g.quota::numeric * pct / 100)
    ), a AS (
      INSERT INTO "usage_alerts" ("counterId", "thresholdPct")
      SELECT "id", pct FROM crossed
      ON CONFLICT DO NOTHING
      RETURNING "counterId", "thresholdPct"
    ), o AS (
      INSERT INTO "outbox_events" ("id", "name", "data")
      SELECT 'usage-alert:' || a."counterId" || ':' || a."thresholdPct", ${usageAlertRaised.name},
             jsonb_build_object('counterId', a."counterId", 'thresholdPct', a."thresholdPct")
      FROM a
      ON CONFLICT DO NOTHING
    )
    SELECT g.granted::int AS "granted", (g.before + g.granted)::int AS "rowsUsed", g.quota::int AS "rowQuota" FROM g`;
  if (!row) throw new Error(`No usage counter ${input.counterId}`);
  return { granted: row.granted, rowsUsed: row.rowsUsed, rowQuota: row.rowQuota, remaining: row.rowQuota - row.rowsUsed };
}

export async function debitQuota(db: Db, input: DebitInput): Promise<DebitResult> {
  if (!Number.isInteger(input.rows) || input.rows < 0) throw new Error(`Cannot debit ${input.rows} rows`);
  return debitIn(db, input);
}

// Rows used per UTC day of a current period, for the usage chart and API: every day from the
// period's first up to today, zeros included. Days the rollup has settled come from UsageDaily; the
// rest (today, and any day a late or missed rollup has not settled) are counted from the debit log,
// so the figures are exact at any moment and add up to the counter's rowsUsed.
import type { Db } from "~/server/db";
import { SETTLE } from "./rollup-usage";

export type DailyRows = { day: string; rows: number };

export type SeriesCounter = { id: string; periodStart: Date };

const DAY_MS = 86_400_000;

// "YYYY-MM-DD" of a UTC day.
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// Every UTC day from the period's first to today's. Today, not the period's end: a past-due
// subscription within its grace keeps reading against its last period after that period ended.
export function periodDays(periodStart: Date, now: Date): string[] {
  const days: string[] = [];
  for (let t = Date.parse(utcDay(periodStart)); t <= now.getTime(); t += DAY_MS) days.push(utcDay(new Date(t)));
  return days;
}

export async function dailyUsage(db: Db, counters: SeriesCounter[], now: Date = new Date()): Promise<Map<string, DailyRows[]>> {
  const series = new Map<string, DailyRows[]>();
  if (counters.length === 0) return series;
  const ids = counters.map((c) => c.id);
  // The mark is rollup-usage.ts's: UsageDaily is exact for the days before the mark's day.
  const rows = await db.$queryRaw<Array<{ counterId: string; day: string; rows: number }>>`
    WITH m AS (
      SELECT ids."id", COALESCE(
        (((SELECT max(u."updatedAt") FROM "usage_daily" u WHERE u."counterId" = ids."id") - ${SETTLE}::interval) AT TIME ZONE 'UTC')::date,
        '-infinity'::date) AS mark_day
      FROM unnest(${ids}::text[]) AS ids("id")
    )
    SELECT u."counterId", to_char(u."day", 'YYYY-MM-DD') AS "day", u."rows"::int AS "rows"
    FROM "usage_daily" u JOIN m ON u."counterId" = m."id" AND u."day" < m.mark_day
    UNION ALL
    SELECT d."counterId", to_char((d."createdAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD'), sum(d."rows")::int
    FROM "usage_debits" d JOIN m ON d."counterId" = m."id" AND d."createdAt" >= (m.mark_day::timestamp AT TIME ZONE 'UTC')
    GROUP BY 1, 2`;
  const byCounter = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const days = byCounter.get(row.counterId) ?? new Map<string, number>();
    days.set(row.day, row.rows);
    byCounter.set(row.counterId, days);
  }
  for (const counter of counters) {
    const days = byCounter.get(counter.id);
    series.set(
      counter.id,
      periodDays(counter.periodStart, now).map((day) => ({ day, rows: days?.get(day) ?? 0 })),
    );
  }
  return series;
}

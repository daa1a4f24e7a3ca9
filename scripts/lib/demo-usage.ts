// The demo subscription's reads so far this period: debits spread over the period's past days, as
// the data API and snapshot downloads would have logged them, with the counter holding their sum.
// planDemoUsage is pure and deterministic (seeded by the counter id); writeDemoUsage writes a plan
// once, in one transaction.
import type { Db } from "../../src/server/db";
import { Rand } from "../../prisma/seed-data";

const DAY_MS = 86_400_000;

export type DemoDebit = { rows: number; source: "api" | "snapshot"; createdAt: Date };

export type DemoUsageInput = {
  seed: string;
  periodStart: Date;
  now: Date;
  rowQuota: number;
  /** Share of the quota used so far, e.g. 0.35. */
  usedShare: number;
  /** Rows in one snapshot download (the pack's size); a rows page reads at most that many too. */
  packRows: number;
};

const utcDayStart = (t: number) => t - (((t % DAY_MS) + DAY_MS) % DAY_MS);

/** Debits, oldest first, summing to round(rowQuota × usedShare), on every UTC day from periodStart to now. */
export function planDemoUsage(input: DemoUsageInput): DemoDebit[] {
  const from = input.periodStart.getTime();
  const until = input.now.getTime();
  const target = Math.round(input.rowQuota * input.usedShare);
  if (until <= from || target <= 0) return [];
  const r = new Rand(`demo-usage:${input.seed}`);

  // Each day's share follows the hours of it inside the period, weekdays busier than weekends.
  const days: { start: number; end: number; weight: number }[] = [];
  for (let day = utcDayStart(from); day < until; day += DAY_MS) {
    const start = Math.max(day, from);
    const end = Math.min(day + DAY_MS, until);
    const weekday = new Date(day).getUTCDay();
    const busy = weekday === 0 || weekday === 6 ? 0.45 : 1;
    days.push({ start, end, weight: ((end - start) / DAY_MS) * busy * r.between(0.7, 1.3) });
  }
  const totalWeight = days.reduce((sum, d) => sum + d.weight, 0);
  let left = target;
  const debits: DemoDebit[] = [];
  days.forEach((day, i) => {
    let rows = i === days.length - 1 ? left : Math.min(left, Math.round((target * day.weight) / totalWeight));
    left -= rows;
    const at = () => new Date(r.int(day.start, day.end - 1));
    if (rows >= input.packRows && r.bool(0.3)) {
      debits.push({ rows: input.packRows, source: "snapshot", createdAt: at() });
      rows -= input.packRows;
    }
    while (rows > 0) {
      const page = Math.min(rows, r.int(Math.ceil(input.packRows / 6), input.packRows));
      debits.push({ rows: page, source: "api", createdAt: at() });
      rows -= page;
    }
  });
  return debits.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * Writes the plan for a counter that has no debits yet, in one transaction holding the counter's
 * row lock; rowsUsed grows by their sum (never past rowQuota, which a trigger enforces anyway).
 * Returns the rows written, 0 when the counter already had debits.
 */
export async function writeDemoUsage(db: Db, counterId: string, plan: (rowQuota: number) => DemoDebit[]): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const [counter] = await tx.$queryRaw<{ rowsUsed: number; rowQuota: number }[]>`
        SELECT "rowsUsed", "rowQuota" FROM "buyer_usage_counters" WHERE "id" = ${counterId} FOR UPDATE`;
      if (!counter) throw new Error(`No usage counter ${counterId}`);
      if ((await tx.usageDebit.count({ where: { counterId } })) > 0) return 0;
      let room = counter.rowQuota - counter.rowsUsed;
      const debits = plan(counter.rowQuota).filter((d) => {
        if (d.rows > room) return false;
        room -= d.rows;
        return true;
      });
      const total = debits.reduce((sum, d) => sum + d.rows, 0);
      if (total === 0) return 0;
      await tx.usageDebit.createMany({ data: debits.map((d) => ({ counterId, ...d })) });
      await tx.buyerUsageCounter.update({ where: { id: counterId }, data: { rowsUsed: { increment: total } } });
      return total;
    },
    // Embedded (WASM) Postgres is slow; the default 5 s interactive-transaction timeout is tight.
    { maxWait: 30_000, timeout: 60_000 },
  );
}

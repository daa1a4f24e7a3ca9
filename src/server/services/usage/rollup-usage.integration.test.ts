import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makeOrg, makePack } from "~/test/factories";
import { debitQuota } from "./debit-quota";
import { rollupUsage } from "./rollup-usage";
import { dailyUsage, utcDay } from "./usage-series";

const DAY = 86_400_000;

async function counter(periodStart: Date, rowQuota = 10_000) {
  const db = getDb();
  const org = await makeOrg();
  const pack = await makePack();
  const tier = await db.packTier.findFirstOrThrow({ where: { packId: pack.id, tier: "standard" } });
  const sub = await db.buyerSubscription.create({
    data: {
      buyerOrgId: org.id, packId: pack.id, tierId: tier.id, stripeCustomerId: "cus_1", stripeSubscriptionId: `sub_${org.id}`, status: "active",
      currentPeriodStart: periodStart, currentPeriodEnd: new Date(periodStart.getTime() + 30 * DAY),
    },
  });
  return db.buyerUsageCounter.create({
    data: { subscriptionId: sub.id, periodStart, periodEnd: new Date(periodStart.getTime() + 30 * DAY), rowQuota },
  });
}

// A debit through the metering service, dated `at` (as if it had been made then).
async function debitAt(counterId: string, rows: number, at?: Date) {
  await debitQuota(getDb(), { counterId, rows, mode: "up_to", source: "api" });
  if (!at) return;
  const [last] = await getDb().usageDebit.findMany({ where: { counterId }, orderBy: { id: "desc" }, take: 1 });
  await getDb().usageDebit.update({ where: { id: last!.id }, data: { createdAt: at } });
}

async function dailyRows() {
  const rows = await getDb().usageDaily.findMany({ orderBy: [{ counterId: "asc" }, { day: "asc" }] });
  return rows.map((r) => ({ counterId: r.counterId, day: utcDay(r.day), rows: r.rows }));
}

// The totals the log says, per counter and UTC day.
async function fromLog() {
  const rows = await getDb().$queryRaw<Array<{ counterId: string; day: string; rows: number }>>`
    SELECT "counterId", to_char(("createdAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, sum("rows")::int AS rows
    FROM "usage_debits" GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows;
}

describe("usage rollup", () => {
  it("totals each counter's debits per UTC day, exactly at the day's edges, and a second run changes nothing", async () => {
    const a = await counter(new Date("2026-11-15T00:00:00Z"));
    const b = await counter(new Date("2026-11-15T00:00:00Z"));
    await debitAt(a.id, 10, new Date("2026-11-20T00:00:00.000Z"));
    await debitAt(a.id, 20, new Date("2026-11-20T23:59:59.999Z"));
    await debitAt(a.id, 5, new Date("2026-11-21T00:00:00.000Z"));
    await debitAt(b.id, 7, new Date("2026-11-20T12:00:00Z"));
    await debitAt(b.id, 3, new Date("2026-11-21T12:00:00Z"));

    expect(await rollupUsage(getDb())).toEqual({ days: 4 });
    const expected = [
      { counterId: a.id, day: "2026-11-20", rows: 30 },
      { counterId: a.id, day: "2026-11-21", rows: 5 },
      { counterId: b.id, day: "2026-11-20", rows: 7 },
      { counterId: b.id, day: "2026-11-21", rows: 3 },
    ].sort((x, y) => x.counterId.localeCompare(y.counterId) || x.day.localeCompare(y.day));
    expect(await dailyRows()).toEqual(expected);

    // Nothing new since: nothing recomputed, nothing changed.
    expect(await rollupUsage(getDb())).toEqual({ days: 0 });
    expect(await dailyRows()).toEqual(expected);

    // A new debit today recomputes today's row of that counter only.
    await debitAt(b.id, 4);
    expect(await rollupUsage(getDb())).toEqual({ days: 1 });
    expect(await dailyRows()).toEqual([...expected, { counterId: b.id, day: utcDay(new Date()), rows: 4 }].sort(
      (x, y) => x.counterId.localeCompare(y.counterId) || x.day.localeCompare(y.day),
    ));
  });

  it("stays exact when runs overlap each other and the debits they count", async () => {
    const a = await counter(new Date(Date.now() - 3 * DAY), 5_000);
    const b = await counter(new Date(Date.now() - 3 * DAY), 5_000);
    const work: Array<Promise<unknown>> = [];
    for (let i = 0; i < 30; i++) {
      work.push(debitQuota(getDb(), { counterId: i % 2 ? a.id : b.id, rows: 10 + i, mode: "up_to", source: "api" }));
      if (i % 6 === 0) work.push(rollupUsage(getDb()));
    }
    await Promise.all(work);
    // Runs that overlapped debits may have missed the last ones; the next run catches up.
    await Promise.all([rollupUsage(getDb()), rollupUsage(getDb())]);
    expect(await dailyRows()).toEqual(await fromLog());
    const counters = await getDb().buyerUsageCounter.findMany({ where: { id: { in: [a.id, b.id] } } });
    for (const c of counters) {
      const rolled = await getDb().usageDaily.aggregate({ where: { counterId: c.id }, _sum: { rows: true } });
      expect(rolled._sum.rows).toBe(c.rowsUsed);
    }
  });
});

describe("daily usage series", () => {
  it("lists every day of the period up to today, zeros included, and adds up to rowsUsed before and after a rollup", async () => {
    const now = new Date();
    const start = new Date(now.getTime() - 3 * DAY);
    const c = await counter(start);
    await debitAt(c.id, 40, new Date(now.getTime() - 2 * DAY));
    await debitAt(c.id, 2, new Date(now.getTime() - 2 * DAY));
    const day = (daysAgo: number) => utcDay(new Date(now.getTime() - daysAgo * DAY));
    const before = (await dailyUsage(getDb(), [c], now)).get(c.id);
    expect(before).toEqual([
      { day: day(3), rows: 0 },
      { day: day(2), rows: 42 },
      { day: day(1), rows: 0 },
      { day: day(0), rows: 0 },
    ]);

    await rollupUsage(getDb());
    // Today's reads after the rollup count at once, from the log.
    await debitAt(c.id, 8);
    const after = (await dailyUsage(getDb(), [c], now)).get(c.id);
    expect(after).toEqual([
      { day: day(3), rows: 0 },
      { day: day(2), rows: 42 },
      { day: day(1), rows: 0 },
      { day: day(0), rows: 8 },
    ]);
    const { rowsUsed } = await getDb().buyerUsageCounter.findUniqueOrThrow({ where: { id: c.id } });
    expect(after!.reduce((sum, d) => sum + d.rows, 0)).toBe(rowsUsed);
  });

  it("reads settled days from the rollup, not the log", async () => {
    const now = new Date();
    const c = await counter(new Date(now.getTime() - 3 * DAY));
    await debitAt(c.id, 40, new Date(now.getTime() - 2 * DAY));
    await rollupUsage(getDb());
    const settledDay = utcDay(new Date(now.getTime() - 2 * DAY));
    await getDb().usageDaily.update({ where: { counterId_day: { counterId: c.id, day: new Date(settledDay) } }, data: { rows: 41 } });
    const series = (await dailyUsage(getDb(), [c], now)).get(c.id)!;
    expect(series.find((d) => d.day === settledDay)?.rows).toBe(41);
  });
});

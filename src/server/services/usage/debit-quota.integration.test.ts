import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makeOrg, makePack } from "~/test/factories";
import { debitQuota } from "./debit-quota";
import { findCurrentCounter } from "./current-counter";

async function counter(rowQuota: number, status: "active" | "past_due" | "canceled" = "active") {
  const db = getDb();
  const org = await makeOrg();
  const pack = await makePack();
  const tier = await db.packTier.findFirstOrThrow({ where: { packId: pack.id, tier: "standard" } });
  const sub = await db.buyerSubscription.create({
    data: {
      buyerOrgId: org.id, packId: pack.id, tierId: tier.id, stripeCustomerId: "cus_1", stripeSubscriptionId: `sub_${org.id}`, status,
      currentPeriodStart: new Date("2026-11-15T00:00:00Z"), currentPeriodEnd: new Date("2026-12-15T00:00:00Z"),
    },
  });
  const c = await db.buyerUsageCounter.create({
    data: { subscriptionId: sub.id, periodStart: new Date("2026-11-15T00:00:00Z"), periodEnd: new Date("2026-12-15T00:00:00Z"), rowQuota },
  });
  return { sub, counter: c };
}

describe("debiting a period's quota", () => {
  it("64 concurrent requests never serve more than the quota, and the last one gets what remains", async () => {
    const { counter: c } = await counter(1000);
    const results = await Promise.all(Array.from({ length: 64 }, () => debitQuota(getDb(), { counterId: c.id, rows: 37, mode: "up_to", source: "api" })));
    const granted = results.map((r) => r.granted);
    expect(granted.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(granted.filter((g) => g > 0 && g < 37)).toEqual([1000 % 37]);
    expect(granted.filter((g) => g === 0)).toHaveLength(64 - Math.ceil(1000 / 37));
    const db = getDb();
    expect((await db.buyerUsageCounter.findUniqueOrThrow({ where: { id: c.id } })).rowsUsed).toBe(1000);
    const logged = await db.usageDebit.aggregate({ where: { counterId: c.id }, _sum: { rows: true } });
    expect(logged._sum.rows).toBe(1000);
    // Each alert once, however many requests crossed it at the same time.
    expect((await db.usageAlert.findMany({ where: { counterId: c.id } })).map((a) => a.thresholdPct).sort()).toEqual([100, 80]);
    expect(await db.outboxEvent.count({ where: { name: "usage/alert.raised" } })).toBe(2);
  });

  it("all or nothing: a snapshot that does not fit counts nothing", async () => {
    const { counter: c } = await counter(100);
    expect(await debitQuota(getDb(), { counterId: c.id, rows: 60, mode: "all_or_nothing", source: "snapshot" })).toMatchObject({ granted: 60, remaining: 40 });
    expect(await debitQuota(getDb(), { counterId: c.id, rows: 41, mode: "all_or_nothing", source: "snapshot" })).toMatchObject({ granted: 0, remaining: 40 });
    expect(await debitQuota(getDb(), { counterId: c.id, rows: 40, mode: "all_or_nothing", source: "snapshot" })).toMatchObject({ granted: 40, remaining: 0 });
    expect(await getDb().usageDebit.count({ where: { counterId: c.id } })).toBe(2);
  });

  it("works at quotas near the integer limit (no overflow working out the alert thresholds)", async () => {
    const { counter: c } = await counter(2_000_000_000);
    expect(await debitQuota(getDb(), { counterId: c.id, rows: 1_700_000_000, mode: "up_to", source: "api" })).toMatchObject({ granted: 1_700_000_000 });
    expect((await getDb().usageAlert.findMany({ where: { counterId: c.id } })).map((a) => a.thresholdPct)).toEqual([80]);
  });

  it("the database refuses rowsUsed above the quota whatever the code does", async () => {
    const { counter: c } = await counter(10);
    await expect(getDb().buyerUsageCounter.update({ where: { id: c.id }, data: { rowsUsed: 11 } })).rejects.toThrow();
    await expect(getDb().buyerUsageCounter.update({ where: { id: c.id }, data: { rowsUsed: -1 } })).rejects.toThrow();
  });

  it("picks the counter whose period contains now; past_due keeps the last one within grace; canceled gets none", async () => {
    const inPeriod = new Date("2026-11-20T00:00:00Z");
    const { sub, counter: c } = await counter(10);
    expect((await findCurrentCounter(getDb(), { subscription: sub, now: inPeriod }))?.id).toBe(c.id);
    expect(await findCurrentCounter(getDb(), { subscription: sub, now: new Date("2026-12-16T00:00:00Z") })).toBeNull();
    const pastDue = await counter(10, "past_due");
    const afterPeriod = new Date("2026-11-18T00:00:00Z"); // within 7 days of the period start
    expect((await findCurrentCounter(getDb(), { subscription: pastDue.sub, now: afterPeriod }))?.id).toBe(pastDue.counter.id);
    expect(await findCurrentCounter(getDb(), { subscription: pastDue.sub, now: new Date("2026-11-23T00:00:00Z") })).toBeNull();
    const canceled = await counter(10, "canceled");
    expect(await findCurrentCounter(getDb(), { subscription: canceled.sub, now: inPeriod })).toBeNull();
  });
});

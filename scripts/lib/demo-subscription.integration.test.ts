import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { DEMO_SUBSCRIPTION, TIER_QUOTAS } from "../../prisma/seed-data";
import { getDb } from "~/server/db";
import { truncateAll } from "~/test/database";
import { callerFor, sessionFor } from "~/test/factories";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { ensureDemoSubscription } from "./demo-subscription";

const DAY_MS = 86_400_000;
let world: TestStripe;

beforeAll(async () => {
  world = await startTestStripe();
});
afterAll(() => world?.stop());
beforeEach(async () => {
  world.fake.reset();
  await seed(getDb());
});

const run = (now = new Date()) =>
  ensureDemoSubscription({ db: getDb(), stripe: world.stripe, fake: world.fake, appUrl: "http://localhost:3000", now });

async function demoOrg() {
  return getDb().org.findUniqueOrThrow({ where: { slug: "orbit-analytics" }, select: { id: true } });
}

// Everything the demo setup writes, to compare runs.
async function state() {
  const db = getDb();
  const org = await demoOrg();
  const subscriptions = await db.buyerSubscription.findMany({
    where: { buyerOrgId: org.id },
    orderBy: { createdAt: "asc" },
    select: {
      stripeSubscriptionId: true,
      status: true,
      currentPeriodStart: true,
      currentPeriodEnd: true,
      tier: { select: { tier: true } },
      pack: { select: { slug: true } },
      usageCounters: { select: { id: true, rowsUsed: true, rowQuota: true, periodStart: true, periodEnd: true } },
    },
  });
  const debits = await db.usageDebit.findMany({
    where: { counter: { subscription: { buyerOrgId: org.id } } },
    orderBy: { id: "asc" },
    select: { counterId: true, rows: true, source: true, createdAt: true },
  });
  const revenue = await db.revenue.findMany({ where: { buyerOrgId: org.id }, select: { stripeObjectId: true, amountCents: true, occurredAt: true } });
  const daily = await db.usageDaily.findMany({
    where: { counter: { subscription: { buyerOrgId: org.id } } },
    orderBy: [{ counterId: "asc" }, { day: "asc" }],
    select: { counterId: true, day: true, rows: true },
  });
  return { subscriptions, debits, revenue, daily };
}

describe("the demo buyer's subscription", () => {
  it("is bought through the fake, dated days back, with usage spread over the period's past days; a second run changes nothing", async () => {
    const now = new Date();
    const first = await run(now);
    expect(first.changed).toBe(true);
    await world.fake.flushDeliveries();

    const s = await state();
    expect(s.subscriptions).toHaveLength(1);
    const sub = s.subscriptions[0]!;
    expect(sub).toMatchObject({ status: "active", tier: { tier: DEMO_SUBSCRIPTION.tier }, pack: { slug: DEMO_SUBSCRIPTION.pack } });
    const startedAt = now.getTime() - DEMO_SUBSCRIPTION.startedDaysAgo * DAY_MS;
    expect(Math.abs(sub.currentPeriodStart!.getTime() - startedAt)).toBeLessThan(1000);
    expect(sub.currentPeriodEnd!.getTime()).toBeGreaterThan(now.getTime());
    const fakeSub = await world.stripe.subscriptions.retrieve(sub.stripeSubscriptionId);
    expect(fakeSub.status).toBe("active");

    expect(sub.usageCounters).toHaveLength(1);
    const counter = sub.usageCounters[0]!;
    expect(counter.rowQuota).toBe(TIER_QUOTAS[DEMO_SUBSCRIPTION.tier]);
    const sum = s.debits.reduce((total, d) => total + d.rows, 0);
    expect(sum).toBeGreaterThan(0);
    expect(counter.rowsUsed).toBe(sum);
    expect(sum / counter.rowQuota).toBeCloseTo(DEMO_SUBSCRIPTION.usedShare, 2);
    for (const d of s.debits) {
      expect(d.counterId).toBe(counter.id);
      expect(d.createdAt.getTime()).toBeGreaterThanOrEqual(counter.periodStart.getTime());
      expect(d.createdAt.getTime()).toBeLessThan(now.getTime());
    }
    const days = new Set(s.debits.map((d) => d.createdAt.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(DEMO_SUBSCRIPTION.startedDaysAgo);
    // The rollup ran: the chart's days add up to the counter.
    expect(s.daily.map((d) => d.day.toISOString().slice(0, 10))).toEqual([...days].sort());
    expect(s.daily.reduce((total, d) => total + d.rows, 0)).toBe(sum);

    expect(s.revenue).toHaveLength(1);
    expect(s.revenue[0]).toMatchObject({ amountCents: 29900, stripeObjectId: fakeSub.latest_invoice });

    // What the buyer sees in My Packs.
    const sara = await getDb().user.findUniqueOrThrow({ where: { email: DEMO_SUBSCRIPTION.buyerEmail } });
    const myPacks = await callerFor(sessionFor(sara), (await demoOrg()).id).subscription.myPacks();
    expect(myPacks.packs[0]).toMatchObject({ status: "active", hasAccess: true, usage: { rowsUsed: sum, rowQuota: counter.rowQuota } });

    const second = await run(new Date());
    expect(second.changed).toBe(false);
    await world.fake.flushDeliveries();
    expect(await state()).toEqual(s);
  });

  it("a wiped database with the fake's state kept gets the same subscription back from the fake's events", async () => {
    await run();
    await world.fake.flushDeliveries();
    const before = await state();

    await truncateAll(process.env.DATABASE_URL!);
    await seed(getDb());
    const again = await run();
    expect(again.summary).toMatch(/events from the Stripe fake's log/);
    const after = await state();
    expect(after.subscriptions.map((s) => s.stripeSubscriptionId)).toEqual(before.subscriptions.map((s) => s.stripeSubscriptionId));
    expect(after.subscriptions[0]).toMatchObject({ status: "active", currentPeriodStart: before.subscriptions[0]!.currentPeriodStart });
    expect(after.revenue).toEqual(before.revenue);
    const counter = after.subscriptions[0]!.usageCounters[0]!;
    expect(counter.rowsUsed).toBe(after.debits.reduce((total, d) => total + d.rows, 0));
    expect(counter.rowsUsed).toBeGreaterThan(0);
  });

  it("a wiped fake with the database kept: the old subscription ends and a new one is bought", async () => {
    await run();
    await world.fake.flushDeliveries();
    const before = await state();

    world.fake.reset();
    const again = await run();
    expect(again.summary).toMatch(/no longer has/);
    await world.fake.flushDeliveries();
    const after = await state();
    expect(after.subscriptions.map((s) => s.status)).toEqual(["canceled", "active"]);
    expect(after.subscriptions[0]!.stripeSubscriptionId).toBe(before.subscriptions[0]!.stripeSubscriptionId);
    const fresh = after.subscriptions[1]!;
    expect(await world.stripe.subscriptions.retrieve(fresh.stripeSubscriptionId)).toMatchObject({ status: "active" });
    const debits = after.debits.filter((d) => d.counterId === fresh.usageCounters[0]!.id);
    expect(fresh.usageCounters[0]!.rowsUsed).toBe(debits.reduce((total, d) => total + d.rows, 0));
    expect(debits.length).toBeGreaterThan(0);

    expect((await run()).changed).toBe(false);
  });
});

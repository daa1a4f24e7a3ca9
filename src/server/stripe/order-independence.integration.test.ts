// Stripe sends events late, twice and out of order. Every permutation of a subscription
// lifecycle's events, each delivered twice, must end in the same rows.
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { callerFor, makePack, makeUserInOrg, sessionFor } from "~/test/factories";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { processStripeEvent } from "./process-event";

let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
});
afterAll(() => world?.stop());

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

async function snapshot(orgId: string) {
  const db = getDb();
  const subs = await db.buyerSubscription.findMany({
    where: { buyerOrgId: orgId },
    select: {
      stripeSubscriptionId: true, status: true, tierId: true, packId: true, currentPeriodStart: true, currentPeriodEnd: true,
      cancelAtPeriodEnd: true,
      usageCounters: { orderBy: { periodStart: "asc" }, select: { periodStart: true, periodEnd: true, rowsUsed: true, rowQuota: true } },
    },
  });
  const revenue = await db.revenue.findMany({
    where: { buyerOrgId: orgId },
    orderBy: { stripeObjectId: "asc" },
    select: { stripeObjectId: true, kind: true, amountCents: true, month: true, packId: true },
  });
  const outbox = await db.outboxEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } });
  return { subs, revenue, outbox };
}

async function forget() {
  const db = getDb();
  await db.$transaction([
    db.buyerUsageCounter.deleteMany(),
    db.buyerSubscription.deleteMany(),
    db.revenue.deleteMany(),
    db.stripeEvent.deleteMany(),
    db.outboxEvent.deleteMany(),
  ]);
}

describe("webhook order independence", () => {
  it("every permutation of created, paid, updated, failed, paid again, deleted (each twice) ends in the same rows", async () => {
    const { user, org } = await makeUserInOrg();
    const pack = await makePack();
    const caller = callerFor(sessionFor(user), org.id);

    // Run the whole lifecycle in Stripe first, with delivery paused, and keep its events.
    world.fake.setDelivery({ paused: true });
    const session = await caller.subscription.createCheckout({ packId: pack.id, tier: "pro" });
    await world.fake.pay(session.id);
    const subscriptionId = world.fake.events().find((e) => e.type === "customer.subscription.created")!.data.object as Stripe.Subscription;
    await world.stripe.subscriptions.update(subscriptionId.id, { cancel_at_period_end: true });
    // Renew again: a subscription set to cancel would end at the period's end instead of renewing.
    await world.stripe.subscriptions.update(subscriptionId.id, { cancel_at_period_end: false });
    await world.fake.advanceSubscription(subscriptionId.id, { fail: true });
    const failedInvoice = world.fake.events().find((e) => e.type === "invoice.payment_failed")!.data.object as Stripe.Invoice;
    await world.fake.retryInvoice(failedInvoice.id);
    await world.stripe.subscriptions.cancel(subscriptionId.id);

    const all = world.fake.events();
    const first = (type: string) => all.find((e) => e.type === type)!;
    const paid = all.filter((e) => e.type === "invoice.paid");
    expect(paid).toHaveLength(2);
    const lifecycle = [
      first("customer.subscription.created"),
      paid[0]!,
      first("customer.subscription.updated"),
      first("invoice.payment_failed"),
      paid[1]!,
      first("customer.subscription.deleted"),
    ];
    expect(lifecycle.every(Boolean)).toBe(true);

    let expected: Awaited<ReturnType<typeof snapshot>> | undefined;
    const orders = permutations(lifecycle);
    expect(orders).toHaveLength(720);
    for (const order of orders) {
      await forget();
      for (const event of order) {
        await processStripeEvent(getDb(), world.stripe, event);
        await processStripeEvent(getDb(), world.stripe, event);
      }
      const rows = await snapshot(org.id);
      if (!expected) {
        expected = rows;
        expect(rows.subs).toHaveLength(1);
        expect(rows.subs[0]).toMatchObject({ status: "canceled", cancelAtPeriodEnd: expect.any(Boolean) });
        expect(rows.subs[0]!.usageCounters).toHaveLength(2);
        expect(rows.revenue.map((r) => r.kind)).toEqual(["invoice", "invoice"]);
        expect(rows.outbox.map((o) => o.id)).toEqual([`stripe-event-followup:${first("invoice.payment_failed").id}`]);
      } else {
        expect(rows).toEqual(expected);
      }
    }
    world.fake.reset();
    world.fake.setDelivery({ paused: false });
  }, 240_000);

  it("a refund that arrives before its invoice fails (so Stripe retries), applies nothing, and succeeds later", async () => {
    const { user, org } = await makeUserInOrg();
    const pack = await makePack();
    const caller = callerFor(sessionFor(user), org.id);
    world.fake.setDelivery({ paused: true });
    const session = await caller.subscription.createCheckout({ packId: pack.id, tier: "standard" });
    await world.fake.pay(session.id);
    const charge = world.fake.events().filter((e) => e.type === "charge.succeeded").at(-1)!.data.object as Stripe.Charge;
    await world.fake.refundCharge(charge.id);
    const events = world.fake.events();
    const refunded = events.filter((e) => e.type === "charge.refunded").at(-1)!;
    const invoicePaid = events.filter((e) => e.type === "invoice.paid").at(-1)!;

    await expect(processStripeEvent(getDb(), world.stripe, refunded)).rejects.toThrow(/No invoice revenue yet/);
    expect(await getDb().revenue.count({ where: { buyerOrgId: org.id } })).toBe(0);
    expect((await getDb().stripeEvent.findUniqueOrThrow({ where: { id: refunded.id } })).processedAt).toBeNull();

    await processStripeEvent(getDb(), world.stripe, invoicePaid);
    expect(await processStripeEvent(getDb(), world.stripe, refunded)).toBe("processed");
    const kinds = (await getDb().revenue.findMany({ where: { buyerOrgId: org.id }, orderBy: { amountCents: "asc" } })).map((r) => [r.kind, r.amountCents]);
    expect(kinds).toEqual([["refund", -4900], ["invoice", 4900]]);
    world.fake.reset();
    world.fake.setDelivery({ paused: false });
  });
});

import { getSqlPool } from "~/server/sql-pool";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { listMyPacks } from "~/server/services/subscription/list-my-packs";
import { callerFor, makePack, makeUserInOrg, sessionFor } from "~/test/factories";
import { startTestStripe, type TestStripe } from "~/test/stripe";

let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
});
afterAll(() => world?.stop());
beforeEach(() => {
  world.fake.reset();
  world.fake.setDelivery({ duplicates: false, reorder: false, delayMs: 0, paused: false, failNextPayment: false });
});

async function buyer() {
  const { user, org } = await makeUserInOrg();
  const pack = await makePack({ prices: [4900, 19900, 99900] });
  return { user, org, pack, caller: callerFor(sessionFor(user), org.id) };
}

async function subscribe(b: Awaited<ReturnType<typeof buyer>>, tier: "standard" | "pro" | "enterprise" = "pro") {
  const session = await b.caller.subscription.createCheckout({ packId: b.pack.id, tier });
  await world.fake.pay(session.id);
  await world.fake.flushDeliveries();
  const sub = await getDb().buyerSubscription.findFirstOrThrow({ where: { buyerOrgId: b.org.id } });
  return { session, sub };
}

describe("buying a pack", () => {
  it("checkout, pay, webhook: the subscription, its first period's counter and the revenue exist", async () => {
    const b = await buyer();
    const session = await b.caller.subscription.createCheckout({ packId: b.pack.id, tier: "pro" });
    expect(session.url).toContain(world.fake.url);
    expect(await b.caller.subscription.checkoutStatus({ sessionId: session.id })).toEqual({ state: "pending", pack: null });

    await world.fake.pay(session.id);
    await world.fake.flushDeliveries();

    const db = getDb();
    const sub = await db.buyerSubscription.findFirstOrThrow({ where: { buyerOrgId: b.org.id }, include: { tier: true, usageCounters: true } });
    expect(sub).toMatchObject({ packId: b.pack.id, status: "active", cancelAtPeriodEnd: false });
    expect(sub.tier.tier).toBe("pro");
    expect(sub.usageCounters).toHaveLength(1);
    expect(sub.usageCounters[0]).toMatchObject({ rowsUsed: 0, rowQuota: 100_000, periodStart: sub.currentPeriodStart });
    const revenue = await db.revenue.findMany({ where: { packId: b.pack.id } });
    expect(revenue).toHaveLength(1);
    expect(revenue[0]).toMatchObject({ kind: "invoice", amountCents: 19900, currency: "usd", buyerOrgId: b.org.id });
    expect(revenue[0]?.paymentIntentId).toMatch(/^pi_/);
    expect((await db.orgBillingProfile.findUniqueOrThrow({ where: { orgId: b.org.id } })).stripeCustomerId).toMatch(/^cus_/);

    const status = await b.caller.subscription.checkoutStatus({ sessionId: session.id });
    expect(status).toMatchObject({ state: "complete", pack: { slug: b.pack.slug } });
    const myPacks = await b.caller.subscription.myPacks();
    expect(myPacks.packs).toHaveLength(1);
    expect(myPacks.packs[0]).toMatchObject({ status: "active", hasAccess: true, usage: { rowsUsed: 0, rowQuota: 100_000 } });
    expect(myPacks.totals).toEqual({ rowsUsed: 0, rowQuota: 100_000 });

    const followups = await db.outboxEvent.findMany({ where: { name: "stripe/event.followup" } });
    expect(followups.length).toBeGreaterThanOrEqual(1);
  });

  it("a double click creates one Checkout Session", async () => {
    const b = await buyer();
    const [first, second] = await Promise.all([
      b.caller.subscription.createCheckout({ packId: b.pack.id, tier: "standard" }),
      b.caller.subscription.createCheckout({ packId: b.pack.id, tier: "standard" }),
    ]);
    expect(second.id).toBe(first.id);
    const sessions = await world.stripe.checkout.sessions.list({ limit: 100 });
    expect(sessions.data.filter((s) => s.client_reference_id === b.org.id)).toHaveLength(1);
  });

  it("refuses a pack or tier that does not exist, and a second subscription to the same pack", async () => {
    const b = await buyer();
    await expect(b.caller.subscription.createCheckout({ packId: "nope", tier: "pro" })).rejects.toMatchObject({ appCode: "invalid_request" });
    await subscribe(b);
    await expect(b.caller.subscription.createCheckout({ packId: b.pack.id, tier: "enterprise" })).rejects.toMatchObject({
      appCode: "invalid_request",
      message: expect.stringContaining("already subscribes"),
    });
  });

  it("a renewal starts a new period: a fresh counter and a second revenue row", async () => {
    const b = await buyer();
    const { sub } = await subscribe(b, "standard");
    await getDb().buyerUsageCounter.updateMany({ where: { subscriptionId: sub.id }, data: { rowsUsed: 9_000 } });
    await world.fake.advanceSubscription(sub.stripeSubscriptionId);
    await world.fake.flushDeliveries();
    const counters = await getDb().buyerUsageCounter.findMany({ where: { subscriptionId: sub.id }, orderBy: { periodStart: "asc" } });
    expect(counters.map((c) => c.rowsUsed)).toEqual([9_000, 0]);
    expect(counters[1]?.periodStart.getTime()).toBeGreaterThan(counters[0]!.periodStart.getTime());
    expect(await getDb().revenue.count({ where: { packId: b.pack.id } })).toBe(2);
    // The fake moved the subscription's clock ahead: until the new period starts, My Packs shows the
    // counter reads still count against (as the data API and the usage API do), then the fresh one.
    const mine = await b.caller.subscription.myPacks();
    expect(mine.packs[0]?.usage).toMatchObject({ rowsUsed: 9_000, rowQuota: 10_000 });
    expect((await b.caller.usage.get({})).packs[0]).toMatchObject({ rowsUsed: 9_000 });
    const renewed = await listMyPacks(getSqlPool(), { orgId: b.org.id, now: counters[1]!.periodStart });
    expect(renewed.packs[0]?.usage).toMatchObject({ rowsUsed: 0, rowQuota: 10_000, periodStart: counters[1]!.periodStart });
  });

  it("a failed renewal is past_due with a grace period; paying it restores active", async () => {
    const b = await buyer();
    const { sub } = await subscribe(b);
    await world.fake.advanceSubscription(sub.stripeSubscriptionId, { fail: true });
    await world.fake.flushDeliveries();
    let mine = await b.caller.subscription.myPacks();
    expect(mine.packs[0]).toMatchObject({ status: "past_due", hasAccess: true });
    expect(mine.packs[0]?.graceEndsAt).toBeInstanceOf(Date);
    expect(await getDb().revenue.count({ where: { packId: b.pack.id } })).toBe(1);

    const failed = (await world.stripe.invoices.list({ subscription: sub.stripeSubscriptionId })).data.find((i) => i.status !== "paid");
    await world.fake.retryInvoice(failed!.id);
    await world.fake.flushDeliveries();
    mine = await b.caller.subscription.myPacks();
    expect(mine.packs[0]).toMatchObject({ status: "active", hasAccess: true, graceEndsAt: null });
    expect(await getDb().revenue.count({ where: { packId: b.pack.id } })).toBe(2);
  });

  it("cancel at period end, then deletion, are reflected", async () => {
    const b = await buyer();
    const { sub } = await subscribe(b);
    await world.stripe.subscriptions.update(sub.stripeSubscriptionId, { cancel_at_period_end: true });
    await world.fake.flushDeliveries();
    expect((await b.caller.subscription.myPacks()).packs[0]).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    await world.stripe.subscriptions.cancel(sub.stripeSubscriptionId);
    await world.fake.flushDeliveries();
    expect((await b.caller.subscription.myPacks()).packs[0]).toMatchObject({ status: "canceled", hasAccess: false });
  });

  it("a refund becomes a negative revenue row for the same pack", async () => {
    const b = await buyer();
    await subscribe(b);
    const invoiceRow = await getDb().revenue.findFirstOrThrow({ where: { packId: b.pack.id } });
    const charge = (await world.stripe.charges.list({ payment_intent: invoiceRow.paymentIntentId! })).data[0];
    await world.fake.refundCharge(charge!.id, 5000);
    await world.fake.flushDeliveries();
    const refund = await getDb().revenue.findFirstOrThrow({ where: { packId: b.pack.id, kind: "refund" } });
    expect(refund).toMatchObject({ amountCents: -5000, buyerOrgId: b.org.id, paymentIntentId: invoiceRow.paymentIntentId });
  });

  it("the billing portal opens for a customer and is refused before any purchase", async () => {
    const b = await buyer();
    await expect(b.caller.subscription.billingPortal({})).rejects.toMatchObject({ appCode: "invalid_request" });
    await subscribe(b);
    const portal = await b.caller.subscription.billingPortal({});
    expect(portal.url).toContain(world.fake.url);
  });

  it("duplicated and reordered delivery through the real route ends in the same rows", async () => {
    const b = await buyer();
    world.fake.setDelivery({ duplicates: true, reorder: true });
    const { sub } = await subscribe(b);
    await world.fake.advanceSubscription(sub.stripeSubscriptionId, { fail: true });
    await world.fake.flushDeliveries();
    const failed = (await world.stripe.invoices.list({ subscription: sub.stripeSubscriptionId })).data.find((i) => i.status !== "paid");
    await world.fake.retryInvoice(failed!.id);
    await world.fake.flushDeliveries();

    const db = getDb();
    const row = await db.buyerSubscription.findUniqueOrThrow({ where: { id: sub.id }, include: { usageCounters: true } });
    expect(row.status).toBe("active");
    expect(row.usageCounters).toHaveLength(2);
    expect(await db.revenue.count({ where: { buyerOrgId: b.org.id } })).toBe(2);
    const events = world.fake.events();
    const stored = await db.stripeEvent.findMany({ where: { id: { in: events.map((e) => e.id) } } });
    expect(stored).toHaveLength(events.length);
    expect(stored.every((e) => e.processedAt !== null && ["processed", "ignored"].includes(e.status))).toBe(true);
  });
});

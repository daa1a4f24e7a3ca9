// Changing tier through Stripe's subscription update, with the webhook converging our rows: an
// upgrade is billed now and raises this period's quota now; a downgrade keeps this period's quota
// and starts the new one at the renewal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { callerFor, makePack, makeUserInOrg, sessionFor } from "~/test/factories";
import { subscribe as subscribeInDatabaseOnly } from "~/test/snapshots";
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

const QUOTA = { standard: 10_000, pro: 100_000, enterprise: 1_000_000 };

async function subscribed(tier: "standard" | "pro" = "standard") {
  const { user, org } = await makeUserInOrg("owner");
  const pack = await makePack({ prices: [4900, 19900, 99900] });
  const caller = callerFor(sessionFor(user), org.id);
  const session = await caller.subscription.createCheckout({ packId: pack.id, tier });
  await world.fake.pay(session.id);
  await world.fake.flushDeliveries();
  const sub = await getDb().buyerSubscription.findFirstOrThrow({ where: { buyerOrgId: org.id } });
  // Some of the period is already used: a change must never lose it.
  await getDb().buyerUsageCounter.updateMany({ where: { subscriptionId: sub.id }, data: { rowsUsed: 7_000 } });
  return { org, pack, caller, sub };
}

const counters = (subscriptionId: string) =>
  getDb().buyerUsageCounter.findMany({ where: { subscriptionId }, orderBy: { periodStart: "asc" }, include: { tier: true } });

const revenue = (packId: string) => getDb().revenue.findMany({ where: { packId }, orderBy: { occurredAt: "asc" } });

describe("changing tier", () => {
  it("an upgrade is prorated and billed now, and this period's quota rises now", async () => {
    const b = await subscribed("standard");
    const result = await b.caller.subscription.changeTier({ packId: b.pack.id, tier: "pro" });
    expect(result.outcome).toBe("upgraded");
    expect(result.subscription).toMatchObject({ tier: { tier: "pro" }, billedTier: { tier: "pro" }, scheduledChange: null });
    expect(result.subscription.usage).toEqual({ rowsUsed: 7_000, rowQuota: QUOTA.pro });

    await world.fake.flushDeliveries();
    const [period] = await counters(b.sub.id);
    expect(period).toMatchObject({ rowsUsed: 7_000, rowQuota: QUOTA.pro, tier: { tier: "pro" } });
    expect((await counters(b.sub.id)).length).toBe(1);
    const stripeSub = await world.stripe.subscriptions.retrieve(b.sub.stripeSubscriptionId);
    expect(stripeSub.metadata.tierId).toBe(result.subscription.tier.id);
    // The proration invoice is revenue of the pack; it opens no period.
    const rows = await revenue(b.pack.id);
    expect(rows.map((r) => r.amountCents)[0]).toBe(4900);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.amountCents).toBeGreaterThan(14_000);
    expect(rows[1]!.amountCents).toBeLessThanOrEqual(15_000);
    const invoice = (await world.stripe.invoices.list({ subscription: b.sub.stripeSubscriptionId })).data.find((i) => i.billing_reason === "subscription_update");
    expect(invoice).toMatchObject({ status: "paid", amount_paid: rows[1]!.amountCents });
  });

  it("a downgrade keeps this period's quota, says when it changes, and the renewal opens the period at the new tier", async () => {
    const b = await subscribed("pro");
    const result = await b.caller.subscription.changeTier({ packId: b.pack.id, tier: "standard" });
    expect(result.outcome).toBe("scheduled");
    expect(result.subscription).toMatchObject({ tier: { tier: "pro" }, billedTier: { tier: "standard" } });
    expect(result.subscription.scheduledChange).toEqual({ tier: expect.objectContaining({ tier: "standard" }), at: result.subscription.currentPeriodEnd });
    await world.fake.flushDeliveries();
    expect(await counters(b.sub.id)).toEqual([expect.objectContaining({ rowQuota: QUOTA.pro, rowsUsed: 7_000, tier: expect.objectContaining({ tier: "pro" }) })]);
    expect(await revenue(b.pack.id)).toHaveLength(1);
    expect((await b.caller.subscription.forPack({ packId: b.pack.id })).subscription?.scheduledChange?.tier.tier).toBe("standard");

    await world.fake.advanceSubscription(b.sub.stripeSubscriptionId);
    await world.fake.flushDeliveries();
    const [old, next] = await counters(b.sub.id);
    expect(old).toMatchObject({ rowQuota: QUOTA.pro, rowsUsed: 7_000 });
    expect(next).toMatchObject({ rowQuota: QUOTA.standard, rowsUsed: 0, tier: { tier: "standard" } });
    expect((await revenue(b.pack.id)).map((r) => r.amountCents)).toEqual([19900, 4900]);
    const after = (await b.caller.subscription.forPack({ packId: b.pack.id })).subscription;
    expect(after).toMatchObject({ tier: { tier: "standard" }, scheduledChange: null, usage: { rowsUsed: 0, rowQuota: QUOTA.standard } });
  });

  it("choosing the period's tier again calls a waiting downgrade off; the same tier twice changes nothing", async () => {
    const b = await subscribed("pro");
    await b.caller.subscription.changeTier({ packId: b.pack.id, tier: "standard" });
    expect((await b.caller.subscription.changeTier({ packId: b.pack.id, tier: "standard" })).outcome).toBe("unchanged");
    const back = await b.caller.subscription.changeTier({ packId: b.pack.id, tier: "pro" });
    expect(back.outcome).toBe("unscheduled");
    expect(back.subscription).toMatchObject({ tier: { tier: "pro" }, billedTier: { tier: "pro" }, scheduledChange: null });
    await world.fake.advanceSubscription(b.sub.stripeSubscriptionId);
    await world.fake.flushDeliveries();
    expect((await counters(b.sub.id)).map((c) => c.rowQuota)).toEqual([QUOTA.pro, QUOTA.pro]);
    expect((await revenue(b.pack.id)).map((r) => r.amountCents)).toEqual([19900, 19900]);
  });

  it("an upgrade while a downgrade waits is prorated from the tier this period was paid at", async () => {
    const b = await subscribed("pro");
    await b.caller.subscription.changeTier({ packId: b.pack.id, tier: "standard" });
    const up = await b.caller.subscription.changeTier({ packId: b.pack.id, tier: "enterprise" });
    expect(up.outcome).toBe("upgraded");
    await world.fake.flushDeliveries();
    const [, proration] = await revenue(b.pack.id);
    // Enterprise minus Pro for (almost) the whole period; from Standard it would be 95,000.
    expect(proration!.amountCents).toBeGreaterThan(79_000);
    expect(proration!.amountCents).toBeLessThanOrEqual(80_000);
    expect(await counters(b.sub.id)).toEqual([expect.objectContaining({ rowQuota: QUOTA.enterprise, rowsUsed: 7_000 })]);
  });

  it("a declined card leaves the tier and the quota as they were", async () => {
    const b = await subscribed("standard");
    world.fake.setDelivery({ failNextPayment: true });
    await expect(b.caller.subscription.changeTier({ packId: b.pack.id, tier: "pro" })).rejects.toMatchObject({
      appCode: "invalid_request",
      message: expect.stringContaining("declined"),
    });
    await world.fake.flushDeliveries();
    expect((await b.caller.subscription.forPack({ packId: b.pack.id })).subscription).toMatchObject({
      tier: { tier: "standard" },
      billedTier: { tier: "standard" },
      usage: { rowQuota: QUOTA.standard },
    });
    const stripeSub = await world.stripe.subscriptions.retrieve(b.sub.stripeSubscriptionId);
    expect(stripeSub.status).toBe("active");
  });

  it("a change made in Stripe itself (the portal) converges through the webhook alone, in any order of delivery", async () => {
    const b = await subscribed("standard");
    const proTier = await getDb().packTier.findFirstOrThrow({ where: { packId: b.pack.id, tier: "pro" } });
    const price = await world.stripe.prices.create({
      currency: "usd",
      unit_amount: 19900,
      recurring: { interval: "month" },
      product_data: { name: "Pro" },
      metadata: { packId: b.pack.id, tierId: proTier.id },
    });
    world.fake.setDelivery({ duplicates: true, reorder: true });
    const stripeSub = await world.stripe.subscriptions.retrieve(b.sub.stripeSubscriptionId);
    await world.stripe.subscriptions.update(stripeSub.id, {
      items: [{ id: stripeSub.items.data[0]!.id, price: price.id }],
      proration_behavior: "always_invoice",
    });
    await world.fake.flushDeliveries();
    const sub = await getDb().buyerSubscription.findUniqueOrThrow({ where: { id: b.sub.id }, include: { tier: true } });
    expect(sub.tier.tier).toBe("pro");
    expect(await counters(b.sub.id)).toEqual([expect.objectContaining({ rowQuota: QUOTA.pro, rowsUsed: 7_000 })]);
    expect(await revenue(b.pack.id)).toHaveLength(2);
  });

  it("refuses a pack the org does not subscribe to, and a subscription set to cancel", async () => {
    const b = await subscribed("standard");
    const other = await makePack();
    await expect(b.caller.subscription.changeTier({ packId: other.id, tier: "pro" })).rejects.toMatchObject({ appCode: "not_found" });
    await world.stripe.subscriptions.update(b.sub.stripeSubscriptionId, { cancel_at_period_end: true });
    await world.fake.flushDeliveries();
    await expect(b.caller.subscription.changeTier({ packId: b.pack.id, tier: "pro" })).rejects.toMatchObject({
      appCode: "invalid_request",
      message: expect.stringContaining("resume it"),
    });
    expect((await b.caller.subscription.subscribedPackIds()).packIds).toEqual([b.pack.id]);
  });

  it("answers not_found, not a server error, for a subscription Stripe no longer has", async () => {
    const { user, org } = await makeUserInOrg("owner");
    const pack = await makePack();
    await subscribeInDatabaseOnly(org.id, pack.id);
    await expect(callerFor(sessionFor(user), org.id).subscription.changeTier({ packId: pack.id, tier: "pro" })).rejects.toMatchObject({
      appCode: "not_found",
      message: expect.stringContaining("Stripe has no record"),
    });
  });
});

// One live subscription per (org, pack), whatever the clicks: one open Checkout Session per pack,
// the database's live slot, and a duplicate that slips through anyway canceled and refunded.
import { InngestTestEngine } from "@inngest/test";
import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/server/db";
import { callerFor, makePack, makeUserInOrg, sessionFor } from "~/test/factories";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { cancelDuplicateSubscriptionFunction } from "../../../../inngest/functions/cancel-duplicate-subscription";
import { createCheckoutSession } from "./create-checkout-session";

let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
});
afterAll(() => world?.stop());
beforeEach(() => {
  world.fake.reset();
  world.fake.setDelivery({ paused: false, duplicates: false, reorder: false, delayMs: 0 });
});

async function buyer() {
  const { user, org } = await makeUserInOrg("owner");
  const pack = await makePack();
  return { user, org, pack, caller: callerFor(sessionFor(user), org.id) };
}

function checkoutAt(b: Awaited<ReturnType<typeof buyer>>, tier: "standard" | "pro", now: Date) {
  return createCheckoutSession(getDb(), world.stripe, {
    packId: b.pack.id,
    tier,
    orgId: b.org.id,
    orgName: b.org.name,
    userEmail: b.user.email,
    appUrl: "http://localhost:3000",
    now,
  });
}

async function openSessionsOf(orgId: string) {
  const sessions = await world.stripe.checkout.sessions.list({ limit: 100 });
  return sessions.data.filter((s) => s.client_reference_id === orgId && s.status === "open");
}

describe("one open checkout per (org, pack)", () => {
  it("clicks either side of a minute boundary get the same session", async () => {
    const b = await buyer();
    const first = await checkoutAt(b, "standard", new Date("2026-12-01T12:00:59.900Z"));
    const second = await checkoutAt(b, "standard", new Date("2026-12-01T12:01:00.100Z"));
    const later = await checkoutAt(b, "standard", new Date("2026-12-01T12:20:00.000Z"));
    expect(second.id).toBe(first.id);
    expect(later.id).toBe(first.id);
    expect(await openSessionsOf(b.org.id)).toHaveLength(1);
  });

  it("ten simultaneous clicks get one session", async () => {
    const b = await buyer();
    const sessions = await Promise.all(Array.from({ length: 10 }, () => b.caller.subscription.createCheckout({ packId: b.pack.id, tier: "pro" })));
    expect(new Set(sessions.map((s) => s.id)).size).toBe(1);
    expect(await openSessionsOf(b.org.id)).toHaveLength(1);
  });

  it("two tiers in two tabs: the second choice expires the first session, which can no longer be paid", async () => {
    const b = await buyer();
    const standard = await b.caller.subscription.createCheckout({ packId: b.pack.id, tier: "standard" });
    const pro = await b.caller.subscription.createCheckout({ packId: b.pack.id, tier: "pro" });
    expect(pro.id).not.toBe(standard.id);
    expect((await world.stripe.checkout.sessions.retrieve(standard.id)).status).toBe("expired");
    expect((await openSessionsOf(b.org.id)).map((s) => s.id)).toEqual([pro.id]);
    await expect(world.fake.pay(standard.id)).rejects.toThrow(/can no longer be paid/);

    await world.fake.pay(pro.id);
    await world.fake.flushDeliveries();
    const subs = await getDb().buyerSubscription.findMany({ where: { buyerOrgId: b.org.id }, include: { tier: true } });
    expect(subs.map((s) => [s.status, s.tier.tier])).toEqual([["active", "pro"]]);
    // Paid: the next click is refused, even in a tab that still shows the pricing.
    await expect(b.caller.subscription.createCheckout({ packId: b.pack.id, tier: "standard" })).rejects.toMatchObject({ appCode: "invalid_request" });
  });
});

describe("a second live subscription that gets through anyway", () => {
  it("both sessions paid: one live subscription; the other is canceled at once and refunded, and the buyer is told", async () => {
    const b = await buyer();
    // Two sessions made around the guard (as an old tab or a race would), both paid.
    const customer = await world.stripe.customers.create({ name: b.org.name });
    const tiers = await getDb().packTier.findMany({ where: { packId: b.pack.id }, orderBy: { priceCents: "asc" } });
    const paid: Stripe.Checkout.Session[] = [];
    for (const tier of tiers.slice(0, 2)) {
      const price = await world.stripe.prices.create({ currency: "usd", unit_amount: tier.priceCents, recurring: { interval: "month" }, product_data: { name: tier.tier } });
      const metadata = { buyerOrgId: b.org.id, packId: b.pack.id, tierId: tier.id };
      const session = await world.stripe.checkout.sessions.create({
        mode: "subscription",
        customer: customer.id,
        client_reference_id: b.org.id,
        line_items: [{ price: price.id, quantity: 1 }],
        metadata,
        subscription_data: { metadata },
        success_url: "http://localhost:3000/ok",
      });
      paid.push(session);
    }
    await Promise.all(paid.map((s) => world.fake.pay(s.id)));
    await world.fake.flushDeliveries();

    const db = getDb();
    const rows = await db.buyerSubscription.findMany({ where: { buyerOrgId: b.org.id }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.liveSlot === true)).toHaveLength(1);
    const duplicate = rows.find((r) => r.isDuplicate)!;
    expect(duplicate).toBeDefined();
    expect(await db.buyerUsageCounter.count({ where: { subscriptionId: duplicate.id } })).toBe(0);
    const queued = await db.outboxEvent.findUniqueOrThrow({ where: { id: `duplicate-subscription:${duplicate.stripeSubscriptionId}` } });
    expect(queued.data).toEqual({ subscriptionId: duplicate.id });

    const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const engine = new InngestTestEngine({ function: cancelDuplicateSubscriptionFunction });
    const { result } = await engine.execute({ events: [{ name: "subscription/duplicate.found", data: { subscriptionId: duplicate.id } }] });
    const charged = (await world.stripe.invoices.list({ subscription: duplicate.stripeSubscriptionId })).data[0]!.amount_paid;
    expect(result).toEqual({ canceled: true, refundedCents: charged, sent: 1 });
    expect(printed.mock.calls.flat().join("\n")).toMatch(new RegExp(`to ${b.user.email}: Duplicate subscription to .* canceled and refunded`));
    printed.mockRestore();
    expect((await world.stripe.subscriptions.retrieve(duplicate.stripeSubscriptionId)).status).toBe("canceled");

    await world.fake.flushDeliveries();
    const after = await db.buyerSubscription.findUniqueOrThrow({ where: { id: duplicate.id } });
    expect(after.status).toBe("canceled");
    const money = await db.revenue.findMany({ where: { buyerOrgId: b.org.id } });
    const net = money.reduce((sum, r) => sum + r.amountCents, 0);
    const kept = rows.find((r) => !r.isDuplicate)!;
    const keptInvoice = (await world.stripe.invoices.list({ subscription: kept.stripeSubscriptionId })).data[0]!;
    expect(net).toBe(keptInvoice.amount_paid);

    const mine = await b.caller.subscription.myPacks();
    expect(mine.packs.find((p) => p.subscriptionId === duplicate.id)).toMatchObject({ isDuplicate: true, hasAccess: false, status: "canceled" });
    expect(mine.packs.find((p) => p.subscriptionId === kept.id)).toMatchObject({ isDuplicate: false, hasAccess: true });

    // Running the workflow again changes nothing: no second cancel, no second refund, no email.
    const again = await new InngestTestEngine({ function: cancelDuplicateSubscriptionFunction }).execute({
      events: [{ name: "subscription/duplicate.found", data: { subscriptionId: duplicate.id } }],
    });
    expect(again.result).toMatchObject({ canceled: true });
    const refunds = await world.stripe.refunds.list({ limit: 100 });
    expect(refunds.data.filter((r) => r.metadata?.duplicateSubscription === duplicate.stripeSubscriptionId)).toHaveLength(1);
  });

  it("the database refuses a second live subscription to one pack, whatever the code does", async () => {
    const b = await buyer();
    const db = getDb();
    const tier = await db.packTier.findFirstOrThrow({ where: { packId: b.pack.id, tier: "standard" } });
    const row = (id: string, status: "active" | "canceled", isDuplicate = false) => ({
      buyerOrgId: b.org.id, packId: b.pack.id, tierId: tier.id, stripeCustomerId: "cus_x", stripeSubscriptionId: id, status, isDuplicate,
    });
    await db.buyerSubscription.create({ data: row("sub_a", "active") });
    await expect(db.buyerSubscription.create({ data: row("sub_b", "active") })).rejects.toMatchObject({ code: "P2002" });
    await db.buyerSubscription.create({ data: row("sub_c", "canceled") });
    await expect(db.buyerSubscription.update({ where: { stripeSubscriptionId: "sub_c" }, data: { status: "active" } })).rejects.toMatchObject({ code: "P2002" });
    // A duplicate holds no slot.
    await db.buyerSubscription.create({ data: row("sub_d", "active", true) });
    expect(await db.buyerSubscription.count({ where: { buyerOrgId: b.org.id, liveSlot: true } })).toBe(1);
  });
});

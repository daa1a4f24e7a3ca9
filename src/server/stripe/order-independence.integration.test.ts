// Stripe sends events late, twice, out of order and at the same moment, while the objects they are
// about keep changing. Whatever arrives when, our rows must end equal to Stripe's final objects.
import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { callerFor, makePack, makeUserInOrg, sessionFor } from "~/test/factories";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { processStripeEvent } from "./process-event";

let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
});
afterAll(() => world?.stop());
beforeEach(() => {
  world.fake.reset();
  world.fake.setDelivery({ paused: true, duplicates: false, reorder: false, delayMs: 0 });
});

// A small deterministic PRNG, so a failure can be replayed with the same choices.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function buyerWithCheckout(tier: "standard" | "pro" = "pro") {
  const { user, org } = await makeUserInOrg();
  const pack = await makePack();
  const session = await callerFor(sessionFor(user), org.id).subscription.createCheckout({ packId: pack.id, tier });
  return { org, pack, session };
}

// The newest subscription Stripe created.
function subscriptionIdFromEvents(): string {
  const created = world.fake.events().filter((e) => e.type === "customer.subscription.created").at(-1);
  return (created!.data.object as Stripe.Subscription).id;
}

// Our rows for an org, in a shape that can be compared with Stripe's objects.
async function ourRows(orgId: string) {
  const db = getDb();
  const [sub] = await db.buyerSubscription.findMany({
    where: { buyerOrgId: orgId },
    select: {
      stripeSubscriptionId: true,
      status: true,
      cancelAtPeriodEnd: true,
      currentPeriodStart: true,
      currentPeriodEnd: true,
      usageCounters: { orderBy: { periodStart: "asc" }, select: { periodStart: true } },
    },
  });
  const revenue = await db.revenue.findMany({ where: { buyerOrgId: orgId }, orderBy: { stripeObjectId: "asc" }, select: { stripeObjectId: true, amountCents: true } });
  return { sub, revenue };
}

// The same, computed from Stripe's final objects: what the rows must be.
async function stripeTruth(subscriptionId: string) {
  const s = world.stripe;
  const subscription = await s.subscriptions.retrieve(subscriptionId);
  const item = subscription.items.data[0]!;
  const invoices = (await s.invoices.list({ subscription: subscriptionId, limit: 100 })).data.filter((i) => i.status === "paid");
  const revenue: Array<{ stripeObjectId: string; amountCents: number }> = invoices.map((i) => ({ stripeObjectId: i.id, amountCents: i.amount_paid }));
  for (const invoice of invoices) {
    const payments = await s.invoicePayments.list({ invoice: invoice.id, limit: 10 });
    for (const payment of payments.data) {
      const pi = payment.payment.payment_intent;
      const refunds = await s.refunds.list({ payment_intent: typeof pi === "string" ? pi : pi!.id, limit: 100 });
      for (const r of refunds.data) revenue.push({ stripeObjectId: r.id, amountCents: -r.amount });
    }
  }
  const periodStarts = invoices
    .filter((i) => i.billing_reason === "subscription_create" || i.billing_reason === "subscription_cycle")
    .map((i) => new Date(i.lines.data[0]!.period.start * 1000))
    .sort((a, b) => a.getTime() - b.getTime());
  return {
    sub: {
      stripeSubscriptionId: subscription.id,
      status: subscription.status,
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
      currentPeriodStart: new Date(item.current_period_start * 1000),
      currentPeriodEnd: new Date(item.current_period_end * 1000),
      usageCounters: periodStarts.map((periodStart) => ({ periodStart })),
    },
    revenue: revenue.sort((a, b) => (a.stripeObjectId < b.stripeObjectId ? -1 : 1)),
  };
}

describe("webhook convergence", () => {
  it("concurrent deliveries of different events, stale events after newer state, and Stripe changing mid-flight end in Stripe's final objects", async () => {
    // Every Stripe answer is late by a random 0-80 ms, so an event handled now may see an object
    // that changes before its transaction commits.
    world.fake.setApiLatency({ minMs: 0, maxMs: 80 });
    for (const seed of [1, 2]) {
      const random = prng(seed);
      const firstEvent = world.fake.events().length;
      const { org, session } = await buyerWithCheckout();
      let subscriptionId = "";
      const changes: Array<() => Promise<unknown>> = [
        () => world.fake.pay(session.id),
        () => world.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true }),
        () => world.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false }),
        () => world.fake.advanceSubscription(subscriptionId),
        async () => {
          const invoice = (await world.stripe.invoices.list({ subscription: subscriptionId, limit: 1 })).data[0]!;
          const payment = (await world.stripe.invoicePayments.list({ invoice: invoice.id })).data[0]!;
          const pi = payment.payment.payment_intent as string;
          const charge = (await world.stripe.charges.list({ payment_intent: pi })).data[0]!;
          await world.fake.refundCharge(charge.id, 1000);
        },
        () => world.fake.advanceSubscription(subscriptionId, { fail: true }),
        async () => {
          const failed = world.fake.events().filter((e) => e.type === "invoice.payment_failed").at(-1)!.data.object as Stripe.Invoice;
          await world.fake.retryInvoice(failed.id);
        },
        () => world.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true }),
        () => world.stripe.subscriptions.cancel(subscriptionId),
      ];

      let delivered = world.fake.events().length;
      let inFlight: Array<Promise<unknown>> = [];
      for (const [i, change] of changes.entries()) {
        // Stripe changes while earlier batches are still being handled, and each new batch starts
        // before the earlier ones end: old and new events for one subscription meet in flight.
        await change();
        if (!subscriptionId) subscriptionId = subscriptionIdFromEvents();
        const all = world.fake.events();
        const fresh = all.slice(delivered);
        delivered = all.length;
        const stale = all.slice(firstEvent, all.length - fresh.length).filter(() => random() < 0.3);
        // Each new event twice, some old ones again, all at once, in a shuffled order.
        const batch = [...fresh, ...fresh, ...stale].sort(() => random() - 0.5);
        inFlight.push(...batch.map((e) => world.fake.deliverEvent(e.id)));
        await new Promise((resolve) => setTimeout(resolve, random() * 20));
        if (i % 3 === 2) {
          // Every event about the latest state has been delivered: once all are handled, the rows
          // must be Stripe's objects as they are now, not as some earlier event saw them.
          await Promise.all(inFlight);
          inFlight = [];
          expect(await ourRows(org.id), `seed ${seed}, after change ${i}`).toEqual(await stripeTruth(subscriptionId));
        }
      }
      // Nothing more changes; everything is delivered once more, all at once, as Stripe's retries would.
      await Promise.all(world.fake.events().slice(firstEvent).map((e) => world.fake.deliverEvent(e.id)));

      const truth = await stripeTruth(subscriptionId);
      expect(truth.sub.status).toBe("canceled");
      expect(truth.revenue.some((r) => r.amountCents < 0)).toBe(true);
      expect(await ourRows(org.id)).toEqual(truth);
    }
  }, 120_000);

  it("a renewal and a cancellation handled at the same moment: the cancellation, Stripe's newest state, wins", async () => {
    const { org, session } = await buyerWithCheckout();
    world.fake.setDelivery({ paused: false });
    await world.fake.pay(session.id);
    await world.fake.flushDeliveries();
    world.fake.setDelivery({ paused: true });
    const subscriptionId = subscriptionIdFromEvents();
    const before = world.fake.events().length;
    await world.fake.advanceSubscription(subscriptionId);
    const renewal = world.fake.events().slice(before).filter((e) => e.type === "customer.subscription.updated" || e.type === "invoice.paid");
    expect(renewal).toHaveLength(2);

    // The renewal's events reach the app first; Stripe answers their fetches slowly...
    world.fake.setApiLatency({ minMs: 300, maxMs: 300 });
    const renewalDeliveries = Promise.all(renewal.map((e) => world.fake.deliverEvent(e.id)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // ...and meanwhile the buyer cancels, and the cancellation's event is handled quickly.
    world.fake.setApiLatency({ minMs: 0, maxMs: 0 });
    await world.stripe.subscriptions.cancel(subscriptionId);
    const deleted = world.fake.events().filter((e) => e.type === "customer.subscription.deleted").at(-1)!;
    const results = await Promise.all([world.fake.deliverEvent(deleted.id), renewalDeliveries]);
    expect(results[0].status).toBe(200);

    const row = await getDb().buyerSubscription.findFirstOrThrow({ where: { buyerOrgId: org.id } });
    expect(row.status).toBe("canceled");
    expect(await ourRows(org.id)).toEqual(await stripeTruth(subscriptionId));
  });

  it("a proration invoice is revenue but never resets the period's usage", async () => {
    const { org, session } = await buyerWithCheckout("standard");
    world.fake.setDelivery({ paused: false });
    await world.fake.pay(session.id);
    await world.fake.flushDeliveries();
    const db = getDb();
    const sub = await db.buyerSubscription.findFirstOrThrow({ where: { buyerOrgId: org.id } });
    await db.buyerUsageCounter.updateMany({ where: { subscriptionId: sub.id }, data: { rowsUsed: 700 } });

    const prorationId = await world.fake.invoiceProration(sub.stripeSubscriptionId, 2500);
    await world.fake.flushDeliveries();

    const counters = await db.buyerUsageCounter.findMany({ where: { subscriptionId: sub.id } });
    expect(counters.map((c) => c.rowsUsed)).toEqual([700]);
    expect(await db.revenue.findUnique({ where: { stripeObjectId: prorationId } })).toMatchObject({ kind: "invoice", amountCents: 2500 });
  });

  it("a refund that arrives before its invoice records both, whichever comes first", async () => {
    const { org, session } = await buyerWithCheckout("standard");
    await world.fake.pay(session.id);
    const charge = world.fake.events().filter((e) => e.type === "charge.succeeded").at(-1)!.data.object as Stripe.Charge;
    await world.fake.refundCharge(charge.id);
    const events = world.fake.events();
    const refunded = events.filter((e) => e.type === "charge.refunded").at(-1)!;
    const invoicePaid = events.filter((e) => e.type === "invoice.paid").at(-1)!;

    expect(await processStripeEvent(getDb(), world.stripe, refunded)).toBe("processed");
    expect(await processStripeEvent(getDb(), world.stripe, invoicePaid)).toBe("processed");
    const kinds = (await getDb().revenue.findMany({ where: { buyerOrgId: org.id }, orderBy: { amountCents: "asc" } })).map((r) => [r.kind, r.amountCents]);
    expect(kinds).toEqual([["refund", -4900], ["invoice", 4900]]);
  });

  it("sequential delivery in many orders, each event twice, ends in the same rows", async () => {
    const { org, session } = await buyerWithCheckout();
    await world.fake.pay(session.id);
    const subscriptionId = subscriptionIdFromEvents();
    await world.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    await world.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false });
    await world.fake.advanceSubscription(subscriptionId, { fail: true });
    const failedInvoice = world.fake.events().find((e) => e.type === "invoice.payment_failed")!.data.object as Stripe.Invoice;
    await world.fake.retryInvoice(failedInvoice.id);
    await world.stripe.subscriptions.cancel(subscriptionId);

    const all = world.fake.events();
    const first = (type: string) => all.find((e) => e.type === type)!;
    const paid = all.filter((e) => e.type === "invoice.paid");
    const lifecycle = [
      first("customer.subscription.created"),
      paid[0]!,
      first("customer.subscription.updated"),
      first("invoice.payment_failed"),
      paid[1]!,
      first("customer.subscription.deleted"),
    ];
    const truth = await stripeTruth(subscriptionId);
    const db = getDb();
    const random = prng(7);
    for (let round = 0; round < 40; round++) {
      await db.$transaction([db.buyerUsageCounter.deleteMany(), db.buyerSubscription.deleteMany(), db.revenue.deleteMany(), db.stripeEvent.deleteMany(), db.outboxEvent.deleteMany()]);
      const order = [...lifecycle].sort(() => random() - 0.5);
      for (const event of order) {
        await processStripeEvent(db, world.stripe, event);
        await processStripeEvent(db, world.stripe, event);
      }
      expect(await ourRows(org.id)).toEqual(truth);
      const outbox = await db.outboxEvent.findMany({ select: { id: true } });
      expect(outbox).toEqual([{ id: `stripe-event-followup:${first("invoice.payment_failed").id}` }]);
    }
  }, 120_000);
});

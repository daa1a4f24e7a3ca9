import type Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkout, createTier, startHarness, subscribe, types, waitFor, type Harness } from "./test-helpers";

const PAY_ORDER = [
  "customer.created",
  "checkout.session.completed",
  "customer.subscription.created",
  "invoice.created",
  "invoice.finalized",
  "invoice.paid",
  "invoice.payment_succeeded",
  "payment_intent.succeeded",
  "charge.succeeded",
];

// What GET /_fake/events answers.
type FakeEvents = {
  data: Stripe.Event[];
  deliveries: Record<string, Array<{ status: string; attempts: number; lastError: string | null }>>;
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function paidSession(harness: Harness) {
  const { price } = await createTier(harness.stripe);
  const session = await checkout(harness.stripe, price);
  await harness.fake.flushDeliveries();
  harness.platform.events.length = 0;
  return session;
}

describe("webhook delivery", () => {
  it("delivers signed events that constructEvent verifies, in the realistic order", async () => {
    const session = await paidSession(h);
    await h.fake.pay(session.id);
    await h.fake.flushDeliveries();
    expect(h.platform.rejected).toBe(0);
    expect(types(h.platform.events)).toEqual(PAY_ORDER);
    const [, completed] = h.platform.events as [Stripe.Event, Stripe.CheckoutSessionCompletedEvent];
    expect(completed).toMatchObject({
      api_version: "2026-10-28.endive",
      livemode: false,
      object: "event",
      request: { id: null, idempotency_key: null },
    });
    expect(completed.id).toMatch(/^evt_/);
    expect(completed.data.object).toMatchObject({ id: session.id, status: "complete", metadata: { orgId: "org_buyer" } });
    expect(h.connect.events).toEqual([]);
  });

  it("carries the API request and previous_attributes on updates", async () => {
    const { subscription } = await subscribe(h);
    h.platform.events.length = 0;
    await h.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }, { idempotencyKey: "cancel-1" });
    await h.fake.flushDeliveries();
    const [updated] = h.platform.events as [Stripe.CustomerSubscriptionUpdatedEvent];
    expect(updated.type).toBe("customer.subscription.updated");
    expect(updated.request).toMatchObject({ idempotency_key: "cancel-1" });
    expect(updated.request?.id).toMatch(/^req_/);
    expect(updated.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    expect(updated.data.object.cancel_at_period_end).toBe(true);
  });

  it("never blocks the API response on a slow endpoint", async () => {
    let release = () => undefined as void;
    h.platform.hold = new Promise<void>((resolve) => (release = resolve));
    const customer = await h.stripe.customers.create({ email: "slow@acme.test" });
    await waitFor(() => h.platform.events.length === 1);
    const during = (await (await fetch(`${h.fake.url}/_fake/events`)).json()) as FakeEvents;
    expect(Object.values(during.deliveries).flat().map((d) => d.status)).toEqual(["pending"]);
    expect(customer.id).toMatch(/^cus_/);
    release();
    await h.fake.flushDeliveries();
    expect(h.fake.events()[0]!.pending_webhooks).toBe(0);
  });

  it("waits delayMs before each delivery", async () => {
    h.fake.setDelivery({ delayMs: 300 });
    const started = Date.now();
    await h.stripe.customers.create({ email: "late@acme.test" });
    expect(h.platform.events).toEqual([]);
    await h.fake.flushDeliveries();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(types(h.platform.events)).toEqual(["customer.created"]);
  });

  it("delivers every event twice in duplicates mode", async () => {
    const session = await paidSession(h);
    h.fake.setDelivery({ duplicates: true });
    await h.fake.pay(session.id);
    await h.fake.flushDeliveries();
    expect(h.platform.events).toHaveLength(PAY_ORDER.length * 2);
    expect(new Set(h.platform.events.map((e) => e.id)).size).toBe(PAY_ORDER.length);
  });

  it("shuffles queued events deterministically in reorder mode", async () => {
    const orders: string[][] = [];
    for (const harness of [h, await startHarness()]) {
      const session = await paidSession(harness);
      harness.fake.setDelivery({ paused: true });
      await harness.fake.pay(session.id);
      harness.fake.setDelivery({ paused: false, reorder: true });
      await harness.fake.flushDeliveries();
      orders.push(types(harness.platform.events));
      if (harness !== h) await harness.close();
    }
    expect(orders[0]).not.toEqual(PAY_ORDER);
    expect([...orders[0]!].sort()).toEqual([...PAY_ORDER].sort());
    expect(orders[1]).toEqual(orders[0]);
  });

  it("holds events while paused; flushing then is an error rather than a hang", async () => {
    h.fake.setDelivery({ paused: true });
    await h.stripe.customers.create({ email: "a@acme.test" });
    await new Promise((r) => setTimeout(r, 50));
    expect(h.platform.events).toEqual([]);
    await expect(h.fake.flushDeliveries()).rejects.toThrow(/paused/);
    h.fake.setDelivery({ paused: false });
    await h.fake.flushDeliveries();
    expect(types(h.platform.events)).toEqual(["customer.created"]);
  });

  it("retries a 500 with backoff until the endpoint answers 2xx", async () => {
    let calls = 0;
    h.platform.respond = () => (++calls <= 2 ? 500 : 200);
    await h.stripe.customers.create({ email: "retry@acme.test" });
    await h.fake.flushDeliveries();
    expect(calls).toBe(3);
    const event = h.fake.events()[0]!;
    const status = (await (await fetch(`${h.fake.url}/_fake/events`)).json()) as FakeEvents;
    expect(status.deliveries[event.id]).toContainEqual(expect.objectContaining({ status: "delivered", attempts: 3 }));
    expect(event.pending_webhooks).toBe(0);
  });

  it("gives up after the last retry, and deliverEvent redelivers on demand", async () => {
    const lines: string[] = [];
    const harness = await startHarness({ retryDelaysMs: [5, 5], log: (l) => lines.push(l) });
    try {
      harness.platform.respond = () => 503;
      await harness.stripe.customers.create({ email: "down@acme.test" });
      await harness.fake.flushDeliveries();
      expect(harness.platform.events).toHaveLength(3);
      expect(lines.some((l) => /gave up/.test(l))).toBe(true);
      harness.platform.respond = () => 200;
      const eventId = harness.fake.events()[0]!.id;
      expect(await harness.fake.deliverEvent(eventId)).toEqual({ status: 200 });
      const res = await fetch(`${harness.fake.url}/_fake/events/${eventId}/deliver`, { method: "POST" });
      expect(await res.json()).toEqual({ status: 200 });
      expect(harness.platform.events).toHaveLength(5);
    } finally {
      await harness.close();
    }
  });

  it("treats a network error like a failed attempt and records why it gave up", async () => {
    await h.close();
    h = await startHarness({ log: () => undefined });
    await h.platform.close();
    await h.stripe.customers.create({ email: "later@acme.test" });
    await waitFor(() => (h.fake.events()[0] ? true : false));
    await h.fake.flushDeliveries();
    const res = await fetch(`${h.fake.url}/_fake/events`);
    const body = (await res.json()) as FakeEvents;
    const record = body.deliveries[body.data[0]!.id]!.find((d) => d.status !== "delivered" && d.lastError);
    expect(record?.status).toBe("failed");
  });

  it("sends account events only to the Connect endpoint, with the account field", async () => {
    const account = await h.stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
    await h.stripe.accounts.update(account.id, { metadata: { orgId: "org_seller" } });
    await h.fake.flushDeliveries();
    expect(types(h.connect.events)).toEqual(["account.updated"]);
    expect(h.connect.events[0]!.account).toBe(account.id);
    expect(h.platform.events.some((e) => e.type.startsWith("account."))).toBe(false);
  });
});

import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_STRIPE_WEBHOOK_SECRET } from "~/env";
import { createDb, getDb } from "~/server/db";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { MAX_EVENT_ATTEMPTS } from "./process-event";
import { listUnsettledStripeEvents, replayStripeEvent } from "./unsettled-events";
import { getStripe } from "./client";
import { handleStripeWebhook } from "./webhook";

let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
});
afterAll(() => world?.stop());

const signer = new Stripe("sk_test_signing_only");

function eventOf(id: string, type: string, object: Record<string, unknown>) {
  return JSON.stringify({
    id,
    object: "event",
    type,
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  });
}

const sign = (payload: string) => signer.webhooks.generateTestHeaderString({ payload, secret: DEV_STRIPE_WEBHOOK_SECRET });

function unknownEvent(id: string) {
  return JSON.stringify({
    id,
    object: "event",
    type: "product.created",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: { id: "prod_x", object: "product" } },
  });
}

async function post(payload: string, signature?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["stripe-signature"] = signature;
  const res = await fetch(world.webhookUrl, { method: "POST", headers, body: payload });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("POST /api/webhooks/stripe", () => {
  it("rejects a missing, wrong or tampered signature with 400 and stores nothing", async () => {
    const payload = unknownEvent("evt_bad_sig");
    const wrongSecret = signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_wrong" });
    const good = signer.webhooks.generateTestHeaderString({ payload, secret: DEV_STRIPE_WEBHOOK_SECRET });
    for (const [body, sig] of [
      [payload, undefined],
      [payload, "t=1,v1=deadbeef"],
      [payload, wrongSecret],
      [payload.replace("product.created", "charge.refunded"), good],
    ] as const) {
      const res = await post(body, sig);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: "invalid_request", message: "Missing or invalid Stripe-Signature header." } });
    }
    expect(await getDb().stripeEvent.count()).toBe(0);
  });

  it("stores an unknown event type and acknowledges it; a duplicate is acknowledged and ignored", async () => {
    const payload = unknownEvent("evt_unknown_type");
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret: DEV_STRIPE_WEBHOOK_SECRET });
    expect(await post(payload, signature)).toEqual({ status: 200, body: { received: true, result: "ignored" } });
    expect(await post(payload, signature)).toEqual({ status: 200, body: { received: true, result: "duplicate" } });
    const stored = await getDb().stripeEvent.findUniqueOrThrow({ where: { id: "evt_unknown_type" } });
    expect(stored).toMatchObject({ type: "product.created", status: "ignored", error: expect.stringContaining("does not handle") });
    expect(stored.processedAt).toBeInstanceOf(Date);
  });

  it("answers 500 when the database is down, so Stripe retries", async () => {
    const payload = unknownEvent("evt_db_down");
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret: DEV_STRIPE_WEBHOOK_SECRET });
    const deadDb = createDb("postgresql://postgres@127.0.0.1:1/nothing");
    const res = await handleStripeWebhook({ rawBody: Buffer.from(payload), signature, secret: DEV_STRIPE_WEBHOOK_SECRET, db: deadDb });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "internal_error", message: "Could not process the event; it will be retried." } });
    await deadDb.$disconnect();
  });

  it("refuses other methods", async () => {
    const res = await fetch(world.webhookUrl);
    expect(res.status).toBe(405);
  });

  it("answers 400 for a signed body that is not an event, and stores nothing", async () => {
    for (const payload of ["{}", "[]", JSON.stringify({ id: "evt_x", type: "charge.refunded" }), JSON.stringify({ id: "nope", object: "event", type: "x", created: 1, data: { object: {} } })]) {
      const res = await post(payload, sign(payload));
      expect(res).toEqual({ status: 400, body: { error: { code: "invalid_request", message: "The signed body is not a Stripe event." } } });
    }
    expect(await getDb().stripeEvent.count()).toBe(0);
  });

  it("settles an event about an object Stripe no longer has as failed, with the reason, and answers 200", async () => {
    const payload = eventOf("evt_gone", "customer.subscription.updated", { id: "sub_gone", object: "subscription" });
    expect(await post(payload, sign(payload))).toEqual({ status: 200, body: { received: true, result: "failed" } });
    const stored = await getDb().stripeEvent.findUniqueOrThrow({ where: { id: "evt_gone" } });
    expect(stored.status).toBe("failed");
    expect(stored.error).toMatch(/sub_gone/);
    expect(await post(payload, sign(payload))).toEqual({ status: 200, body: { received: true, result: "duplicate" } });
  });

  it("ignores, with the reason, a refund of a charge that belongs to no pack", async () => {
    world.fake.setDelivery({ paused: true });
    const stripe = world.stripe;
    const customer = await stripe.customers.create({ name: "Not ours" });
    const price = await stripe.prices.create({ currency: "usd", unit_amount: 1500, recurring: { interval: "month" }, product_data: { name: "Elsewhere" } });
    const session = await stripe.checkout.sessions.create({ mode: "subscription", customer: customer.id, line_items: [{ price: price.id, quantity: 1 }], success_url: "http://localhost/x" });
    await world.fake.pay(session.id);
    const charge = world.fake.events().filter((e) => e.type === "charge.succeeded").at(-1)!.data.object as Stripe.Charge;
    await world.fake.refundCharge(charge.id);
    const refunded = world.fake.events().filter((e) => e.type === "charge.refunded").at(-1)!;
    const res = await world.fake.deliverEvent(refunded.id);
    expect(res.status).toBe(200);
    const stored = await getDb().stripeEvent.findUniqueOrThrow({ where: { id: refunded.id } });
    expect(stored).toMatchObject({ status: "ignored", error: expect.stringContaining("not one of ours") });
    expect(await getDb().revenue.count()).toBe(0);
    world.fake.reset();
  });

  it("answers 500 to a transient failure until the attempts run out, then marks the event dead; a replay brings it back", async () => {
    const payload = eventOf("evt_flaky", "customer.subscription.updated", { id: "sub_flaky", object: "subscription" });
    const base = process.env.STRIPE_API_BASE;
    process.env.STRIPE_API_BASE = "http://127.0.0.1:9"; // nothing listens: Stripe is unreachable
    try {
      for (let attempt = 1; attempt < MAX_EVENT_ATTEMPTS; attempt++) {
        expect((await post(payload, sign(payload))).status).toBe(500);
      }
      expect(await post(payload, sign(payload))).toEqual({ status: 200, body: { received: true, result: "dead" } });
    } finally {
      process.env.STRIPE_API_BASE = base;
    }
    const stored = await getDb().stripeEvent.findUniqueOrThrow({ where: { id: "evt_flaky" } });
    expect(stored).toMatchObject({ status: "dead", attempts: MAX_EVENT_ATTEMPTS });
    expect((await listUnsettledStripeEvents(getDb())).map((e) => [e.id, e.status])).toEqual([["evt_flaky", "dead"]]);
    // Stripe is back (and no longer has the subscription): the replay settles it for good.
    expect(await replayStripeEvent(getDb(), getStripe(), { eventId: "evt_flaky" })).toBe("failed");
    expect(await replayStripeEvent(getDb(), getStripe(), { eventId: "evt_nope" })).toBe("not_found");
  }, 60_000);
});

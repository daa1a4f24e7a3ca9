import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_STRIPE_WEBHOOK_SECRET } from "~/env";
import { createDb, getDb } from "~/server/db";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { handleStripeWebhook } from "./webhook";

let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
});
afterAll(() => world?.stop());

const signer = new Stripe("sk_test_signing_only");

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
});

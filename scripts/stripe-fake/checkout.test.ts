import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startStripeFake } from "./index";
import { checkout, createTier, sdk, startHarness, subscribe, types, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.fake.reset());

describe("checkout with the real SDK", () => {
  it("creates a session whose url is the fake's hosted page", async () => {
    const { price } = await createTier(h.stripe);
    const session = await checkout(h.stripe, price);
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "subscription",
      status: "open",
      payment_status: "unpaid",
      livemode: false,
      amount_total: 4900,
      currency: "usd",
      client_reference_id: "org_buyer",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${h.fake.url}/checkout/${session.id}`);
    const line = await h.stripe.checkout.sessions.listLineItems(session.id);
    expect(line.data[0]).toMatchObject({ object: "item", quantity: 1, amount_total: 4900, price: { id: price.id } });
  });

  it("pay creates a subscription, a paid invoice, a payment intent and a charge", async () => {
    const { session, subscription, price } = await subscribe(h);
    expect(session).toMatchObject({ status: "complete", payment_status: "paid", url: null });
    expect(session.customer).toMatch(/^cus_/);

    expect(subscription).toMatchObject({
      object: "subscription",
      status: "active",
      customer: session.customer,
      cancel_at_period_end: false,
      metadata: { orgId: "org_buyer", packId: "pack_1", tier: "pro" },
    });
    expect(subscription.id).toMatch(/^sub_/);
    const item = subscription.items.data[0]!;
    expect(item.id).toMatch(/^si_/);
    expect(item.price.id).toBe(price.id);
    const start = new Date(item.current_period_start * 1000);
    const end = new Date(item.current_period_end * 1000);
    expect((end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth()).toBe(1);

    const invoice = await h.stripe.invoices.retrieve(subscription.latest_invoice as string, { expand: ["payments"] });
    expect(invoice).toMatchObject({
      object: "invoice",
      status: "paid",
      amount_paid: 4900,
      amount_remaining: 0,
      currency: "usd",
      billing_reason: "subscription_create",
    });
    expect(invoice.parent?.subscription_details).toMatchObject({ subscription: subscription.id, metadata: { packId: "pack_1" } });
    expect(invoice.status_transitions.paid_at).toBeGreaterThan(0);
    const line = invoice.lines.data[0]!;
    expect(line.id).toMatch(/^il_/);
    expect(line.period).toEqual({ start: item.current_period_start, end: item.current_period_end });
    expect(line.pricing?.price_details?.price).toBe(price.id);
    const payment = invoice.payments!.data[0]!;
    expect(payment).toMatchObject({ object: "invoice_payment", status: "paid", amount_paid: 4900 });
    const pi = await h.stripe.paymentIntents.retrieve(payment.payment.payment_intent as string);
    expect(pi).toMatchObject({ status: "succeeded", amount_received: 4900 });
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({
      object: "charge",
      status: "succeeded",
      paid: true,
      amount: 4900,
      payment_intent: pi.id,
      amount_refunded: 0,
    });
    expect(charge.id).toMatch(/^ch_/);

    const found = await h.stripe.invoicePayments.list({ payment: { type: "payment_intent", payment_intent: pi.id } });
    expect(found.data.map((p) => p.invoice)).toEqual([invoice.id]);
  });

  it("pay at a past time dates the first period, the payment and the events then", async () => {
    const { price } = await createTier(h.stripe);
    const session = await checkout(h.stripe, price);
    const at = new Date(Date.now() - 12 * 86_400_000);
    const atSeconds = Math.floor(at.getTime() / 1000);
    const before = h.fake.events().length;
    await h.fake.pay(session.id, { at });
    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "invoice"] });
    const item = (done.subscription as Stripe.Subscription).items.data[0]!;
    expect(item.current_period_start).toBe(atSeconds);
    expect(item.current_period_end).toBeGreaterThan(Date.now() / 1000);
    const invoice = done.invoice as Stripe.Invoice;
    expect(invoice.status_transitions.paid_at).toBe(atSeconds);
    expect(invoice.lines.data[0]!.period.start).toBe(atSeconds);
    expect(new Set(h.fake.events().slice(before).map((e) => e.created))).toEqual(new Set([atSeconds]));
    // The clock is back to the real time afterwards.
    const later = await h.stripe.customers.create({ email: "x@y.test" });
    expect(later.created).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
    await expect(h.fake.pay(session.id, { at: new Date(Date.now() + 60_000) })).rejects.toThrow(/not in the future/);
  });

  it("expands the subscription on a retrieved session", async () => {
    const { session } = await subscribe(h);
    const expanded = await h.stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ["subscription", "subscription.latest_invoice"] },
    );
    const sub = expanded.subscription as Stripe.Subscription;
    expect(sub.object).toBe("subscription");
    expect((sub.latest_invoice as Stripe.Invoice).object).toBe("invoice");
  });

  it("uses an existing customer and emits the realistic order of events", async () => {
    const customer = await h.stripe.customers.create({ email: "owner@acme.test", metadata: { orgId: "org_buyer" } });
    const { price } = await createTier(h.stripe);
    const session = await checkout(h.stripe, price, { customer: customer.id, customer_email: undefined });
    const before = h.fake.events().length;
    await h.fake.pay(session.id);
    expect(types(h.fake.events().slice(before))).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "payment_intent.succeeded",
      "charge.succeeded",
    ]);
    const created = h.fake.events().find((e) => e.type === "invoice.created")!;
    expect((created.data.object as Stripe.Invoice).status).toBe("draft");
  });

  it("the hosted page shows the item, a Pay button and a Cancel link; Pay redirects to success_url", async () => {
    const { price } = await createTier(h.stripe);
    const session = await checkout(h.stripe, price);
    const html = await (await fetch(session.url!)).text();
    expect(html).toContain("Pack Market test checkout — no real card is charged");
    expect(html).toContain("$49.00");
    expect(html).toContain("per month");
    expect(html).toMatch(/<button[^>]*>Pay<\/button>/);
    expect(html).toMatch(/<a href="[^"]+\/cancel">Cancel<\/a>/);

    const cancel = await fetch(`${session.url}/cancel`, { redirect: "manual" });
    expect(cancel.status).toBe(302);
    expect(cancel.headers.get("location")).toBe("http://localhost:3000/marketplace/packs/weather");
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");

    const click = () => fetch(`${session.url}/pay`, { method: "POST", redirect: "manual" });
    const [pay, doubleClick] = await Promise.all([click(), click()]);
    for (const res of [pay!, doubleClick!]) {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`http://localhost:3000/app/marketplace/my-packs?session_id=${session.id}`);
    }
    const { customer } = await h.stripe.checkout.sessions.retrieve(session.id);
    expect((await h.stripe.subscriptions.list({ customer: customer as string })).data).toHaveLength(1);
  });

  it("a failing payment shows an error on the page and leaves the session open", async () => {
    const { price } = await createTier(h.stripe);
    const session = await checkout(h.stripe, price);
    h.fake.setDelivery({ failNextPayment: true });
    const res = await fetch(`${session.url}/pay`, { method: "POST", redirect: "manual" });
    expect(res.status).toBe(402);
    expect(await res.text()).toContain("Your card was declined");
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect(h.fake.events().some((e) => e.type === "checkout.session.completed")).toBe(false);
    await h.fake.pay(session.id);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("complete");
  });

  it("expires an open session and refuses to pay it", async () => {
    const { price } = await createTier(h.stripe);
    const session = await checkout(h.stripe, price);
    const expired = await h.stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: "expired", url: null });
    expect(types(h.fake.events())).toContain("checkout.session.expired");
    await expect(h.fake.pay(session.id)).rejects.toThrow(/expired/);
  });

  it("answers bad parameters and unknown ids with Stripe-style errors", async () => {
    const { price } = await createTier(h.stripe);
    await expect(h.stripe.customers.retrieve("cus_missing")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
      code: "resource_missing",
      message: "No such customer: 'cus_missing'",
    });
    const unknownPrice = checkout(h.stripe, price, { line_items: [{ price: "price_missing", quantity: 1 }] });
    await expect(unknownPrice).rejects.toMatchObject({ statusCode: 404, param: "line_items[0][price]" });
    const noSuccessUrl = checkout(h.stripe, price, { success_url: undefined });
    await expect(noSuccessUrl).rejects.toMatchObject({ statusCode: 400, code: "parameter_missing", param: "success_url" });
    const takenKey = h.stripe.prices.create({ product: price.product as string, currency: "usd", unit_amount: 100, lookup_key: price.lookup_key! });
    await expect(takenKey).rejects.toMatchObject({ statusCode: 400, param: "lookup_key" });
    const res = await fetch(`${h.fake.url}/v1/nothing`, { headers: { authorization: "Bearer sk_test_x" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  it("lists prices by lookup key and active flag", async () => {
    const { price } = await createTier(h.stripe, "pack_a_standard");
    await createTier(h.stripe, "pack_b_standard");
    await h.stripe.prices.update(price.id, { active: false });
    expect((await h.stripe.prices.list({ lookup_keys: ["pack_a_standard"] })).data.map((p) => p.id)).toEqual([price.id]);
    expect((await h.stripe.prices.list({ lookup_keys: ["pack_a_standard"], active: true })).data).toEqual([]);
    expect((await h.stripe.prices.list({ lookup_keys: ["pack_a_standard", "pack_b_standard"] })).data).toHaveLength(2);
  });
});

describe("safety", () => {
  it("refuses live keys with 401", async () => {
    for (const key of ["sk_live_abc", "rk_live_abc"]) {
      const res = await fetch(`${h.fake.url}/v1/customers`, { method: "POST", headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: { type: "invalid_request_error", message: expect.stringContaining("live") },
      });
    }
    await expect(sdk(h.fake, "sk_live_123").customers.create({})).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(h.fake.events()).toEqual([]);
  });

  it("refuses to start when NODE_ENV=production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    try {
      await expect(startStripeFake({ port: 0 })).rejects.toThrow(/production/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

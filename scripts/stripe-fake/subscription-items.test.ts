import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prorationAmount } from "./subscription-items";
import { startHarness, subscribe, types, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.fake.reset());

const newEvents = (from: number) => h.fake.events().slice(from);

// A second price of the same product (the subscription's is 49.00 a month).
async function priceOf(subscription: Stripe.Subscription, unitAmount: number) {
  const product = subscription.items.data[0]!.price.product as string;
  return h.stripe.prices.create({ product, currency: "usd", unit_amount: unitAmount, recurring: { interval: "month" } });
}

// Halfway through the period, so the expected amounts are exact.
function midPeriod(subscription: Stripe.Subscription) {
  const item = subscription.items.data[0]!;
  return item.current_period_start + Math.floor((item.current_period_end - item.current_period_start) / 2);
}

describe("prorationAmount", () => {
  it("charges the new price's remaining share minus the old one's, in cents", () => {
    expect(prorationAmount({ from: 4900, to: 19900, quantity: 1, start: 0, end: 100, at: 50 })).toBe(7500);
    expect(prorationAmount({ from: 19900, to: 4900, quantity: 1, start: 0, end: 100, at: 50 })).toBe(-7500);
    expect(prorationAmount({ from: 4900, to: 19900, quantity: 1, start: 0, end: 100, at: 100 })).toBe(0);
    expect(prorationAmount({ from: 4900, to: 19900, quantity: 1, start: 0, end: 100, at: 0 })).toBe(15000);
  });
});

describe("changing a subscription's price", () => {
  it("always_invoice: the new price now, an invoice for the prorated difference paid at once, the period unchanged", async () => {
    const { subscription } = await subscribe(h);
    const pro = await priceOf(subscription, 19900);
    const item = subscription.items.data[0]!;
    const before = h.fake.events().length;
    const updated = await h.stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: pro.id }],
      proration_behavior: "always_invoice",
      proration_date: midPeriod(subscription),
      metadata: { tier: "enterprise" },
    });
    expect(updated.items.data[0]!.price.id).toBe(pro.id);
    expect(updated.items.data[0]!.current_period_end).toBe(item.current_period_end);
    expect(updated.metadata).toMatchObject({ tier: "enterprise", orgId: "org_buyer" });
    expect(types(newEvents(before))).toEqual([
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "payment_intent.succeeded",
      "charge.succeeded",
      "customer.subscription.updated",
    ]);
    const invoice = await h.stripe.invoices.retrieve(updated.latest_invoice as string);
    expect(invoice).toMatchObject({ billing_reason: "subscription_update", status: "paid", amount_paid: 7500 });
    expect(invoice.lines.data[0]!.parent?.subscription_item_details?.proration).toBe(true);
    const event = newEvents(before).at(-1) as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(event.data.previous_attributes).toHaveProperty("items");
  });

  it("none: the price changes with nothing billed; the renewal bills the new price", async () => {
    const { subscription } = await subscribe(h);
    const cheaper = await priceOf(subscription, 1900);
    const before = h.fake.events().length;
    await h.stripe.subscriptions.update(subscription.id, {
      items: [{ id: subscription.items.data[0]!.id, price: cheaper.id }],
      proration_behavior: "none",
    });
    expect(types(newEvents(before))).toEqual(["customer.subscription.updated"]);
    await h.fake.advanceSubscription(subscription.id);
    const renewed = await h.stripe.subscriptions.retrieve(subscription.id);
    const invoice = await h.stripe.invoices.retrieve(renewed.latest_invoice as string);
    expect(invoice).toMatchObject({ billing_reason: "subscription_cycle", amount_paid: 1900 });
    expect(invoice.lines.data).toHaveLength(1);
  });

  it("create_prorations: the difference waits for the renewal invoice, as a second line", async () => {
    const { subscription } = await subscribe(h);
    const pro = await priceOf(subscription, 19900);
    const before = h.fake.events().length;
    await h.stripe.subscriptions.update(subscription.id, {
      items: [{ id: subscription.items.data[0]!.id, price: pro.id }],
      proration_date: midPeriod(subscription),
    });
    expect(types(newEvents(before))).toEqual(["customer.subscription.updated"]);
    await h.fake.advanceSubscription(subscription.id);
    const renewed = await h.stripe.subscriptions.retrieve(subscription.id);
    const invoice = await h.stripe.invoices.retrieve(renewed.latest_invoice as string);
    expect(invoice.amount_paid).toBe(19900 + 7500);
    expect(invoice.lines.data.map((l) => l.amount)).toEqual([19900, 7500]);
    // Taken once: the next renewal is the plain price.
    await h.fake.advanceSubscription(subscription.id);
    const next = await h.stripe.invoices.retrieve((await h.stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string);
    expect(next.amount_paid).toBe(19900);
  });

  it("error_if_incomplete: a declined proration payment undoes the change and answers a card error", async () => {
    const { subscription } = await subscribe(h);
    const pro = await priceOf(subscription, 19900);
    h.fake.setDelivery({ failNextPayment: true });
    await expect(
      h.stripe.subscriptions.update(subscription.id, {
        items: [{ id: subscription.items.data[0]!.id, price: pro.id }],
        proration_behavior: "always_invoice",
        payment_behavior: "error_if_incomplete",
        metadata: { tier: "enterprise" },
      }),
    ).rejects.toMatchObject({ type: "StripeCardError", code: "card_declined" });
    const after = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(after.items.data[0]!.price.id).toBe(subscription.items.data[0]!.price.id);
    expect(after.metadata.tier).toBe("pro");
    expect(after.status).toBe("active");
    const invoices = await h.stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data.find((i) => i.billing_reason === "subscription_update")?.status).toBe("void");
  });

  it("refuses an unknown item, another interval, an unknown proration behavior, and a canceled subscription", async () => {
    const { subscription } = await subscribe(h);
    const item = subscription.items.data[0]!;
    const yearly = await h.stripe.prices.create({
      product: item.price.product as string,
      currency: "usd",
      unit_amount: 49000,
      recurring: { interval: "year" },
    });
    await expect(h.stripe.subscriptions.update(subscription.id, { items: [{ id: "si_nope", price: item.price.id }] })).rejects.toMatchObject({
      param: "items[0][id]",
    });
    await expect(h.stripe.subscriptions.update(subscription.id, { items: [{ id: item.id, price: yearly.id }] })).rejects.toMatchObject({
      param: "items[0][price]",
    });
    await expect(
      h.stripe.subscriptions.update(subscription.id, {
        items: [{ id: item.id, price: item.price.id }],
        proration_behavior: "sometimes" as Stripe.SubscriptionUpdateParams.ProrationBehavior,
      }),
    ).rejects.toMatchObject({ param: "proration_behavior" });
    await h.stripe.subscriptions.cancel(subscription.id);
    await expect(h.stripe.subscriptions.update(subscription.id, { items: [{ id: item.id, price: item.price.id }] })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
    });
  });
});

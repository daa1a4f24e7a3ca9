import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, subscribe, types, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.fake.reset());

const newEvents = (from: number) => h.fake.events().slice(from);

describe("renewals and dunning", () => {
  it("advances to the next period with a paid invoice", async () => {
    const { subscription } = await subscribe(h);
    const before = h.fake.events().length;
    const oldItem = subscription.items.data[0]!;
    await h.fake.advanceSubscription(subscription.id);
    expect(types(newEvents(before))).toEqual([
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "payment_intent.succeeded",
      "charge.succeeded",
      "customer.subscription.updated",
    ]);
    const sub = await h.stripe.subscriptions.retrieve(subscription.id);
    const item = sub.items.data[0]!;
    expect(item.current_period_start).toBe(oldItem.current_period_end);
    expect(item.current_period_end).toBeGreaterThan(oldItem.current_period_end + 27 * 86400);
    const invoice = await h.stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice).toMatchObject({ status: "paid", billing_reason: "subscription_cycle", amount_paid: 4900 });
    expect(invoice.lines.data[0]!.period).toEqual({ start: item.current_period_start, end: item.current_period_end });
    const updated = newEvents(before).at(-1) as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(updated.data.previous_attributes).toHaveProperty("items");
    const list = await h.stripe.invoices.list({ subscription: subscription.id });
    expect(list.data).toHaveLength(2);
  });

  it("a failed renewal leaves the invoice open and the subscription past_due; a retry recovers it", async () => {
    const { subscription } = await subscribe(h);
    let before = h.fake.events().length;
    await h.fake.advanceSubscription(subscription.id, { fail: true });
    expect(types(newEvents(before))).toEqual([
      "invoice.created",
      "invoice.finalized",
      "invoice.payment_failed",
      "payment_intent.payment_failed",
      "charge.failed",
      "customer.subscription.updated",
    ]);
    const pastDue = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(pastDue.status).toBe("past_due");
    const invoiceId = pastDue.latest_invoice as string;
    const open = await h.stripe.invoices.retrieve(invoiceId, { expand: ["payments"] });
    expect(open).toMatchObject({ status: "open", attempted: true, attempt_count: 1, amount_paid: 0, amount_remaining: 4900 });
    expect(open.next_payment_attempt).toBeGreaterThan(0);
    expect(open.payments!.data[0]).toMatchObject({ status: "open" });

    h.fake.setDelivery({ failNextPayment: true });
    await expect(h.fake.retryInvoice(invoiceId)).rejects.toMatchObject({ code: "card_declined" });
    expect((await h.stripe.invoices.retrieve(invoiceId)).attempt_count).toBe(2);

    before = h.fake.events().length;
    await h.fake.retryInvoice(invoiceId);
    expect(types(newEvents(before))).toEqual([
      "invoice.paid",
      "invoice.payment_succeeded",
      "payment_intent.succeeded",
      "charge.succeeded",
      "customer.subscription.updated",
    ]);
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
    const paid = await h.stripe.invoices.retrieve(invoiceId, { expand: ["payments.data.payment.payment_intent"] });
    expect(paid).toMatchObject({ status: "paid", attempt_count: 3 });
    const pi = paid.payments!.data[0]!.payment.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe("succeeded");
    expect((await h.stripe.charges.list({ payment_intent: pi.id })).data.map((c) => c.status)).toEqual([
      "succeeded",
      "failed",
      "failed",
    ]);
    await expect(h.fake.retryInvoice(invoiceId)).rejects.toThrow(/paid/);
  });

  it("failNextPayment also fails the next renewal", async () => {
    const { subscription } = await subscribe(h);
    h.fake.setDelivery({ failNextPayment: true });
    await h.fake.advanceSubscription(subscription.id);
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).status).toBe("past_due");
  });

  it("is driven over HTTP too", async () => {
    const { subscription } = await subscribe(h);
    const res = await fetch(
      `${h.fake.url}/_fake/subscriptions/${subscription.id}/advance`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ fail: true }) },
    );
    expect(res.status).toBe(200);
    const invoice = (await h.stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string;
    expect((await fetch(`${h.fake.url}/_fake/invoices/${invoice}/retry`, { method: "POST" })).status).toBe(200);
    expect((await fetch(`${h.fake.url}/_fake/subscriptions/sub_missing/advance`, { method: "POST" })).status).toBe(404);
  });
});

describe("cancellation", () => {
  it("cancel_at_period_end ends the subscription at the next advance", async () => {
    const { subscription } = await subscribe(h);
    const updated = await h.stripe.subscriptions.update(
      subscription.id,
      { cancel_at_period_end: true, metadata: { reason: "too pricey" } },
    );
    expect(updated).toMatchObject({
      cancel_at_period_end: true,
      cancel_at: subscription.items.data[0]!.current_period_end,
      metadata: { reason: "too pricey", orgId: "org_buyer" },
    });
    const before = h.fake.events().length;
    await h.fake.advanceSubscription(subscription.id);
    expect(types(newEvents(before))).toEqual(["customer.subscription.deleted"]);
    const ended = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: "canceled", ended_at: subscription.items.data[0]!.current_period_end });
    expect((await h.stripe.subscriptions.list({ customer: ended.customer as string })).data).toEqual([]);
    expect((await h.stripe.subscriptions.list({ customer: ended.customer as string, status: "all" })).data).toHaveLength(1);
  });

  it("DELETE cancels at once", async () => {
    const { subscription } = await subscribe(h);
    const canceled = await h.stripe.subscriptions.cancel(subscription.id);
    expect(canceled.status).toBe("canceled");
    expect(canceled.canceled_at).toBeGreaterThan(0);
    expect(canceled.ended_at).toBeGreaterThan(0);
    expect(h.fake.events().at(-1)!.type).toBe("customer.subscription.deleted");
    await expect(h.stripe.subscriptions.cancel(subscription.id)).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe("refunds", () => {
  async function paidCharge() {
    const { subscription } = await subscribe(h);
    const invoice = await h.stripe.invoices.retrieve(subscription.latest_invoice as string, { expand: ["payments"] });
    const pi = await h.stripe.paymentIntents.retrieve(invoice.payments!.data[0]!.payment.payment_intent as string);
    return { pi, chargeId: pi.latest_charge as string };
  }

  it("refunds partly then fully through the API, updating the charge", async () => {
    const { pi, chargeId } = await paidCharge();
    const before = h.fake.events().length;
    const refund = await h.stripe.refunds.create({ charge: chargeId, amount: 1000, reason: "requested_by_customer" });
    expect(refund).toMatchObject({
      object: "refund",
      amount: 1000,
      charge: chargeId,
      payment_intent: pi.id,
      status: "succeeded",
    });
    expect(refund.id).toMatch(/^re_/);
    expect(types(newEvents(before))).toEqual(["charge.refunded", "refund.created"]);
    const event = newEvents(before)[0] as Stripe.ChargeRefundedEvent;
    expect(event.data.object).toMatchObject({ amount_refunded: 1000, refunded: false });
    expect(event.data.previous_attributes).toMatchObject({ amount_refunded: 0 });

    await h.stripe.refunds.create({ payment_intent: pi.id });
    const charge = await h.stripe.charges.retrieve(chargeId, { expand: ["refunds"] });
    expect(charge).toMatchObject({ amount_refunded: 4900, refunded: true });
    expect(charge.refunds!.data.map((r) => r.amount)).toEqual([3900, 1000]);
    await expect(h.stripe.refunds.create({ charge: chargeId, amount: 1 })).rejects.toMatchObject({
      statusCode: 400,
      code: "charge_already_refunded",
    });
  });

  it("refuses more than the charge's unrefunded amount", async () => {
    const { chargeId } = await paidCharge();
    await expect(h.stripe.refunds.create({ charge: chargeId, amount: 5000 })).rejects.toMatchObject({
      statusCode: 400,
      code: "amount_too_large",
    });
  });

  it("refunds like the dashboard with refundCharge and over HTTP", async () => {
    const { chargeId } = await paidCharge();
    await h.fake.refundCharge(chargeId, 900);
    const res = await fetch(
      `${h.fake.url}/_fake/charges/${chargeId}/refund`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ amount: 100 }) },
    );
    expect(res.status).toBe(200);
    expect((await h.stripe.charges.retrieve(chargeId)).amount_refunded).toBe(1000);
    const refunded = h.fake.events().filter((e) => e.type === "charge.refunded");
    expect(refunded.map((e) => e.request)).toEqual([{ id: null, idempotency_key: null }, { id: null, idempotency_key: null }]);
  });
});

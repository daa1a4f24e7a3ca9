// A plan change: `POST /v1/subscriptions/:id` with `items[0][id]` and `items[0][price]`, prorated as
// Stripe does for a one-item subscription. The unused time on the old price is credited and the
// remaining time on the new one charged, from `proration_date` (default now) to the period's end:
// - create_prorations (Stripe's default): the net amount waits for the next renewal invoice;
// - always_invoice: an invoice for it now (billing_reason subscription_update), collected at once;
//   a net credit waits for the next invoice instead, as Stripe keeps it on the customer's balance;
// - none: nothing is billed; the new price applies from the next renewal.
// The period never moves. With payment_behavior=error_if_incomplete a failed payment undoes the
// change and answers 402, as Stripe does; otherwise the subscription goes past_due.
import type Stripe from "stripe";
import { emitCollected, collectInvoice, finalizeInvoice } from "./billing";
import { idOf, previousAttributes, type FakeContext } from "./context";
import { cardDeclined, invalidParam, invalidRequest } from "./errors";
import type { EventRequest } from "./events";
import { planFromPrice } from "./objects";
import { buildInvoice } from "./objects-billing";
import { nowSeconds } from "./store";

export const PRORATION_BEHAVIORS = ["create_prorations", "always_invoice", "none"] as const;
export type ProrationBehavior = (typeof PRORATION_BEHAVIORS)[number];
export const PAYMENT_BEHAVIORS = ["allow_incomplete", "error_if_incomplete", "default_incomplete", "pending_if_incomplete"] as const;
export type PaymentBehavior = (typeof PAYMENT_BEHAVIORS)[number];

export type ItemPriceChange = {
  itemId: string;
  priceId: string;
  prorationBehavior: ProrationBehavior;
  paymentBehavior: PaymentBehavior;
  prorationDate?: number;
  metadata?: Record<string, string>;
};

// Net amount of a change from `from` to `to` at `at` within [start, end): the new price's share of
// the remaining time minus the old price's, each rounded to the cent as Stripe's two lines are.
export function prorationAmount(input: { from: number; to: number; quantity: number; start: number; end: number; at: number }): number {
  const length = input.end - input.start;
  if (length <= 0) return 0;
  const remaining = Math.min(length, Math.max(0, input.end - input.at)) / length;
  return Math.round(input.to * input.quantity * remaining) - Math.round(input.from * input.quantity * remaining);
}

// What earlier changes left for the next invoice; taking it clears it.
export function takePendingProration(ctx: FakeContext, subscriptionId: string): number {
  const pending = ctx.store.state.pendingProrations[subscriptionId] ?? 0;
  delete ctx.store.state.pendingProrations[subscriptionId];
  return pending;
}

function addPendingProration(ctx: FakeContext, subscriptionId: string, amount: number) {
  if (amount === 0) return;
  const pending = ctx.store.state.pendingProrations;
  pending[subscriptionId] = (pending[subscriptionId] ?? 0) + amount;
}

function newPrice(ctx: FakeContext, sub: Stripe.Subscription, item: Stripe.SubscriptionItem, priceId: string): Stripe.Price {
  const price = ctx.store.get<Stripe.Price>("price", priceId, "items[0][price]");
  if (!price.active) {
    throw invalidParam("items[0][price]", `The price specified (${price.id}) is inactive. This field only accepts active prices.`, "parameter_invalid");
  }
  const old = item.price.recurring;
  if (!price.recurring || price.recurring.interval !== old?.interval || price.recurring.interval_count !== old?.interval_count) {
    throw invalidParam(
      "items[0][price]",
      "The Pack Market Stripe fake changes a subscription only to a recurring price with the same interval.",
      "parameter_invalid",
    );
  }
  if (price.currency !== sub.currency) {
    throw invalidParam("items[0][price]", `The price's currency (${price.currency}) must match the subscription's (${sub.currency}).`, "parameter_invalid");
  }
  return price;
}

export function changeItemPrice(ctx: FakeContext, subscriptionId: string, change: ItemPriceChange, request: EventRequest | null): Stripe.Subscription {
  const { store, bus } = ctx;
  const sub = store.get<Stripe.Subscription>("subscription", subscriptionId);
  if (!["active", "trialing", "past_due"].includes(sub.status)) {
    throw invalidRequest(`Subscription ${sub.id} is ${sub.status}: its plan cannot change.`);
  }
  const item = sub.items.data.find((i) => i.id === change.itemId);
  if (!item) throw invalidParam("items[0][id]", `No such subscription item: '${change.itemId}'`, "resource_missing");
  const price = newPrice(ctx, sub, item, change.priceId);
  const at = change.prorationDate ?? nowSeconds();
  if (at < item.current_period_start || at > item.current_period_end) {
    throw invalidParam("proration_date", "proration_date must fall within the current billing period.", "parameter_invalid");
  }
  const amount = prorationAmount({
    from: item.price.unit_amount ?? 0,
    to: price.unit_amount ?? 0,
    quantity: item.quantity ?? 1,
    start: item.current_period_start,
    end: item.current_period_end,
    at,
  });

  const before = structuredClone(sub);
  const pendingBefore = store.state.pendingProrations[sub.id];
  const oldPrice = item.price;
  item.price = price;
  item.plan = planFromPrice(price);
  if (change.metadata) sub.metadata = change.metadata;

  if (change.prorationBehavior === "create_prorations" || (change.prorationBehavior === "always_invoice" && amount <= 0)) {
    addPendingProration(ctx, sub.id, amount);
  } else if (change.prorationBehavior === "always_invoice") {
    const customer = store.get<Stripe.Customer>("customer", idOf(sub.customer));
    const product = store.find(idOf(price.product) ?? "") as Stripe.Product | undefined;
    const invoice = store.insert(
      buildInvoice({
        customer,
        subscription: sub,
        productName: product?.name ?? "Subscription",
        billingReason: "subscription_update",
        proration: { amount, start: at },
      }),
    );
    bus.emit("invoice.created", invoice, { request });
    finalizeInvoice(ctx, invoice);
    bus.emit("invoice.finalized", invoice, { request });
    const collected = collectInvoice(ctx, invoice);
    emitCollected(ctx, collected, request);
    if (!collected.ok && change.paymentBehavior === "error_if_incomplete") {
      // The change does not happen: the old price, metadata and pending prorations come back and
      // the invoice is voided; the failed charge is the only trace, as in Stripe.
      item.price = oldPrice;
      item.plan = planFromPrice(oldPrice);
      sub.metadata = before.metadata;
      if (pendingBefore === undefined) delete store.state.pendingProrations[sub.id];
      else store.state.pendingProrations[sub.id] = pendingBefore;
      invoice.status = "void";
      invoice.status_transitions.voided_at = nowSeconds();
      store.changed();
      bus.emit("invoice.voided", invoice, { request });
      throw cardDeclined({ charge: collected.charge.id, payment_intent: collected.paymentIntent });
    }
    sub.latest_invoice = invoice.id;
    if (!collected.ok) sub.status = "past_due";
  }
  store.changed();
  bus.emit("customer.subscription.updated", sub, { request, previous: previousAttributes(before, sub) });
  return sub;
}

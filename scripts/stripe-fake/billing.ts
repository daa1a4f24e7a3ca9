// Money movement after checkout: collecting invoices (renewals, dunning retries), subscription
// changes and refunds. Each change emits the events Stripe would, with snapshots taken in order.
import type Stripe from "stripe";
import { idOf, nextPeriodEnd, NO_REQUEST, previousAttributes, takeFailNextPayment, type FakeContext } from "./context";
import { cardDeclined, invalidParam, invalidRequest } from "./errors";
import type { EventRequest } from "./events";
import { buildInvoice, buildInvoicePayment, buildPaymentIntent } from "./objects-billing";
import { buildCharge, buildRefund } from "./objects-payments";
import { newId, nowSeconds } from "./store";
import { takePendingProration } from "./subscription-items";

const DUNNING_RETRY_SECONDS = 3 * 86_400;

export function customerPaymentMethod(ctx: FakeContext, customer: Stripe.Customer): string {
  const current = idOf(customer.invoice_settings.default_payment_method);
  if (current) return current;
  const pm = newId("pm", 24);
  customer.invoice_settings.default_payment_method = pm;
  return pm;
}

export function finalizeInvoice(ctx: FakeContext, invoice: Stripe.Invoice) {
  const customer = ctx.store.get<Stripe.Customer>("customer", idOf(invoice.customer));
  const seq = (ctx.store.state.invoiceCounters[customer.id] ?? 0) + 1;
  ctx.store.state.invoiceCounters[customer.id] = seq;
  const now = nowSeconds();
  invoice.status = "open";
  invoice.number = `${customer.invoice_prefix}-${String(seq).padStart(4, "0")}`;
  invoice.effective_at = now;
  invoice.ending_balance = 0;
  invoice.status_transitions.finalized_at = now;
  invoice.hosted_invoice_url = `${ctx.baseUrl}/invoices/${invoice.id}`;
  invoice.invoice_pdf = `${ctx.baseUrl}/invoices/${invoice.id}?format=pdf`;
}

type Collected = { ok: boolean; paymentIntent: Stripe.PaymentIntent; charge: Stripe.Charge; snapshot: Stripe.Invoice };

// One payment attempt on an open invoice; a retry reuses the invoice's payment intent, as Stripe's
// dunning does. `failNextPayment` is consumed here.
export function collectInvoice(ctx: FakeContext, invoice: Stripe.Invoice, opts: { fail?: boolean } = {}): Collected {
  const { store } = ctx;
  const fail = takeFailNextPayment(ctx) || Boolean(opts.fail);
  const customer = store.get<Stripe.Customer>("customer", idOf(invoice.customer));
  const paymentMethod = customerPaymentMethod(ctx, customer);
  const now = nowSeconds();
  const payments = store.all<Stripe.InvoicePayment>("invoice_payment");
  let invoicePayment = payments.find((p) => p.invoice === invoice.id && p.status === "open");
  let paymentIntent: Stripe.PaymentIntent;
  if (invoicePayment) {
    paymentIntent = store.get<Stripe.PaymentIntent>("payment_intent", idOf(invoicePayment.payment.payment_intent));
  } else {
    paymentIntent = store.insert(
      buildPaymentIntent({
        amount: invoice.amount_due,
        currency: invoice.currency,
        customer: customer.id,
        description: invoice.billing_reason === "subscription_create" ? "Subscription creation" : "Subscription update",
        paymentMethod,
      }),
    );
    invoicePayment = store.insert(buildInvoicePayment(invoice, paymentIntent.id));
  }
  const charge = store.insert(
    buildCharge({
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer: customer.id,
      email: customer.email,
      description: paymentIntent.description ?? "Subscription update",
      paymentIntent: paymentIntent.id,
      paymentMethod,
      succeeded: !fail,
      receiptUrl: invoice.hosted_invoice_url ?? null,
    }),
  );
  paymentIntent.latest_charge = charge.id;
  paymentIntent.payment_method = paymentMethod;
  invoice.attempted = true;
  invoice.attempt_count += 1;
  if (fail) {
    paymentIntent.status = "requires_payment_method";
    paymentIntent.last_payment_error = {
      type: "card_error",
      code: "card_declined",
      decline_code: "generic_decline",
      message: "Your card was declined.",
      charge: charge.id,
      payment_method_type: "card",
    };
    invoice.next_payment_attempt = now + DUNNING_RETRY_SECONDS;
  } else {
    paymentIntent.status = "succeeded";
    paymentIntent.amount_received = paymentIntent.amount;
    paymentIntent.last_payment_error = null;
    invoicePayment.status = "paid";
    invoicePayment.amount_paid = invoice.amount_due;
    invoicePayment.status_transitions.paid_at = now;
    invoice.status = "paid";
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.auto_advance = false;
    invoice.next_payment_attempt = null;
    invoice.status_transitions.paid_at = now;
  }
  store.changed();
  return { ok: !fail, paymentIntent, charge, snapshot: structuredClone(invoice) };
}

export function emitCollected(ctx: FakeContext, c: Collected, request: EventRequest | null) {
  const emit = (type: string, object: { id: string }) => ctx.bus.emit(type, object, { request });
  if (c.ok) {
    emit("invoice.paid", c.snapshot);
    emit("invoice.payment_succeeded", c.snapshot);
    emit("payment_intent.succeeded", c.paymentIntent);
    emit("charge.succeeded", c.charge);
  } else {
    emit("invoice.payment_failed", c.snapshot);
    emit("payment_intent.payment_failed", c.paymentIntent);
    emit("charge.failed", c.charge);
  }
}

function productName(ctx: FakeContext, price: Stripe.Price): string {
  const product = ctx.store.find(idOf(price.product) ?? "") as Stripe.Product | undefined;
  return product?.name ?? "Subscription";
}

// The next billing period: a subscription set to cancel at period end ends instead.
export function advanceSubscription(ctx: FakeContext, subscriptionId: string, opts: { fail?: boolean } = {}) {
  const { store, bus } = ctx;
  const sub = store.get<Stripe.Subscription>("subscription", subscriptionId);
  if (sub.status === "canceled" || sub.status === "incomplete_expired") {
    throw invalidRequest(`Subscription ${sub.id} is ${sub.status}; it has no next period.`);
  }
  const before = structuredClone(sub);
  const item = sub.items.data[0]!;
  if (sub.cancel_at_period_end) {
    sub.status = "canceled";
    sub.ended_at = item.current_period_end;
    sub.canceled_at ??= nowSeconds();
    store.changed();
    bus.emit("customer.subscription.deleted", sub, { request: NO_REQUEST });
    return;
  }
  item.current_period_start = item.current_period_end;
  item.current_period_end = nextPeriodEnd(sub.billing_cycle_anchor, item.price.recurring, item.current_period_start);
  const customer = store.get<Stripe.Customer>("customer", idOf(sub.customer));
  const invoice = store.insert(buildInvoice({
    customer,
    subscription: sub,
    productName: productName(ctx, item.price),
    billingReason: "subscription_cycle",
    pendingProration: takePendingProration(ctx, sub.id),
  }));
  sub.latest_invoice = invoice.id;
  bus.emit("invoice.created", invoice, { request: NO_REQUEST });
  finalizeInvoice(ctx, invoice);
  bus.emit("invoice.finalized", invoice, { request: NO_REQUEST });
  const collected = collectInvoice(ctx, invoice, opts);
  sub.status = collected.ok ? "active" : "past_due";
  emitCollected(ctx, collected, NO_REQUEST);
  bus.emit("customer.subscription.updated", sub, { request: NO_REQUEST, previous: previousAttributes(before, sub) });
}

// What Stripe bills when a subscription changes mid-period with proration: an invoice for the rest
// of the current period (billing_reason subscription_update), collected at once. The period does
// not move.
export function invoiceProration(ctx: FakeContext, subscriptionId: string, amount: number): Stripe.Invoice {
  const { store, bus } = ctx;
  const sub = store.get<Stripe.Subscription>("subscription", subscriptionId);
  if (sub.status !== "active" && sub.status !== "trialing") throw invalidRequest(`Subscription ${sub.id} is ${sub.status}.`);
  if (!Number.isInteger(amount) || amount <= 0) throw invalidParam("amount", "amount must be a positive integer.", "parameter_invalid");
  const item = sub.items.data[0]!;
  const customer = store.get<Stripe.Customer>("customer", idOf(sub.customer));
  const invoice = store.insert(
    buildInvoice({ customer, subscription: sub, productName: productName(ctx, item.price), billingReason: "subscription_update", proration: { amount } }),
  );
  bus.emit("invoice.created", invoice, { request: NO_REQUEST });
  finalizeInvoice(ctx, invoice);
  bus.emit("invoice.finalized", invoice, { request: NO_REQUEST });
  emitCollected(ctx, collectInvoice(ctx, invoice), NO_REQUEST);
  return invoice;
}

// Pays an open invoice again (dunning recovery). Throws a card error when the attempt fails.
export function retryInvoice(ctx: FakeContext, invoiceId: string, request: EventRequest | null = NO_REQUEST): Stripe.Invoice {
  const { store, bus } = ctx;
  const invoice = store.get<Stripe.Invoice>("invoice", invoiceId);
  if (invoice.status !== "open") {
    throw invalidRequest(
      `Invoice ${invoice.id} is ${invoice.status ?? "not open"}; only an open invoice can be paid.`,
      "invoice_not_open",
    );
  }
  const subId = idOf(invoice.parent?.subscription_details?.subscription);
  const sub = subId ? store.get<Stripe.Subscription>("subscription", subId) : null;
  const before = sub && structuredClone(sub);
  const collected = collectInvoice(ctx, invoice);
  emitCollected(ctx, collected, request);
  if (!collected.ok) throw cardDeclined({ charge: collected.charge.id, payment_intent: collected.paymentIntent });
  if (sub && before && sub.status === "past_due" && sub.latest_invoice === invoice.id) {
    sub.status = "active";
    store.changed();
    bus.emit("customer.subscription.updated", sub, { request, previous: previousAttributes(before, sub) });
  }
  return invoice;
}

export function updateSubscription(
  ctx: FakeContext,
  subscriptionId: string,
  change: { cancelAtPeriodEnd?: boolean; metadata?: Record<string, string> },
  request: EventRequest | null,
): Stripe.Subscription {
  const sub = ctx.store.get<Stripe.Subscription>("subscription", subscriptionId);
  const before = structuredClone(sub);
  if (change.cancelAtPeriodEnd !== undefined && change.cancelAtPeriodEnd !== sub.cancel_at_period_end) {
    if (sub.status === "canceled") {
      throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.");
    }
    const periodEnd = sub.items.data[0]!.current_period_end;
    sub.cancel_at_period_end = change.cancelAtPeriodEnd;
    sub.cancel_at = change.cancelAtPeriodEnd ? periodEnd : null;
    sub.canceled_at = change.cancelAtPeriodEnd ? nowSeconds() : null;
    sub.cancellation_details = {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: change.cancelAtPeriodEnd ? "cancellation_requested" : null,
    };
  }
  if (change.metadata) sub.metadata = change.metadata;
  const previous = previousAttributes(before, sub);
  if (Object.keys(previous).length > 0) {
    ctx.store.changed();
    ctx.bus.emit("customer.subscription.updated", sub, { request, previous });
  }
  return sub;
}

export function cancelSubscription(ctx: FakeContext, subscriptionId: string, request: EventRequest | null): Stripe.Subscription {
  const sub = ctx.store.get<Stripe.Subscription>("subscription", subscriptionId);
  if (sub.status === "canceled") {
    throw invalidRequest(`This subscription (${sub.id}) has already been canceled.`, "resource_missing");
  }
  const now = nowSeconds();
  sub.status = "canceled";
  sub.canceled_at = now;
  sub.ended_at = now;
  sub.cancel_at = null;
  sub.cancel_at_period_end = false;
  sub.cancellation_details = { comment: null, feedback: null, feedback_option: null, reason: "cancellation_requested" };
  ctx.store.changed();
  ctx.bus.emit("customer.subscription.deleted", sub, { request });
  return sub;
}

export function refundCharge(
  ctx: FakeContext,
  input: {
    charge?: string;
    paymentIntent?: string;
    amount?: number;
    reason?: Stripe.Refund.Reason | null;
    metadata?: Record<string, string>;
  },
  request: EventRequest | null,
): Stripe.Refund {
  const { store, bus } = ctx;
  let chargeId = input.charge;
  if (!chargeId && input.paymentIntent) {
    const paymentIntent = store.get<Stripe.PaymentIntent>("payment_intent", input.paymentIntent, "payment_intent");
    chargeId = idOf(paymentIntent.latest_charge) ?? undefined;
  }
  if (!chargeId) {
    throw invalidRequest(
      "One of the following params should be provided for this request: payment_intent or charge.",
      "parameter_missing",
    );
  }
  const charge = store.get<Stripe.Charge>("charge", chargeId, "charge");
  if (charge.status !== "succeeded") {
    throw invalidRequest(`Charge ${charge.id} did not succeed; there is nothing to refund.`, "charge_not_refundable", "charge");
  }
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, "charge_already_refunded", "charge");
  const amount = input.amount ?? remaining;
  if (amount <= 0) throw invalidParam("amount", "Invalid positive integer", "parameter_invalid_integer");
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      "amount_too_large",
      "amount",
    );
  }
  const refund = store.insert(buildRefund({ charge, amount, reason: input.reason ?? null, metadata: input.metadata ?? {} }));
  const before = structuredClone(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  store.changed();
  bus.emit("charge.refunded", charge, { request, previous: previousAttributes(before, charge) });
  bus.emit("refund.created", refund, { request });
  return refund;
}

// The portal's "Update card": a new default card for the customer's future invoices.
export function replaceDefaultCard(ctx: FakeContext, customerId: string, request: EventRequest | null) {
  const customer = ctx.store.get<Stripe.Customer>("customer", customerId);
  const before = structuredClone(customer);
  customer.invoice_settings.default_payment_method = newId("pm", 24);
  ctx.store.changed();
  ctx.bus.emit("customer.updated", customer, { request, previous: previousAttributes(before, customer) });
}

// Checkout Sessions: creation from API parameters and what the hosted page's Pay button does.
import type Stripe from "stripe";
import { collectInvoice, emitCollected, finalizeInvoice } from "./billing";
import { idOf, nextPeriodEnd, NO_REQUEST, takeFailNextPayment, type FakeContext } from "./context";
import { cardDeclined, invalidParam, invalidRequest, missingParam } from "./errors";
import type { EventRequest } from "./events";
import { int, list, metadataUpdate, obj, reqStr, str, type Params } from "./form";
import { apiList, buildCheckoutLineItem, buildCheckoutSession, buildCustomer } from "./objects";
import { buildInvoice, buildSubscription } from "./objects-billing";
import { newId, nowSeconds } from "./store";

function validUrl(p: Params, name: string): string | undefined {
  const value = str(p, name);
  if (value === undefined) return undefined;
  try {
    new URL(value.replace("{CHECKOUT_SESSION_ID}", "x"));
  } catch {
    throw invalidParam(name, "Not a valid URL", "url_invalid");
  }
  return value;
}

export function createCheckoutSession(ctx: FakeContext, p: Params): Stripe.Checkout.Session {
  const { store } = ctx;
  const mode = reqStr(p, "mode");
  if (mode !== "subscription") {
    throw invalidParam("mode", "The Pack Market Stripe fake only supports mode=subscription.", "parameter_invalid");
  }
  const uiMode = str(p, "ui_mode");
  if (uiMode && uiMode !== "hosted_page" && uiMode !== "hosted") {
    throw invalidParam("ui_mode", "The Pack Market Stripe fake only supports hosted checkout pages.", "parameter_invalid");
  }
  const successUrl = validUrl(p, "success_url");
  if (!successUrl) throw missingParam("success_url");
  const cancelUrl = validUrl(p, "cancel_url") ?? null;
  const customerId = str(p, "customer") || null;
  const customerEmail = str(p, "customer_email") || null;
  if (customerId && customerEmail) {
    throw invalidRequest("You may only specify one of these parameters: customer, customer_email.", "parameters_exclusive");
  }
  const customer = customerId ? store.get<Stripe.Customer>("customer", customerId, "customer") : null;
  const items = list(p, "line_items") ?? [];
  if (items.length === 0) throw missingParam("line_items");
  if (items.length > 1) {
    throw invalidParam(
      "line_items",
      "The Pack Market Stripe fake supports one line item per subscription checkout.",
      "parameter_invalid",
    );
  }
  const item = items[0];
  if (typeof item !== "object" || Array.isArray(item)) throw invalidParam("line_items[0]", "Invalid hash", "parameter_invalid");
  if (item.price_data !== undefined) {
    throw invalidParam(
      "line_items[0][price_data]",
      "The Pack Market Stripe fake needs an existing price: pass line_items[0][price].",
      "parameter_invalid",
    );
  }
  const price = store.get<Stripe.Price>("price", reqStr(item, "price"), "line_items[0][price]");
  const quantity = int(item, "quantity");
  if (quantity === undefined) {
    throw invalidParam("line_items[0][quantity]", "Quantity is required. Add `quantity` to `line_items[0]`", "parameter_missing");
  }
  if (quantity < 1) throw invalidParam("line_items[0][quantity]", "Quantity must be at least 1.", "parameter_invalid_integer");
  if (!price.active) {
    throw invalidParam(
      "line_items[0][price]",
      `The price specified (${price.id}) is inactive. This field only accepts active prices.`,
      "parameter_invalid",
    );
  }
  if (!price.recurring) {
    throw invalidParam(
      "line_items",
      "You must specify at least one recurring price in `subscription` mode when using prices.",
      "parameter_invalid",
    );
  }
  const clientReferenceId = str(p, "client_reference_id") || null;
  if (clientReferenceId && clientReferenceId.length > 200) {
    throw invalidParam("client_reference_id", "client_reference_id can be at most 200 characters.", "parameter_invalid");
  }
  const now = nowSeconds();
  const expiresAt = int(p, "expires_at") ?? now + 86_400;
  if (expiresAt < now + 1800 || expiresAt > now + 86_400) {
    throw invalidParam("expires_at", "expires_at must be between 30 minutes and 24 hours from now.", "parameter_invalid");
  }
  const subscriptionData = obj(p, "subscription_data") ?? {};
  const session = store.insert(
    buildCheckoutSession({
      baseUrl: ctx.baseUrl,
      customer: customer?.id ?? null,
      customerEmail: customerEmail,
      clientReferenceId,
      currency: price.currency,
      amount: (price.unit_amount ?? 0) * quantity,
      metadata: metadataUpdate(p),
      successUrl,
      cancelUrl,
      expiresAt,
    }),
  );
  store.state.checkoutExtras[session.id] = {
    lineItems: [{ id: newId("li", 24), price: price.id, quantity }],
    subscriptionMetadata: metadataUpdate(subscriptionData, {}, "metadata"),
    error: null,
  };
  return session;
}

export function checkoutLineItems(ctx: FakeContext, session: Stripe.Checkout.Session): Stripe.ApiList<Stripe.LineItem> {
  const extra = ctx.store.state.checkoutExtras[session.id];
  const data = (extra?.lineItems ?? []).map((li) => {
    const price = ctx.store.get<Stripe.Price>("price", li.price);
    const product = ctx.store.find(idOf(price.product) ?? "") as Stripe.Product | undefined;
    return buildCheckoutLineItem(li.id, price, product?.name ?? "Subscription", li.quantity);
  });
  return apiList(`/v1/checkout/sessions/${session.id}/line_items`, data);
}

// Stripe expires sessions in the background; the fake does it when a session is next touched.
export function expireIfDue(ctx: FakeContext, session: Stripe.Checkout.Session) {
  if (session.status === "open" && session.expires_at <= nowSeconds()) expireCheckout(ctx, session.id, NO_REQUEST);
}

export function expireCheckout(ctx: FakeContext, sessionId: string, request: EventRequest | null): Stripe.Checkout.Session {
  const session = ctx.store.get<Stripe.Checkout.Session>("checkout.session", sessionId, "session");
  if (session.status !== "open") {
    throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${session.status}".`);
  }
  session.status = "expired";
  session.url = null;
  ctx.store.changed();
  ctx.bus.emit("checkout.session.expired", session, { request });
  return session;
}

// The Pay button: customer (if new), subscription, first invoice and its payment, in Stripe's order.
export function completeCheckout(ctx: FakeContext, sessionId: string): Stripe.Checkout.Session {
  const { store, bus } = ctx;
  const session = store.get<Stripe.Checkout.Session>("checkout.session", sessionId, "session");
  expireIfDue(ctx, session);
  if (session.status !== "open") {
    throw invalidRequest(
      `This Checkout Session is ${session.status ?? "not open"} and can no longer be paid.`,
      "checkout_session_not_open",
    );
  }
  const extra = store.state.checkoutExtras[session.id];
  const line = extra?.lineItems[0];
  if (!extra || !line) throw invalidRequest(`Checkout Session ${session.id} has no line items.`);
  // A declined card in Checkout is shown on the page and leaves the session open: no objects, no events.
  if (takeFailNextPayment(ctx)) {
    extra.error = "Your card was declined. (failNextPayment is set on the Stripe fake.)";
    store.changed();
    throw cardDeclined();
  }
  extra.error = null;
  let customer: Stripe.Customer;
  let newCustomer = false;
  if (session.customer) {
    customer = store.get<Stripe.Customer>("customer", idOf(session.customer));
  } else {
    customer = store.insert(buildCustomer({
      email: session.customer_email ?? "buyer@example.com",
      name: null,
      description: null,
      phone: null,
      metadata: {},
    }));
    newCustomer = true;
  }
  const price = store.get<Stripe.Price>("price", line.price);
  const now = nowSeconds();
  const sub = store.insert(
    buildSubscription({
      customer: customer.id,
      price,
      quantity: line.quantity,
      metadata: extra.subscriptionMetadata,
      periodStart: now,
      periodEnd: nextPeriodEnd(now, price.recurring, now),
    }),
  );
  const product = store.find(idOf(price.product) ?? "") as Stripe.Product | undefined;
  const invoice = store.insert(buildInvoice({
    customer,
    subscription: sub,
    productName: product?.name ?? "Subscription",
    billingReason: "subscription_create",
  }));
  const draft = structuredClone(invoice);
  finalizeInvoice(ctx, invoice);
  const finalized = structuredClone(invoice);
  sub.latest_invoice = invoice.id;
  const collected = collectInvoice(ctx, invoice);
  sub.default_payment_method = collected.paymentIntent.payment_method as string;
  Object.assign(session, {
    status: "complete",
    payment_status: "paid",
    customer: customer.id,
    customer_details: {
      address: { city: null, country: "US", line1: null, line2: null, postal_code: "42424", state: null },
      business_name: null,
      email: customer.email,
      individual_name: null,
      name: customer.name ?? null,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    invoice: invoice.id,
    subscription: sub.id,
    url: null,
  } satisfies Partial<Stripe.Checkout.Session>);
  store.changed();
  if (newCustomer) bus.emit("customer.created", customer, { request: NO_REQUEST });
  bus.emit("checkout.session.completed", session, { request: NO_REQUEST });
  bus.emit("customer.subscription.created", sub, { request: NO_REQUEST });
  bus.emit("invoice.created", draft, { request: NO_REQUEST });
  bus.emit("invoice.finalized", finalized, { request: NO_REQUEST });
  emitCollected(ctx, collected, NO_REQUEST);
  return session;
}

// What the hosted page's Cancel link does. Like Stripe, leaving Checkout does not end the session:
// it stays open (the buyer can come back) until it expires.
export function cancelCheckout(ctx: FakeContext, sessionId: string): string | null {
  const session = ctx.store.get<Stripe.Checkout.Session>("checkout.session", sessionId, "session");
  return session.cancel_url;
}

// Checkout, subscriptions, invoices, payments, refunds and the billing portal.
import type Stripe from "stripe";
import { cancelSubscription, refundCharge, retryInvoice, updateSubscription } from "./billing";
import { checkoutLineItems, createCheckoutSession, expireCheckout, expireIfDue } from "./checkout";
import { idOf } from "./context";
import { invalidParam } from "./errors";
import { paginate } from "./expand";
import { bool, int, list, metadataUpdate, obj, reqStr, str, type Param, type Params } from "./form";
import { newId, nowSeconds } from "./store";
import { route, type ApiRoute } from "./router";
import { changeItemPrice, PAYMENT_BEHAVIORS, PRORATION_BEHAVIORS, type ItemPriceChange } from "./subscription-items";

const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"];

const byField = <T>(
  value: string | undefined,
  pick: (x: T) => unknown,
) => (x: T) => !value || idOf(pick(x) as string | null) === value;

function oneOf<T extends string>(p: Params, name: string, allowed: readonly T[], fallback: T): T {
  const value = str(p, name);
  if (value === undefined || value === "") return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidParam(name, `Invalid ${name}: must be one of ${allowed.join(", ")}`, "parameter_invalid");
  }
  return value as T;
}

// One item of a one-item subscription, to a new price (quantity and other item fields unsupported).
function itemPriceChange(p: Params, items: Param[], metadata: Record<string, string>): ItemPriceChange {
  const item = items[0];
  if (items.length !== 1 || typeof item !== "object" || Array.isArray(item)) {
    throw invalidParam("items", "The Pack Market Stripe fake changes exactly one item: items[0][id] and items[0][price].", "parameter_invalid");
  }
  const unsupported = Object.keys(item).find((k) => k !== "id" && k !== "price");
  if (unsupported) throw invalidParam(`items[0][${unsupported}]`, "The Pack Market Stripe fake only changes an item's price.", "parameter_invalid");
  return {
    itemId: reqStr(item, "id"),
    priceId: reqStr(item, "price"),
    prorationBehavior: oneOf(p, "proration_behavior", PRORATION_BEHAVIORS, "create_prorations"),
    paymentBehavior: oneOf(p, "payment_behavior", PAYMENT_BEHAVIORS, "allow_incomplete"),
    prorationDate: int(p, "proration_date"),
    metadata: p.metadata === undefined ? undefined : metadataUpdate(p, metadata),
  };
}

export const billingRoutes: ApiRoute[] = [
  route("POST", "/v1/checkout/sessions", ({ ctx, params }) => createCheckoutSession(ctx, params)),
  route("GET", "/v1/checkout/sessions/:id", ({ ctx, ids }) => {
    const session = ctx.store.get<Stripe.Checkout.Session>("checkout.session", ids[0], "session");
    expireIfDue(ctx, session);
    return session;
  }),
  route("GET", "/v1/checkout/sessions/:id/line_items", ({ ctx, ids }) =>
    checkoutLineItems(ctx, ctx.store.get<Stripe.Checkout.Session>("checkout.session", ids[0], "session")),
  ),
  route("POST", "/v1/checkout/sessions/:id/expire", ({ ctx, ids, request }) => expireCheckout(ctx, ids[0]!, request)),
  route("GET", "/v1/checkout/sessions", ({ ctx, params: p }) => {
    const customer = str(p, "customer");
    const subscription = str(p, "subscription");
    const status = str(p, "status");
    const sessions = ctx.store
      .all<Stripe.Checkout.Session>("checkout.session")
      .filter(byField(customer, (s) => s.customer))
      .filter(byField(subscription, (s) => s.subscription))
      .filter((s) => !status || s.status === status);
    return paginate(sessions, p, "/v1/checkout/sessions");
  }),

  route("GET", "/v1/subscriptions/:id", ({ ctx, ids }) => ctx.store.get<Stripe.Subscription>("subscription", ids[0])),
  route("POST", "/v1/subscriptions/:id", ({ ctx, ids, params: p, request }) => {
    if (p.trial_end !== undefined) {
      throw invalidParam("trial_end", "The Pack Market Stripe fake does not update trial_end.", "parameter_invalid");
    }
    const current = ctx.store.get<Stripe.Subscription>("subscription", ids[0]);
    const items = list(p, "items");
    if (items !== undefined) {
      if (p.cancel_at_period_end !== undefined) {
        throw invalidParam("cancel_at_period_end", "The Pack Market Stripe fake changes the plan or the cancellation, not both at once.", "parameter_invalid");
      }
      return changeItemPrice(ctx, current.id, itemPriceChange(p, items, current.metadata), request);
    }
    return updateSubscription(
      ctx,
      current.id,
      { cancelAtPeriodEnd: bool(p, "cancel_at_period_end"), metadata: metadataUpdate(p, current.metadata) },
      request,
    );
  }),
  route("DELETE", "/v1/subscriptions/:id", ({ ctx, ids, request }) => cancelSubscription(ctx, ids[0]!, request)),
  route("GET", "/v1/subscriptions", ({ ctx, params: p }) => {
    const status = str(p, "status");
    const price = str(p, "price");
    // Like Stripe, canceled subscriptions are listed only when asked for.
    const subs = ctx.store
      .all<Stripe.Subscription>("subscription")
      .filter(byField(str(p, "customer"), (s) => s.customer))
      .filter((s) => (status === "all" ? true : status ? s.status === status : s.status !== "canceled"))
      .filter((s) => !price || s.items.data.some((i) => i.price.id === price));
    return paginate(subs, p, "/v1/subscriptions");
  }),

  route("GET", "/v1/invoices/:id", ({ ctx, ids }) => ctx.store.get<Stripe.Invoice>("invoice", ids[0])),
  route(
    "GET",
    "/v1/invoices/:id/lines",
    ({ ctx, ids, params }) => paginate(
      [...ctx.store.get<Stripe.Invoice>("invoice", ids[0]).lines.data].reverse(),
      params,
      `/v1/invoices/${ids[0]}/lines`,
    ),
  ),
  route("POST", "/v1/invoices/:id/pay", ({ ctx, ids, request }) => retryInvoice(ctx, ids[0]!, request)),
  route("GET", "/v1/invoices", ({ ctx, params: p }) => {
    const subscription = str(p, "subscription");
    const status = str(p, "status");
    const invoices = ctx.store
      .all<Stripe.Invoice>("invoice")
      .filter(byField(str(p, "customer"), (i) => i.customer))
      .filter((i) => !subscription || idOf(i.parent?.subscription_details?.subscription) === subscription)
      .filter((i) => !status || i.status === status);
    return paginate(invoices, p, "/v1/invoices");
  }),
  route("GET", "/v1/invoice_payments/:id", ({ ctx, ids }) => ctx.store.get<Stripe.InvoicePayment>("invoice_payment", ids[0])),
  route("GET", "/v1/invoice_payments", ({ ctx, params: p }) => {
    const payment = obj(p, "payment");
    const pi = payment && str(payment, "payment_intent");
    const status = str(p, "status");
    const payments = ctx.store
      .all<Stripe.InvoicePayment>("invoice_payment")
      .filter(byField(str(p, "invoice"), (x) => x.invoice))
      .filter((x) => !pi || idOf(x.payment.payment_intent) === pi)
      .filter((x) => !status || x.status === status);
    return paginate(payments, p, "/v1/invoice_payments");
  }),

  route(
    "GET",
    "/v1/payment_intents/:id",
    ({ ctx, ids }) => ctx.store.get<Stripe.PaymentIntent>("payment_intent", ids[0], "intent"),
  ),
  route("GET", "/v1/charges/:id", ({ ctx, ids }) => ctx.store.get<Stripe.Charge>("charge", ids[0], "charge")),
  route("GET", "/v1/charges", ({ ctx, params: p }) => {
    const charges = ctx.store
      .all<Stripe.Charge>("charge")
      .filter(byField(str(p, "customer"), (c) => c.customer))
      .filter(byField(str(p, "payment_intent"), (c) => c.payment_intent));
    return paginate(charges, p, "/v1/charges");
  }),

  route("POST", "/v1/refunds", ({ ctx, params: p, request }) => {
    const reason = str(p, "reason") || null;
    if (reason && !REFUND_REASONS.includes(reason)) {
      throw invalidParam("reason", `Invalid reason: must be one of ${REFUND_REASONS.join(", ")}`, "parameter_invalid");
    }
    return refundCharge(
      ctx,
      {
        charge: str(p, "charge"),
        paymentIntent: str(p, "payment_intent"),
        amount: int(p, "amount"),
        reason,
        metadata: metadataUpdate(p),
      },
      request,
    );
  }),
  route("GET", "/v1/refunds/:id", ({ ctx, ids }) => ctx.store.get<Stripe.Refund>("refund", ids[0], "refund")),
  route("GET", "/v1/refunds", ({ ctx, params: p }) => {
    const refunds = ctx.store
      .all<Stripe.Refund>("refund")
      .filter(byField(str(p, "charge"), (r) => r.charge))
      .filter(byField(str(p, "payment_intent"), (r) => r.payment_intent));
    return paginate(refunds, p, "/v1/refunds");
  }),

  route("POST", "/v1/billing_portal/sessions", ({ ctx, params: p }) => {
    const customer = ctx.store.get<Stripe.Customer>("customer", reqStr(p, "customer"), "customer");
    const returnUrl = str(p, "return_url") || null;
    if (returnUrl) {
      try {
        new URL(returnUrl);
      } catch {
        throw invalidParam("return_url", "Not a valid URL", "url_invalid");
      }
    }
    if (p.flow_data !== undefined) {
      throw invalidParam("flow_data", "The Pack Market Stripe fake does not support portal flows.", "parameter_invalid");
    }
    const id = newId("bps", 24);
    const session: Stripe.BillingPortal.Session = {
      id,
      object: "billing_portal.session",
      configuration: str(p, "configuration") ?? "bpc_fakedefaultconfiguration",
      created: nowSeconds(),
      customer: customer.id,
      customer_account: null,
      flow: null,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: returnUrl,
      url: `${ctx.baseUrl}/billing_portal/${id}`,
    };
    return ctx.store.insert(session);
  }),
];

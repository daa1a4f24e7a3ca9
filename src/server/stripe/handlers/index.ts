// The typed map from Stripe event type to its handler. A type not listed here is stored and
// acknowledged, nothing more.
import type Stripe from "stripe";
import { chargeRefunded } from "./charge-refunded";
import { checkoutSessionCompleted } from "./checkout-session-completed";
import { invoicePaid, invoicePaymentSucceeded } from "./invoice-paid";
import { invoicePaymentFailed, subscriptionCreated, subscriptionDeleted, subscriptionUpdated } from "./subscription-changed";
import type { StripeEventHandler } from "./types";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyHandler<T extends Stripe.Event.Type> = StripeEventHandler<T, any>;

const handlers: { [T in Stripe.Event.Type]?: AnyHandler<T> } = {
  "checkout.session.completed": checkoutSessionCompleted,
  "invoice.paid": invoicePaid,
  "invoice.payment_succeeded": invoicePaymentSucceeded,
  "invoice.payment_failed": invoicePaymentFailed,
  "customer.subscription.created": subscriptionCreated,
  "customer.subscription.updated": subscriptionUpdated,
  "customer.subscription.deleted": subscriptionDeleted,
  "charge.refunded": chargeRefunded,
};

export function handlerFor(event: Stripe.Event): StripeEventHandler<Stripe.Event.Type, unknown> | undefined {
  return handlers[event.type] as StripeEventHandler<Stripe.Event.Type, unknown> | undefined;
}

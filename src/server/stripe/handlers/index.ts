// The typed map from Stripe event type to its handler. A type not listed here is stored and
// acknowledged as ignored, nothing more.
import type Stripe from "stripe";
import { accountUpdated } from "./account-updated";
import { chargeRefunded } from "./charge-refunded";
import { checkoutSessionCompleted } from "./checkout-session-completed";
import { invoicePaid } from "./invoice-paid";
import { invoicePaymentFailed, subscriptionChanged } from "./subscription-changed";
import { transferReversed } from "./transfer-reversed";
import type { ConnectEventHandler, StripeEventHandler } from "./types";

// Types-checked registration: a handler must accept every event type it is registered for.
function on<T extends Stripe.Event.Type>(types: T[], handler: StripeEventHandler<T>) {
  return types.map((type) => [type, handler as unknown as StripeEventHandler] as const);
}

const handlers = new Map<string, StripeEventHandler>([
  ...on(["checkout.session.completed"], checkoutSessionCompleted),
  ...on(["invoice.paid", "invoice.payment_succeeded"], invoicePaid),
  ...on(["invoice.payment_failed"], invoicePaymentFailed),
  ...on(["customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted"], subscriptionChanged),
  ...on(["charge.refunded"], chargeRefunded),
  ...on(["transfer.reversed"], transferReversed),
]);

export function handlerFor(event: Stripe.Event): StripeEventHandler | undefined {
  return handlers.get(event.type);
}

export const HANDLED_EVENT_TYPES = [...handlers.keys()];

// Events of connected accounts, delivered to the Connect endpoint.
function onConnect<T extends Stripe.Event.Type>(types: T[], handler: ConnectEventHandler<T>) {
  return types.map((type) => [type, handler as unknown as ConnectEventHandler] as const);
}

const connectHandlers = new Map<string, ConnectEventHandler>([...onConnect(["account.updated"], accountUpdated)]);

export function connectHandlerFor(event: Stripe.Event): ConnectEventHandler | undefined {
  return connectHandlers.get(event.type);
}

export const HANDLED_CONNECT_EVENT_TYPES = [...connectHandlers.keys()];

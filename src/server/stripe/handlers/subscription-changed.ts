// customer.subscription.created / updated / deleted and invoice.payment_failed all mean the same
// thing for us: the subscription's state changed. Re-fetch it and converge.
import type Stripe from "stripe";
import { idOf, syncSubscription } from "../sync-subscription";
import { defineHandler, type Tx } from "./types";

async function applySubscription(tx: Tx, subscription: Stripe.Subscription | null) {
  if (subscription) await syncSubscription(tx, subscription);
}

const fromSubscriptionEvent = {
  load: (stripe: Stripe, event: { data: { object: Stripe.Subscription } }) => stripe.subscriptions.retrieve(event.data.object.id),
  apply: applySubscription,
};

export const subscriptionCreated = defineHandler("customer.subscription.created", fromSubscriptionEvent);
export const subscriptionUpdated = defineHandler("customer.subscription.updated", fromSubscriptionEvent);
export const subscriptionDeleted = defineHandler("customer.subscription.deleted", fromSubscriptionEvent);

export const invoicePaymentFailed = defineHandler("invoice.payment_failed", {
  async load(stripe, event) {
    const subscriptionId = idOf(event.data.object.parent?.subscription_details?.subscription);
    return subscriptionId ? stripe.subscriptions.retrieve(subscriptionId) : null;
  },
  apply: applySubscription,
  followUp: true,
});

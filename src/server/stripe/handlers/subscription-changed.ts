// customer.subscription.created / updated / deleted and invoice.payment_failed all mean the same
// thing for us: the subscription's state changed. Fetch it and converge.
import type Stripe from "stripe";
import { syncSubscription } from "~/server/services/subscription/sync-subscription";
import type { Db } from "~/server/db";
import { inLockedTransaction } from "~/server/services/lock";
import { idOf } from "../ids";
import { defineHandler, NOT_OURS, type StripeEventHandler, type Tx } from "./types";

export async function convergeSubscription(tx: Tx, stripe: Stripe, subscriptionId: string) {
  return syncSubscription(tx, await stripe.subscriptions.retrieve(subscriptionId));
}

// The lock every piece of work on one Stripe subscription takes (handlers/types.ts).
export const subscriptionLockKey = (subscriptionId: string) => `stripe-subscription:${subscriptionId}`;

// What a webhook for the subscription will do, done now under the same lock: for a caller that just
// changed the subscription in Stripe and wants its rows to show it before the events arrive.
export function convergeSubscriptionNow(db: Db, stripe: Stripe, subscriptionId: string) {
  return inLockedTransaction(db, subscriptionLockKey(subscriptionId), (tx) => convergeSubscription(tx, stripe, subscriptionId));
}

type SubscriptionEventType = "customer.subscription.created" | "customer.subscription.updated" | "customer.subscription.deleted";

// One handler for the three: created, updated or deleted, the subscription is re-fetched.
export const subscriptionChanged: StripeEventHandler<SubscriptionEventType> = {
  subscriptionOf: async (_stripe, event) => event.data.object.id,
  apply: async ({ tx, stripe, subscriptionId }) => ((await convergeSubscription(tx, stripe, subscriptionId)) ? undefined : { ignored: NOT_OURS }),
};

export const invoicePaymentFailed = defineHandler("invoice.payment_failed", {
  subscriptionOf: async (_stripe, event) => idOf(event.data.object.parent?.subscription_details?.subscription),
  apply: async ({ tx, stripe, subscriptionId }) => ((await convergeSubscription(tx, stripe, subscriptionId)) ? undefined : { ignored: NOT_OURS }),
  followUp: true,
});

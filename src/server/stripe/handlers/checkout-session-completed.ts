import { idOf, syncSubscription } from "../sync-subscription";
import { defineHandler } from "./types";

export const checkoutSessionCompleted = defineHandler("checkout.session.completed", {
  async load(stripe, event) {
    const session = await stripe.checkout.sessions.retrieve(event.data.object.id);
    const subscriptionId = session.mode === "subscription" ? idOf(session.subscription) : null;
    return subscriptionId ? stripe.subscriptions.retrieve(subscriptionId) : null;
  },
  async apply(tx, subscription) {
    if (subscription) await syncSubscription(tx, subscription);
  },
  followUp: true,
});

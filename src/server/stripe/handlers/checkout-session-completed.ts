import { idOf } from "../ids";
import { convergeSubscription } from "./subscription-changed";
import { defineHandler, NOT_OURS } from "./types";

export const checkoutSessionCompleted = defineHandler("checkout.session.completed", {
  // A completed session's subscription never changes: the payload names it.
  subscriptionOf: async (_stripe, event) => (event.data.object.mode === "subscription" ? idOf(event.data.object.subscription) : null),
  apply: async ({ tx, stripe, subscriptionId }) => ((await convergeSubscription(tx, stripe, subscriptionId)) ? undefined : { ignored: NOT_OURS }),
  followUp: true,
});

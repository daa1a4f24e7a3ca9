// A second live subscription to one pack: cancel and refund it in one step, then tell the buyer,
// one step per email so a retry never re-sends one that went out.
import { getDb } from "~/server/db";
import { cancelDuplicateSubscription, planDuplicateNotice } from "~/server/services/subscription/cancel-duplicate-subscription";
import { getStripe } from "~/server/stripe/client";
import { inngest } from "../client";
import { sendEachEmail } from "./send-emails";
import { subscriptionDuplicateFound } from "../events";

export const cancelDuplicateSubscriptionFunction = inngest.createFunction(
  {
    id: "cancel-duplicate-subscription",
    name: "Cancel and refund a duplicate subscription",
    triggers: [subscriptionDuplicateFound],
    retries: 10,
  },
  async ({ event, step }) => {
    const { subscriptionId } = event.data;
    const result = await step.run("cancel-and-refund", () => cancelDuplicateSubscription(getDb(), getStripe(), { subscriptionId }));
    if (!result.canceled) return { ...result, sent: 0 };
    const emails = await step.run("plan-notice", () => planDuplicateNotice(getDb(), { subscriptionId, refundedCents: result.refundedCents }));
    const sent = await sendEachEmail(step, emails);
    return { ...result, sent };
  },
);

// Slow follow-ups of a processed Stripe event, off the webhook's HTTP path: one step plans the
// emails, one step sends each, so a retry never re-sends one that went out.
import { getDb } from "~/server/db";
import { planStripeFollowup } from "~/server/services/notification/plan-stripe-followup";
import { inngest } from "../client";
import { sendEachEmail } from "./send-emails";
import { stripeEventFollowup as stripeEventFollowupEvent } from "../events";

export const stripeEventFollowup = inngest.createFunction(
  {
    id: "stripe-event-followup",
    name: "Stripe event follow-up (welcome, dunning notice)",
    triggers: [stripeEventFollowupEvent],
    retries: 5,
  },
  async ({ event, step }) => {
    const emails = await step.run("plan", () => planStripeFollowup(getDb(), { stripeEventId: event.data.stripeEventId }));
    const sent = await sendEachEmail(step, emails);
    return { sent };
  },
);

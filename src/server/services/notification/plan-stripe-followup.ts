// What to tell a buyer org after a Stripe event: a welcome with the API docs link once a checkout
// completes, a dunning notice when a payment fails. Plain data, so the workflow can send each
// email as its own retriable step.
import type Stripe from "stripe";
import { appUrl } from "~/env";
import type { Db } from "~/server/db";
import { formatDate } from "~/lib/format";
import { graceEndsAt } from "~/server/services/subscription/subscription-status";
import { idOf } from "~/server/stripe/ids";
import type { Email } from "~/server/email/send-email";
import { managerEmails, orgManagersSelect } from "~/server/services/notification/org-managers";

function subscriptionIdOf(event: Stripe.Event): string | null {
  if (event.type === "checkout.session.completed") return idOf(event.data.object.subscription);
  if (event.type === "invoice.payment_failed") return idOf(event.data.object.parent?.subscription_details?.subscription);
  return null;
}

export async function planStripeFollowup(db: Db, input: { stripeEventId: string }): Promise<Email[]> {
  const stored = await db.stripeEvent.findUnique({ where: { id: input.stripeEventId }, select: { payload: true } });
  if (!stored) return [];
  const event = stored.payload as unknown as Stripe.Event;
  const subscriptionId = subscriptionIdOf(event);
  if (!subscriptionId) return [];
  const sub = await db.buyerSubscription.findUnique({
    where: { stripeSubscriptionId: subscriptionId },
    select: {
      status: true,
      currentPeriodStart: true,
      pack: { select: { title: true } },
      buyerOrg: { select: orgManagersSelect },
    },
  });
  if (!sub) return [];
  const recipients = managerEmails(sub.buyerOrg);
  const base = appUrl();
  if (event.type === "checkout.session.completed") {
    return recipients.map((to) => ({
      to,
      subject: `Welcome to ${sub.pack.title}`,
      text:
        `${sub.buyerOrg.name} is now subscribed to ${sub.pack.title}.\n\n` +
        `Create an API key and read rows: ${base}/docs/api\n` +
        `Your usage and billing: ${base}/app/marketplace/my-packs\n`,
    }));
  }
  const grace = graceEndsAt(sub);
  return recipients.map((to) => ({
    to,
    subject: `Payment failed for ${sub.pack.title}`,
    text:
      `We could not charge ${sub.buyerOrg.name}'s card for ${sub.pack.title}.\n\n` +
      (grace ? `Update your payment method by ${formatDate(grace)} to keep access: ` : "Update your payment method: ") +
      `${base}/app/marketplace/my-packs\n`,
  }));
}

// A second live subscription to a pack the org already has (two Checkout Sessions, both paid): it
// is canceled at once and everything it charged is refunded. Idempotent: a retried step finds the
// subscription canceled and the refunds made (Stripe idempotency keys), and does nothing twice.
import type Stripe from "stripe";
import { appUrl } from "~/env";
import type { Db } from "~/server/db";
import type { Email } from "~/server/email/send-email";
import { formatMoney } from "~/lib/money";
import { idOf } from "~/server/stripe/ids";
import { managerEmails, orgManagersSelect } from "~/server/services/notification/org-managers";

export async function cancelDuplicateSubscription(db: Db, stripe: Stripe, input: { subscriptionId: string }) {
  const sub = await db.buyerSubscription.findUnique({
    where: { id: input.subscriptionId },
    select: { isDuplicate: true, stripeSubscriptionId: true },
  });
  if (!sub?.isDuplicate) return { canceled: false, refundedCents: 0 };

  const current = await stripe.subscriptions.retrieve(sub.stripeSubscriptionId);
  if (current.status !== "canceled") {
    await stripe.subscriptions.cancel(sub.stripeSubscriptionId, {}, { idempotencyKey: `duplicate-cancel:${sub.stripeSubscriptionId}` });
  }
  let refundedCents = 0;
  const invoices = await stripe.invoices.list({ subscription: sub.stripeSubscriptionId, status: "paid", limit: 100, expand: ["data.payments"] });
  for (const invoice of invoices.data) {
    const paymentIntentId = idOf(invoice.payments?.data.find((p) => p.payment.payment_intent)?.payment.payment_intent);
    if (!paymentIntentId || invoice.amount_paid <= 0) continue;
    await stripe.refunds.create(
      { payment_intent: paymentIntentId, reason: "duplicate", metadata: { duplicateSubscription: sub.stripeSubscriptionId } },
      { idempotencyKey: `duplicate-refund:${invoice.id}` },
    );
    refundedCents += invoice.amount_paid;
  }
  return { canceled: true, refundedCents };
}

// What the buyer's owners and admins are told.
export async function planDuplicateNotice(db: Db, input: { subscriptionId: string; refundedCents: number }): Promise<Email[]> {
  const sub = await db.buyerSubscription.findUnique({
    where: { id: input.subscriptionId },
    select: {
      pack: { select: { title: true } },
      tier: { select: { tier: true, currency: true } },
      buyerOrg: { select: orgManagersSelect },
    },
  });
  if (!sub) return [];
  const refunded = formatMoney(input.refundedCents, sub.tier.currency);
  return managerEmails(sub.buyerOrg).map((to) => ({
    to,
    subject: `Duplicate subscription to ${sub.pack.title} canceled and refunded`,
    text:
      `${sub.buyerOrg.name} already subscribes to ${sub.pack.title}, so the second subscription ` +
      `(${sub.tier.tier}) that was just paid has been canceled and ${refunded} refunded to the card it was paid with.\n\n` +
      `Your subscription to ${sub.pack.title} is unchanged: ${appUrl()}/app/marketplace/my-packs\n`,
  }));
}

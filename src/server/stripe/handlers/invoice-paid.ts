// A paid invoice is revenue for its pack (in the month it was paid) and starts a billing period:
// a fresh usage counter with the tier's quota. Both are keyed so that replays change nothing.
import type Stripe from "stripe";
import { monthStart } from "~/lib/month";
import { idOf, syncSubscription } from "../sync-subscription";
import { defineHandler, type Tx } from "./types";

type Loaded = { invoice: Stripe.Invoice; subscription: Stripe.Subscription } | null;

async function loadInvoice(stripe: Stripe, invoiceId: string): Promise<Loaded> {
  const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ["payments"] });
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  if (!subscriptionId) return null;
  return { invoice, subscription: await stripe.subscriptions.retrieve(subscriptionId) };
}

async function applyPaidInvoice(tx: Tx, loaded: Loaded) {
  if (!loaded) return;
  const { invoice, subscription } = loaded;
  const subscriptionRowId = await syncSubscription(tx, subscription);
  if (!subscriptionRowId || invoice.status !== "paid") return;
  const row = await tx.buyerSubscription.findUniqueOrThrow({
    where: { id: subscriptionRowId },
    select: { packId: true, buyerOrgId: true, tier: { select: { rowQuota: true } } },
  });
  const paidAt = new Date((invoice.status_transitions.paid_at ?? invoice.created) * 1000);
  const paymentIntentId = idOf(invoice.payments?.data.find((p) => p.payment.payment_intent)?.payment.payment_intent);
  if (invoice.amount_paid > 0) {
    await tx.revenue.createMany({
      data: [
        {
          stripeObjectId: invoice.id,
          kind: "invoice",
          packId: row.packId,
          buyerOrgId: row.buyerOrgId,
          month: monthStart(paidAt),
          amountCents: invoice.amount_paid,
          currency: invoice.currency,
          paymentIntentId,
          occurredAt: paidAt,
        },
      ],
      skipDuplicates: true,
    });
  }
  const period = invoice.lines.data[0]?.period;
  if (period) {
    await tx.buyerUsageCounter.createMany({
      data: [
        {
          subscriptionId: subscriptionRowId,
          periodStart: new Date(period.start * 1000),
          periodEnd: new Date(period.end * 1000),
          rowQuota: row.tier.rowQuota,
        },
      ],
      skipDuplicates: true,
    });
  }
}

const paidInvoice = {
  load: (stripe: Stripe, event: { data: { object: Stripe.Invoice } }) => loadInvoice(stripe, event.data.object.id),
  apply: applyPaidInvoice,
};

// Stripe sends both for one payment; either one (or both, in any order) records it once.
export const invoicePaid = defineHandler("invoice.paid", paidInvoice);
export const invoicePaymentSucceeded = defineHandler("invoice.payment_succeeded", paidInvoice);

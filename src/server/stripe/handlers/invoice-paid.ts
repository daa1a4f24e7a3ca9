// A paid invoice: the subscription converges, the payment is revenue for its pack, and an invoice
// that opens a billing period starts its usage counter.
import type Stripe from "stripe";
import { recordInvoiceRevenue } from "~/server/services/revenue/record-invoice-revenue";
import { syncSubscription, tierOfPrice } from "~/server/services/subscription/sync-subscription";
import { applyTierToPeriod } from "~/server/services/usage/apply-period-tier";
import { opensUsagePeriod, startUsagePeriod } from "~/server/services/usage/start-usage-period";
import { idOf } from "../ids";
import { NOT_OURS, type HandlerOutcome, type StripeEventHandler, type Tx } from "./types";

// Also used by charge.refunded, which may arrive before the invoice's own event.
export async function applyInvoice(tx: Tx, stripe: Stripe, invoiceId: string, subscriptionId: string): Promise<HandlerOutcome> {
  const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ["payments"] });
  const row = await syncSubscription(tx, await stripe.subscriptions.retrieve(subscriptionId));
  if (!row) return { ignored: NOT_OURS };
  if (invoice.status !== "paid") return;
  const paidAt = new Date((invoice.status_transitions.paid_at ?? invoice.created) * 1000);
  await recordInvoiceRevenue(tx, {
    invoiceId: invoice.id,
    packId: row.packId,
    buyerOrgId: row.buyerOrgId,
    amountPaidCents: invoice.amount_paid,
    currency: invoice.currency,
    paidAt,
    paymentIntentId: idOf(invoice.payments?.data.find((p) => p.payment.payment_intent)?.payment.payment_intent),
  });
  const line = invoice.lines.data[0];
  const period = line?.period;
  // A duplicate subscription is being canceled and refunded: it gets no quota.
  if (period && !row.isDuplicate && opensUsagePeriod(invoice.billing_reason)) {
    // The period gets the tier this invoice paid for, whatever the subscription became since (a
    // downgrade waits for the next period); a later upgrade then applies to it at once.
    const linePrice = line.pricing?.price_details?.price;
    const paidTierId = linePrice
      ? await tierOfPrice(tx, { id: typeof linePrice === "string" ? linePrice : linePrice.id }, { packId: row.packId, tierId: row.tierId })
      : row.tierId;
    const paidTier = await tx.packTier.findUniqueOrThrow({ where: { id: paidTierId }, select: { rowQuota: true } });
    const periodStart = new Date(period.start * 1000);
    await startUsagePeriod(tx, { subscriptionId: row.id, periodStart, periodEnd: new Date(period.end * 1000), rowQuota: paidTier.rowQuota, tierId: paidTierId });
    await applyTierToPeriod(tx, { subscriptionId: row.id, periodStart, tierId: row.tierId });
  }
}

// Stripe sends both invoice.paid and invoice.payment_succeeded for one payment; either one (or
// both, in any order) records it once.
export const invoicePaid: StripeEventHandler<"invoice.paid" | "invoice.payment_succeeded"> = {
  subscriptionOf: async (_stripe, event) => idOf(event.data.object.parent?.subscription_details?.subscription),
  apply: ({ tx, stripe, event, subscriptionId }) => applyInvoice(tx, stripe, event.data.object.id, subscriptionId),
};

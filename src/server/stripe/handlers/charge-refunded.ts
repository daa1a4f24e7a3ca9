// A refund of a subscription payment: negative revenue rows for the invoice's pack. The charge's
// invoice (and so its subscription) is found through its payment intent; a charge that belongs to
// no subscription invoice is not ours to record.
import type Stripe from "stripe";
import { recordRefunds } from "~/server/services/revenue/record-refunds";
import { idOf } from "../ids";
import { applyInvoice } from "./invoice-paid";
import { defineHandler } from "./types";

async function invoiceOfPayment(stripe: Stripe, paymentIntentId: string): Promise<Stripe.Invoice | null> {
  const payments = await stripe.invoicePayments.list({ payment: { type: "payment_intent", payment_intent: paymentIntentId }, limit: 1 });
  const invoiceId = idOf(payments.data[0]?.invoice);
  return invoiceId ? stripe.invoices.retrieve(invoiceId) : null;
}

export const chargeRefunded = defineHandler("charge.refunded", {
  async subscriptionOf(stripe, event) {
    const paymentIntentId = idOf(event.data.object.payment_intent);
    const invoice = paymentIntentId ? await invoiceOfPayment(stripe, paymentIntentId) : null;
    return idOf(invoice?.parent?.subscription_details?.subscription);
  },
  async apply({ tx, stripe, event, subscriptionId }) {
    const charge = await stripe.charges.retrieve(event.data.object.id, { expand: ["refunds"] });
    const paymentIntentId = idOf(charge.payment_intent);
    if (!paymentIntentId) return { ignored: "The charge has no payment intent." };
    const refunds = (charge.refunds?.data ?? [])
      .filter((r) => r.status === "succeeded" || r.status === "pending")
      .map((r) => ({ refundId: r.id, amountCents: r.amount, currency: r.currency, createdAt: new Date(r.created * 1000) }));
    let result = await recordRefunds(tx, { paymentIntentId, refunds });
    if ("missingInvoice" in result) {
      // The invoice's own event has not been handled yet: record the invoice first (it is paid, or
      // it could not have been refunded), then its refunds. Order of arrival never matters.
      const invoice = await invoiceOfPayment(stripe, paymentIntentId);
      if (!invoice) return { ignored: "The refunded charge pays no invoice." };
      const outcome = await applyInvoice(tx, stripe, invoice.id, subscriptionId);
      if (outcome) return outcome;
      result = await recordRefunds(tx, { paymentIntentId, refunds });
      if ("missingInvoice" in result) return { ignored: "The refunded invoice recorded no revenue (nothing was paid)." };
    }
  },
});

// A refund is a negative revenue row in the month it happened, attributed to the pack of the
// invoice it pays back (found through the payment intent). Finalized statements never change:
// the payout issue carries such rows into the next statement.
import { AppError } from "~/server/errors";
import { idOf } from "../sync-subscription";
import { monthStart } from "~/lib/month";
import { defineHandler } from "./types";

export const chargeRefunded = defineHandler("charge.refunded", {
  load: (stripe, event) => stripe.charges.retrieve(event.data.object.id, { expand: ["refunds"] }),
  async apply(tx, charge) {
    const paymentIntentId = idOf(charge.payment_intent);
    if (!paymentIntentId) return;
    const invoiceRevenue = await tx.revenue.findFirst({
      where: { paymentIntentId, kind: "invoice" },
      select: { packId: true, buyerOrgId: true },
    });
    const refunds = (charge.refunds?.data ?? []).filter((r) => r.status === "succeeded" || r.status === "pending");
    if (refunds.length === 0) return;
    if (!invoiceRevenue) {
      // The invoice's event has not been applied yet (events arrive out of order): fail so Stripe
      // redelivers this one later, by which time the invoice row exists.
      throw new AppError("internal_error", `No invoice revenue yet for payment ${paymentIntentId}`);
    }
    await tx.revenue.createMany({
      data: refunds.map((refund) => ({
        stripeObjectId: refund.id,
        kind: "refund" as const,
        packId: invoiceRevenue.packId,
        buyerOrgId: invoiceRevenue.buyerOrgId,
        month: monthStart(new Date(refund.created * 1000)),
        amountCents: -refund.amount,
        currency: refund.currency,
        paymentIntentId,
        occurredAt: new Date(refund.created * 1000),
      })),
      skipDuplicates: true,
    });
  },
});

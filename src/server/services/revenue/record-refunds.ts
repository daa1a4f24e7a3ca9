// A refund is a negative revenue row in the month it happened, attributed to the pack of the
// invoice it pays back. Finalized statements never change: statements carry such rows into the
// next one.
import type { Prisma } from "~/server/db";
import { monthStart } from "~/lib/month";

export type Refund = { refundId: string; amountCents: number; currency: string; createdAt: Date };

export async function recordRefunds(
  tx: Prisma.TransactionClient,
  input: { paymentIntentId: string; refunds: Refund[] },
): Promise<{ recorded: number } | { missingInvoice: true }> {
  if (input.refunds.length === 0) return { recorded: 0 };
  const invoiceRevenue = await tx.revenue.findFirst({
    where: { paymentIntentId: input.paymentIntentId, kind: "invoice" },
    select: { packId: true, buyerOrgId: true },
  });
  if (!invoiceRevenue) return { missingInvoice: true };
  const { count } = await tx.revenue.createMany({
    data: input.refunds.map((refund) => ({
      stripeObjectId: refund.refundId,
      kind: "refund" as const,
      packId: invoiceRevenue.packId,
      buyerOrgId: invoiceRevenue.buyerOrgId,
      month: monthStart(refund.createdAt),
      amountCents: -refund.amountCents,
      currency: refund.currency,
      paymentIntentId: input.paymentIntentId,
      occurredAt: refund.createdAt,
    })),
    skipDuplicates: true,
  });
  return { recorded: count };
}

// A paid invoice is revenue for its pack in the month it was paid: one row per invoice, so a
// replay changes nothing.
import type { Prisma } from "~/server/db";
import { monthStart } from "~/lib/month";

export type PaidInvoice = {
  invoiceId: string;
  packId: string;
  buyerOrgId: string;
  amountPaidCents: number;
  currency: string;
  paidAt: Date;
  // The payment behind it: a later refund finds its invoice, and so its pack, through it.
  paymentIntentId: string | null;
};

export async function recordInvoiceRevenue(tx: Prisma.TransactionClient, invoice: PaidInvoice): Promise<void> {
  if (invoice.amountPaidCents <= 0) return;
  await tx.revenue.createMany({
    data: [
      {
        stripeObjectId: invoice.invoiceId,
        kind: "invoice",
        packId: invoice.packId,
        buyerOrgId: invoice.buyerOrgId,
        month: monthStart(invoice.paidAt),
        amountCents: invoice.amountPaidCents,
        currency: invoice.currency,
        paymentIntentId: invoice.paymentIntentId,
        occurredAt: invoice.paidAt,
      },
    ],
    skipDuplicates: true,
  });
}

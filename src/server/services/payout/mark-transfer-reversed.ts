// A payout's transfer was reversed (transfer.reversed): the statement failed, and its amount is
// carried forward onto the next open statement (compute-statements.ts picks failed statements up).
// Partial reversals are not something Pack Market makes; one is left for a person to look at
// (reconciliation shows the transfer's net amount against the payout).
import type Stripe from "stripe";
import type { Prisma } from "~/server/db";

export async function markTransferReversed(tx: Prisma.TransactionClient, transfer: Stripe.Transfer): Promise<{ ignored: string } | void> {
  const payout = await tx.payout.findUnique({ where: { stripeTransferId: transfer.id }, select: { statementId: true, status: true } });
  if (!payout) return { ignored: "The transfer is not a recorded Pack Market payout (a payout run that finds it reversed fails it itself)." };
  if (transfer.amount_reversed === 0) return { ignored: "The transfer has no reversal." };
  if (transfer.amount_reversed < transfer.amount) {
    return { ignored: `Partial reversal (${transfer.amount_reversed} of ${transfer.amount}): not made by Pack Market, left to an operator.` };
  }
  if (payout.status === "failed") return;
  await tx.payout.update({ where: { stripeTransferId: transfer.id }, data: { status: "failed", lastError: `Transfer ${transfer.id} was reversed.` } });
  await tx.orgMonthlyStatement.updateMany({ where: { id: payout.statementId, status: { in: ["paid", "finalized"] } }, data: { status: "failed" } });
}

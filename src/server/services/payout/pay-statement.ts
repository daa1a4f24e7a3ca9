// Pays one finalized statement to its org's Connect account, exactly once whatever crashes, retries
// and re-runs happen around it:
// 1. the work holds an advisory lock on the payout key, so two runs never pay one statement at once;
// 2. before creating a transfer it looks for one already made with that key (transfer_group), because
//    Stripe keeps idempotency keys for 24 hours only and a re-run next week must not pay twice;
// 3. the transfer is created with the key as its idempotency key (a retry within 24 hours gets the
//    same transfer back even if the lookup raced);
// 4. the payout and the statement are recorded paid in the same transaction; a crash before the
//    commit leaves the statement finalized, and the next attempt finds the transfer in step 2.
// Stripe refusing the transfer (no such account, transfers not enabled) fails the statement, and its
// amount is carried forward to the next statement; connection errors are thrown for a retry.
import type Stripe from "stripe";
import { monthKey } from "~/lib/month";
import type { Db, Prisma } from "~/server/db";
import { inLockedTransaction } from "~/server/services/lock";
import { isPermanentStripeError } from "~/server/stripe/client";
import { payoutKey } from "./payout-key";

type Tx = Prisma.TransactionClient;

export type PayOutcome =
  | { state: "paid" | "already_paid"; statementId: string; orgId: string; amountCents: number; transferId: string | null }
  | { state: "carried_forward" | "failed" | "not_payable"; statementId: string; orgId: string; amountCents: number; reason: string };

export async function findPayoutTransfer(stripe: Stripe, key: string): Promise<Stripe.Transfer | null> {
  for await (const transfer of stripe.transfers.list({ transfer_group: key, limit: 100 })) {
    if (transfer.metadata?.payout_key === key) return transfer;
  }
  return null;
}

async function failStatement(tx: Tx, statementId: string, reason: string) {
  await tx.payout.update({ where: { statementId }, data: { status: "failed", lastError: reason.slice(0, 2000) } });
  await tx.orgMonthlyStatement.updateMany({ where: { id: statementId, status: { in: ["finalized", "paid"] } }, data: { status: "failed" } });
}

export async function payStatement(db: Db, stripe: Stripe, input: { statementId: string }): Promise<PayOutcome> {
  const statement = await db.orgMonthlyStatement.findUniqueOrThrow({
    where: { id: input.statementId },
    select: {
      id: true,
      orgId: true,
      month: true,
      status: true,
      totalCents: true,
      currency: true,
      payout: { select: { stripeTransferId: true } },
      org: { select: { billing: { select: { stripeConnectId: true, connectPayoutsEnabled: true } } } },
    },
  });
  const base = { statementId: statement.id, orgId: statement.orgId, amountCents: statement.totalCents };
  if (statement.status === "paid") return { ...base, state: "already_paid", transferId: statement.payout?.stripeTransferId ?? null };
  if (statement.status !== "finalized") return { ...base, state: "not_payable", reason: `The statement is ${statement.status}.` };

  const key = payoutKey(statement.orgId, statement.month);
  const destination = statement.org.billing?.stripeConnectId;
  if (!destination || !statement.org.billing?.connectPayoutsEnabled) {
    // Payouts were turned off between finalization and now: the amount waits for next month.
    await db.orgMonthlyStatement.updateMany({ where: { id: statement.id, status: "finalized" }, data: { status: "carried_forward" } });
    return { ...base, state: "carried_forward", reason: "The org's Stripe account cannot receive payouts." };
  }
  await db.payout.upsert({
    where: { statementId: statement.id },
    create: { statementId: statement.id, orgId: statement.orgId, amountCents: statement.totalCents, currency: statement.currency, idempotencyKey: key, attempts: 1 },
    update: { attempts: { increment: 1 } },
  });

  return inLockedTransaction(db, key, async (tx): Promise<PayOutcome> => {
    const now = await tx.orgMonthlyStatement.findUniqueOrThrow({ where: { id: statement.id }, select: { status: true } });
    if (now.status === "paid") return { ...base, state: "already_paid", transferId: null };
    if (now.status !== "finalized") return { ...base, state: "not_payable", reason: `The statement is ${now.status}.` };

    let transfer = await findPayoutTransfer(stripe, key);
    if (!transfer) {
      try {
        transfer = await stripe.transfers.create(
          {
            amount: statement.totalCents,
            currency: statement.currency,
            destination,
            transfer_group: key,
            description: `Pack Market revenue share, ${monthKey(statement.month)}`,
            metadata: { payout_key: key, org_id: statement.orgId, statement_id: statement.id, month: monthKey(statement.month) },
          },
          { idempotencyKey: key },
        );
      } catch (error) {
        if (!isPermanentStripeError(error)) throw error;
        const reason = `Stripe refused the transfer: ${(error as Error).message}`;
        await failStatement(tx, statement.id, reason);
        return { ...base, state: "failed", reason };
      }
    }
    if (transfer.amount !== statement.totalCents || transfer.destination !== destination || transfer.currency !== statement.currency) {
      // Never record someone else's transfer as this payout; reconciliation lists it.
      throw new Error(`Transfer ${transfer.id} under key ${key} is ${transfer.amount} ${transfer.currency} to ${String(transfer.destination)}, not ${statement.totalCents} ${statement.currency} to ${destination}.`);
    }
    if (transfer.reversed || transfer.amount_reversed > 0) {
      // Reversed before we recorded it (its webhook found no payout yet): it failed after all.
      await tx.payout.update({ where: { statementId: statement.id }, data: { stripeTransferId: transfer.id } });
      await failStatement(tx, statement.id, `Transfer ${transfer.id} was reversed.`);
      return { ...base, state: "failed", reason: `Transfer ${transfer.id} was reversed.` };
    }
    await tx.payout.update({ where: { statementId: statement.id }, data: { status: "paid", stripeTransferId: transfer.id, lastError: null } });
    await tx.orgMonthlyStatement.update({ where: { id: statement.id }, data: { status: "paid", paidAt: new Date() } });
    return { ...base, state: "paid", transferId: transfer.id };
  });
}

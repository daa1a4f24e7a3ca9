// Pays one finalized statement to its org's Connect account, exactly once whatever crashes, retries
// and re-runs happen around it:
// 1. the work holds an advisory lock on the payout key, so two runs never pay one statement at once;
// 2. before creating a transfer it looks for one already made with that key (transfer_group), because
//    Stripe keeps idempotency keys for 24 hours only and a re-run next week must not pay twice (on a
//    statement's very first attempt there can be none, see below);
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

type StatementToPay = { id: string; orgId: string; month: Date; status: string; totalCents: number; currency: string; destination: string | null; payoutsEnabled: boolean; transferId: string | null; attempt: number | null };

export async function payStatement(db: Db, stripe: Stripe, input: { statementId: string }): Promise<PayOutcome> {
  // One round trip: the statement, its org's Connect account, and (when it is to be paid) the
  // payout row created or its attempts counted. Raw SQL because this runs once per org per month.
  const [statement] = await db.$queryRaw<StatementToPay[]>`
    WITH st AS (
      SELECT s."id", s."orgId", s."month", s."status"::text AS "status", s."totalCents", s."currency",
             b."stripeConnectId" AS "destination", COALESCE(b."connectPayoutsEnabled" AND b."stripeConnectId" IS NOT NULL, false) AS "payoutsEnabled"
      FROM "org_monthly_statements" s LEFT JOIN "org_billing_profiles" b ON b."orgId" = s."orgId"
      WHERE s."id" = ${input.statementId}
    ), payout AS (
      INSERT INTO "payouts" ("id", "statementId", "orgId", "amountCents", "currency", "idempotencyKey", "status", "attempts", "updatedAt")
      SELECT gen_random_uuid()::text, st."id", st."orgId", st."totalCents", st."currency",
             'payout:' || st."orgId" || ':' || to_char(st."month", 'YYYY-MM'), 'pending', 1, now()
      FROM st WHERE st."status" = 'finalized' AND st."payoutsEnabled"
      ON CONFLICT ("statementId") DO UPDATE SET "attempts" = "payouts"."attempts" + 1, "updatedAt" = now()
      RETURNING "attempts"
    )
    SELECT st.*, (SELECT p."stripeTransferId" FROM "payouts" p WHERE p."statementId" = st."id") AS "transferId",
           (SELECT "attempts" FROM payout) AS "attempt"
    FROM st`;
  if (!statement) throw new Error(`No statement ${input.statementId}.`);
  const base = { statementId: statement.id, orgId: statement.orgId, amountCents: statement.totalCents };
  if (statement.status === "paid") return { ...base, state: "already_paid", transferId: statement.transferId };
  if (statement.status !== "finalized") return { ...base, state: "not_payable", reason: `The statement is ${statement.status}.` };

  const key = payoutKey(statement.orgId, statement.month);
  const destination = statement.destination;
  if (!destination || !statement.payoutsEnabled) {
    // Payouts were turned off between finalization and now: the amount waits for next month.
    await db.orgMonthlyStatement.updateMany({ where: { id: statement.id, status: "finalized" }, data: { status: "carried_forward" } });
    return { ...base, state: "carried_forward", reason: "The org's Stripe account cannot receive payouts." };
  }

  return inLockedTransaction(db, key, async (tx): Promise<PayOutcome> => {
    const [now] = await tx.$queryRaw<Array<{ status: string }>>`SELECT "status"::text AS "status" FROM "org_monthly_statements" WHERE "id" = ${statement.id}`;
    if (now?.status === "paid") return { ...base, state: "already_paid", transferId: null };
    if (now?.status !== "finalized") return { ...base, state: "not_payable", reason: `The statement is ${now?.status}.` };

    // Every transfer is made after its payout row was committed (above), so on the first attempt no
    // transfer with this key can exist yet: the lookup is needed from the second attempt on, which is
    // exactly when a crash, a retry or a re-run (next week, past Stripe's 24-hour key memory) happens.
    let transfer = statement.attempt === 1 ? null : await findPayoutTransfer(stripe, key);
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
    // The payout and the statement, paid together in one statement.
    await tx.$executeRaw`
      WITH p AS (
        UPDATE "payouts" SET "status" = 'paid', "stripeTransferId" = ${transfer.id}, "lastError" = NULL, "updatedAt" = now()
        WHERE "statementId" = ${statement.id} RETURNING 1
      )
      UPDATE "org_monthly_statements" SET "status" = 'paid', "paidAt" = now(), "updatedAt" = now()
      WHERE "id" = ${statement.id} AND EXISTS (SELECT 1 FROM p)`;
    return { ...base, state: "paid", transferId: transfer.id };
  });
}

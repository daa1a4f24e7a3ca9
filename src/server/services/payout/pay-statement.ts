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
// Written with node-postgres, not Prisma: it runs once per org per month, and Prisma's per-query
// cost was what limited the payout run (see src/server/sql-pool.ts).
import type pg from "pg";
import type Stripe from "stripe";
import { inLockedSqlTransaction } from "~/server/services/lock";
import { isPermanentStripeError } from "~/server/stripe/client";

export type PayOutcome =
  | { state: "paid" | "already_paid"; statementId: string; orgId: string; amountCents: number; transferId: string | null }
  | { state: "carried_forward" | "failed" | "not_payable"; statementId: string; orgId: string; amountCents: number; reason: string };

export async function findPayoutTransfer(stripe: Stripe, key: string): Promise<Stripe.Transfer | null> {
  for await (const transfer of stripe.transfers.list({ transfer_group: key, limit: 100 })) {
    if (transfer.metadata?.payout_key === key) return transfer;
  }
  return null;
}

async function failStatement(client: pg.PoolClient, statementId: string, reason: string) {
  await client.query(
    `WITH p AS (UPDATE "payouts" SET "status" = 'failed', "lastError" = $2, "updatedAt" = now() WHERE "statementId" = $1 RETURNING 1)
     UPDATE "org_monthly_statements" SET "status" = 'failed', "updatedAt" = now()
     WHERE "id" = $1 AND "status" IN ('finalized', 'paid')`,
    [statementId, reason.slice(0, 2000)],
  );
}

// `key` is the one key of an org's payout for a month, `payout:<org id>:<YYYY-MM>`: the Stripe
// idempotency key, the transfer_group and the transfer's metadata all carry it, so the transfer can
// be found again after Stripe has forgotten the idempotency key (24 hours).
type StatementToPay = { id: string; orgId: string; month: string; key: string; status: string; totalCents: number; currency: string; destination: string | null; payoutsEnabled: boolean; transferId: string | null; attempt: number | null };

export async function payStatement(sql: pg.Pool, stripe: Stripe, input: { statementId: string }): Promise<PayOutcome> {
  // One round trip: the statement, its org's Connect account, and (when it is to be paid) the
  // payout row created or its attempts counted, committed before any transfer is made.
  const {
    rows: [statement],
  } = await sql.query<StatementToPay>(
    `WITH st AS (
      SELECT s."id", s."orgId", to_char(s."month", 'YYYY-MM') AS "month", 'payout:' || s."orgId" || ':' || to_char(s."month", 'YYYY-MM') AS "key",
             s."status"::text AS "status", s."totalCents", s."currency",
             b."stripeConnectId" AS "destination", COALESCE(b."connectPayoutsEnabled" AND b."stripeConnectId" IS NOT NULL, false) AS "payoutsEnabled"
      FROM "org_monthly_statements" s LEFT JOIN "org_billing_profiles" b ON b."orgId" = s."orgId"
      WHERE s."id" = $1
    ), payout AS (
      INSERT INTO "payouts" ("id", "statementId", "orgId", "amountCents", "currency", "idempotencyKey", "status", "attempts", "updatedAt")
      SELECT gen_random_uuid()::text, st."id", st."orgId", st."totalCents", st."currency", st."key", 'pending', 1, now()
      FROM st WHERE st."status" = 'finalized' AND st."payoutsEnabled"
      ON CONFLICT ("statementId") DO UPDATE SET "attempts" = "payouts"."attempts" + 1, "updatedAt" = now()
      RETURNING "attempts"
    )
    SELECT st.*, (SELECT p."stripeTransferId" FROM "payouts" p WHERE p."statementId" = st."id") AS "transferId",
           (SELECT "attempts" FROM payout) AS "attempt"
    FROM st`,
    [input.statementId],
  );
  if (!statement) throw new Error(`No statement ${input.statementId}.`);
  const base = { statementId: statement.id, orgId: statement.orgId, amountCents: statement.totalCents };
  if (statement.status === "paid") return { ...base, state: "already_paid", transferId: statement.transferId };
  if (statement.status !== "finalized") return { ...base, state: "not_payable", reason: `The statement is ${statement.status}.` };

  const { key, destination } = statement;
  if (!destination || !statement.payoutsEnabled) {
    // Payouts were turned off between finalization and now: the amount waits for next month.
    await sql.query(`UPDATE "org_monthly_statements" SET "status" = 'carried_forward', "updatedAt" = now() WHERE "id" = $1 AND "status" = 'finalized'`, [statement.id]);
    return { ...base, state: "carried_forward", reason: "The org's Stripe account cannot receive payouts." };
  }

  return inLockedSqlTransaction(sql, key, async (client): Promise<PayOutcome> => {
    const { rows } = await client.query<{ status: string }>(`SELECT "status"::text AS "status" FROM "org_monthly_statements" WHERE "id" = $1`, [statement.id]);
    const now = rows[0];
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
            description: `Pack Market revenue share, ${statement.month}`,
            metadata: { payout_key: key, org_id: statement.orgId, statement_id: statement.id, month: statement.month },
          },
          { idempotencyKey: key },
        );
      } catch (error) {
        if (!isPermanentStripeError(error)) throw error;
        const reason = `Stripe refused the transfer: ${(error as Error).message}`;
        await failStatement(client, statement.id, reason);
        return { ...base, state: "failed", reason };
      }
    }
    if (transfer.amount !== statement.totalCents || transfer.destination !== destination || transfer.currency !== statement.currency) {
      // Never record someone else's transfer as this payout; reconciliation lists it.
      throw new Error(`Transfer ${transfer.id} under key ${key} is ${transfer.amount} ${transfer.currency} to ${String(transfer.destination)}, not ${statement.totalCents} ${statement.currency} to ${destination}.`);
    }
    if (transfer.reversed || transfer.amount_reversed > 0) {
      // Reversed before we recorded it (its webhook found no payout yet): it failed after all.
      await client.query(`UPDATE "payouts" SET "stripeTransferId" = $2, "updatedAt" = now() WHERE "statementId" = $1`, [statement.id, transfer.id]);
      await failStatement(client, statement.id, `Transfer ${transfer.id} was reversed.`);
      return { ...base, state: "failed", reason: `Transfer ${transfer.id} was reversed.` };
    }
    // The payout and the statement, paid together in one statement.
    await client.query(
      `WITH p AS (
        UPDATE "payouts" SET "status" = 'paid', "stripeTransferId" = $2, "lastError" = NULL, "updatedAt" = now()
        WHERE "statementId" = $1 RETURNING 1
      )
      UPDATE "org_monthly_statements" SET "status" = 'paid', "paidAt" = now(), "updatedAt" = now()
      WHERE "id" = $1 AND EXISTS (SELECT 1 FROM p)`,
      [statement.id, transfer.id],
    );
    return { ...base, state: "paid", transferId: transfer.id };
  });
}

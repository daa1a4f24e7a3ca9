// Finalizes a month's statements in one transaction: recomputes them one last time (pending
// adjustments and carried-forward amounts included), then freezes them. Each statement becomes
//   finalized        its total is at least MIN_PAYOUT_CENTS and the org can receive payouts: the
//                    payout run pays it;
//   carried_forward  negative, under the minimum, or payouts not enabled: its amount appears on the
//                    next statement as a carried_forward line naming it.
// Pools get finalizedAt. From then on the database refuses any change (migration
// 20261201180400_statement_immutability). Running it again for a finalized month changes nothing
// and answers the same summary, so the payout run's finalize step can be retried freely.
//
// An earlier month still in draft (its payout run never happened) is finalized first, all of it
// carried forward, so no money is left behind in an old draft.
import { env } from "~/env";
import { monthDay, monthKey } from "~/lib/month";
import type { Db, Prisma } from "~/server/db";
import { AppError } from "~/server/errors";
import { inLockedTransaction } from "~/server/services/lock";
import { computeDraftStatements, isMonthFinalized } from "./compute-statements";
import { STATEMENTS_LOCK, STATEMENTS_LOCK_WAIT_MS } from "./statements-lock";

type Tx = Prisma.TransactionClient;

export type MonthSummary = {
  month: string;
  statements: number;
  finalized: number;
  paid: number;
  carriedForward: number;
  failed: number;
  // Statements to pay (status finalized), in org id order.
  toPay: Array<{ statementId: string; orgId: string; totalCents: number }>;
};

async function finalizeOne(tx: Tx, month: Date, payable: boolean, minPayoutCents: number) {
  const computed = await computeDraftStatements(tx, month, { includePending: true });
  if (computed.refusedRevenue.length > 0) {
    const list = computed.refusedRevenue.map((r) => `${r.amountCents} ${r.currency} on pack ${r.packId}`).join("; ");
    throw new AppError("conflict", `${monthKey(month)} has revenue outside the statement currency (${list}): statements are in one currency; it cannot be finalized until that revenue is dealt with.`);
  }
  const d = monthDay(month);
  await tx.$executeRaw`
    UPDATE "org_monthly_statements" s
    SET "status" = (CASE WHEN ${payable}::boolean AND s."totalCents" >= ${minPayoutCents}::integer AND x."payoutsEnabled"
                         THEN 'finalized' ELSE 'carried_forward' END)::"StatementStatus",
        "finalizedAt" = now(), "updatedAt" = now()
    FROM (
      SELECT s2."id", COALESCE(b."connectPayoutsEnabled" AND b."stripeConnectId" IS NOT NULL, false) AS "payoutsEnabled"
      FROM "org_monthly_statements" s2 LEFT JOIN "org_billing_profiles" b ON b."orgId" = s2."orgId"
      WHERE s2."month" = ${d}::date AND s2."status" = 'draft'
    ) x
    WHERE x."id" = s."id"`;
  await tx.$executeRaw`UPDATE "pack_monthly_pools" SET "finalizedAt" = now() WHERE "month" = ${d}::date AND "finalizedAt" IS NULL`;
}

export async function summarizeMonth(db: Db | Tx, month: Date): Promise<MonthSummary> {
  const d = monthDay(month);
  const rows = await db.$queryRaw<Array<{ id: string; orgId: string; status: string; totalCents: number }>>`
    SELECT "id", "orgId", "status"::text AS "status", "totalCents" FROM "org_monthly_statements"
    WHERE "month" = ${d}::date ORDER BY "orgId" COLLATE "C"`;
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  return {
    month: monthKey(month),
    statements: rows.length,
    finalized: count("finalized"),
    paid: count("paid"),
    carriedForward: count("carried_forward"),
    failed: count("failed"),
    toPay: rows.filter((r) => r.status === "finalized").map((r) => ({ statementId: r.id, orgId: r.orgId, totalCents: r.totalCents })),
  };
}

export async function finalizeStatements(db: Db, month: Date): Promise<MonthSummary> {
  const minPayoutCents = env().MIN_PAYOUT_CENTS;
  return inLockedTransaction(
    db,
    STATEMENTS_LOCK,
    async (tx) => {
      const backlog = await tx.$queryRaw<Array<{ month: Date }>>`
        SELECT DISTINCT "month" FROM "org_monthly_statements"
        WHERE "status" = 'draft' AND "month" < ${monthDay(month)}::date ORDER BY "month"`;
      for (const { month: old } of backlog) {
        if (!(await isMonthFinalized(tx, old))) await finalizeOne(tx, old, false, minPayoutCents);
      }
      if (!(await isMonthFinalized(tx, month))) await finalizeOne(tx, month, true, minPayoutCents);
      return summarizeMonth(tx, month);
    },
    { timeoutMs: STATEMENTS_LOCK_WAIT_MS },
  );
}

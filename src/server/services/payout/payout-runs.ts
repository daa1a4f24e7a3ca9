// The payout_runs rows the admin page shows: one per run of the payout workflow, with the step
// errors kept (even after a retry succeeded) and the totals of its month.
import { monthDay } from "~/lib/month";
import type { Db, Prisma } from "~/server/db";

export type RunError = { orgId: string | null; step: string; message: string; at: string };

export async function startPayoutRun(db: Db, input: { month: Date; trigger: "cron" | "manual"; triggeredById?: string | null }) {
  const run = await db.payoutRun.create({
    data: { month: input.month, trigger: input.trigger, triggeredById: input.triggeredById ?? null },
    select: { id: true },
  });
  return run.id;
}

// Appended in one statement, so concurrent steps never lose each other's errors.
export async function recordRunError(db: Db, runId: string, error: Omit<RunError, "at">) {
  const entry = JSON.stringify([{ ...error, message: error.message.slice(0, 1000), at: new Date().toISOString() }]);
  await db.$executeRaw`UPDATE "payout_runs" SET "errors" = "errors" || ${entry}::jsonb WHERE "id" = ${runId}`;
}

export type MonthProgress = { orgsTotal: number; orgsPaid: number; orgsCarriedForward: number; orgsFailed: number; orgsPending: number; paidCents: bigint };

// Counted from the month's statements, so progress is right whatever step ran twice.
export async function monthProgress(db: Db | Prisma.TransactionClient, month: Date): Promise<MonthProgress> {
  const [row] = await db.$queryRaw<Array<{ total: bigint; paid: bigint; cf: bigint; failed: bigint; pending: bigint; paidCents: bigint | null }>>`
    SELECT COUNT(*) AS "total",
           COUNT(*) FILTER (WHERE s."status" = 'paid') AS "paid",
           COUNT(*) FILTER (WHERE s."status" = 'carried_forward') AS "cf",
           COUNT(*) FILTER (WHERE s."status" = 'failed') AS "failed",
           COUNT(*) FILTER (WHERE s."status" IN ('finalized', 'draft')) AS "pending",
           SUM(s."totalCents") FILTER (WHERE s."status" = 'paid') AS "paidCents"
    FROM "org_monthly_statements" s WHERE s."month" = ${monthDay(month)}::date`;
  return {
    orgsTotal: Number(row?.total ?? 0),
    orgsPaid: Number(row?.paid ?? 0),
    orgsCarriedForward: Number(row?.cf ?? 0),
    orgsFailed: Number(row?.failed ?? 0),
    orgsPending: Number(row?.pending ?? 0),
    paidCents: row?.paidCents ?? 0n,
  };
}

const RUN_SELECT = { id: true, month: true, status: true, orgsTotal: true, orgsPaid: true, orgsCarriedForward: true, orgsFailed: true, paidCents: true } as const;

// Ends a run with its month's totals. A run marked failed (an org's payout ran out of retries)
// stays failed: a later org's report does not turn it into a success.
export async function finishPayoutRun(db: Db, runId: string, outcome: { status: "succeeded" | "failed"; error?: string }) {
  const run = await db.payoutRun.findUniqueOrThrow({ where: { id: runId }, select: { month: true } });
  const p = await monthProgress(db, run.month);
  if (outcome.error) await recordRunError(db, runId, { orgId: null, step: "run", message: outcome.error });
  await db.payoutRun.updateMany({
    where: { id: runId, ...(outcome.status === "succeeded" && { status: "running" }) },
    data: {
      status: outcome.status,
      orgsTotal: p.orgsTotal,
      orgsPaid: p.orgsPaid,
      orgsCarriedForward: p.orgsCarriedForward,
      orgsFailed: p.orgsFailed,
      paidCents: p.paidCents,
      finishedAt: new Date(),
    },
  });
  return db.payoutRun.findUniqueOrThrow({ where: { id: runId }, select: RUN_SELECT });
}

// The report of a run whose orgs are paid by their own workflow runs: the org run that settles the
// month's last statement to pay finishes it. Each org run asks after its own payment committed, so
// the last of them sees all the others; two that finish together write the same totals.
export async function finishPayoutRunIfSettled(db: Db, runId: string) {
  const run = await db.payoutRun.findUniqueOrThrow({ where: { id: runId }, select: { month: true, status: true } });
  if (run.status !== "running") return null;
  if ((await monthProgress(db, run.month)).orgsPending > 0) return null;
  return finishPayoutRun(db, runId, { status: "succeeded" });
}

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

export async function finishPayoutRun(db: Db, runId: string, outcome: { status: "succeeded" | "failed"; error?: string }) {
  const run = await db.payoutRun.findUniqueOrThrow({ where: { id: runId }, select: { month: true } });
  const p = await monthProgress(db, run.month);
  if (outcome.error) await recordRunError(db, runId, { orgId: null, step: "run", message: outcome.error });
  return db.payoutRun.update({
    where: { id: runId },
    data: {
      status: outcome.status,
      orgsTotal: p.orgsTotal,
      orgsPaid: p.orgsPaid,
      orgsCarriedForward: p.orgsCarriedForward,
      orgsFailed: p.orgsFailed,
      paidCents: p.paidCents,
      finishedAt: new Date(),
    },
    select: { id: true, month: true, status: true, orgsTotal: true, orgsPaid: true, orgsCarriedForward: true, orgsFailed: true, paidCents: true },
  });
}

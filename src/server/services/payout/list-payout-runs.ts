// The admin page's view of payout runs: the newest first, each with its progress counted live
// from its month's statements (so a running run moves as its steps finish) and its step errors.
import { addMonths, monthKey, monthStart } from "~/lib/month";
import type { Db } from "~/server/db";
import { monthProgress, type RunError } from "./payout-runs";

export async function listPayoutRuns(db: Db, input: { now?: Date } = {}) {
  const runs = await db.payoutRun.findMany({
    orderBy: { startedAt: "desc" },
    take: 20,
    select: { id: true, month: true, trigger: true, triggeredById: true, status: true, startedAt: true, finishedAt: true, errors: true },
  });
  const progressByMonth = new Map<string, Awaited<ReturnType<typeof monthProgress>>>();
  for (const run of runs) {
    const key = monthKey(run.month);
    if (!progressByMonth.has(key)) progressByMonth.set(key, await monthProgress(db, run.month));
  }
  const users = await db.user.findMany({ where: { id: { in: runs.map((r) => r.triggeredById).filter((x): x is string => Boolean(x)) } }, select: { id: true, email: true } });
  return {
    lastMonth: monthKey(addMonths(monthStart(input.now ?? new Date()), -1)),
    runs: runs.map((run) => {
      const p = progressByMonth.get(monthKey(run.month))!;
      return {
        id: run.id,
        month: monthKey(run.month),
        trigger: run.trigger,
        triggeredBy: users.find((u) => u.id === run.triggeredById)?.email ?? null,
        status: run.status,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        orgsTotal: p.orgsTotal,
        orgsPaid: p.orgsPaid,
        orgsCarriedForward: p.orgsCarriedForward,
        orgsFailed: p.orgsFailed,
        orgsPending: p.orgsPending,
        paidCents: Number(p.paidCents),
        errors: run.errors as RunError[],
      };
    }),
  };
}

// The usage API: for each of the org's subscriptions that can read rows now, the current period's
// rows used against quota, its alerts and its rows per day. Naming a pack the org has no
// subscription to (or that does not exist) is not_found.
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { isLive } from "../subscription/subscription-status";
import { findCurrentCounter } from "./current-counter";
import { dailyUsage } from "./usage-series";
import type { Usage, UsageInput } from "./usage-schemas";

export function percentUsed(rowsUsed: number, rowQuota: number): number {
  return rowQuota > 0 ? Math.floor((rowsUsed * 100) / rowQuota) : 100;
}

export async function getUsage(db: Db, input: UsageInput & { orgId: string; now?: Date }): Promise<Usage> {
  const now = input.now ?? new Date();
  const subs = await db.buyerSubscription.findMany({
    where: {
      buyerOrgId: input.orgId,
      ...(input.pack && { pack: { OR: [{ slug: input.pack }, { id: input.pack }] } }),
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      status: true,
      currentPeriodStart: true,
      isDuplicate: true,
      pack: { select: { id: true, slug: true, title: true } },
    },
  });
  if (input.pack && subs.length === 0) throw new AppError("not_found", `You have no subscription to the pack "${input.pack}".`);
  const current = [];
  for (const sub of subs.filter((s) => isLive(s.status))) {
    const counter = await findCurrentCounter(db, { subscription: sub, now });
    if (counter) current.push({ sub, counter });
  }
  const ids = current.map((c) => c.counter.id);
  const [alerts, daily] = await Promise.all([
    db.usageAlert.findMany({ where: { counterId: { in: ids } }, orderBy: { thresholdPct: "asc" }, select: { counterId: true, thresholdPct: true, createdAt: true } }),
    dailyUsage(db, current.map((c) => c.counter), now),
  ]);
  return {
    packs: current.map(({ sub, counter }) => ({
      subscriptionId: sub.id,
      pack: sub.pack,
      status: sub.status,
      period: { start: counter.periodStart, end: counter.periodEnd },
      rowsUsed: counter.rowsUsed,
      rowQuota: counter.rowQuota,
      remaining: Math.max(0, counter.rowQuota - counter.rowsUsed),
      percent: percentUsed(counter.rowsUsed, counter.rowQuota),
      alerts: alerts.filter((a) => a.counterId === counter.id).map((a) => ({ thresholdPct: a.thresholdPct, raisedAt: a.createdAt })),
      daily: daily.get(counter.id) ?? [],
    })),
  };
}

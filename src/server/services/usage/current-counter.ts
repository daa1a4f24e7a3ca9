// Which usage counter a subscription's reads count against right now. The one whose period
// contains now; a past_due subscription within its grace keeps using its last period's counter (a
// failed renewal is no free reset); anything else (canceled, incomplete, a duplicate, grace over)
// reads nothing.
import type { Db, Prisma } from "~/server/db";
import { hasAccess, type AccessInput } from "../subscription/subscription-status";

export type CurrentCounter = { id: string; rowsUsed: number; rowQuota: number; periodStart: Date; periodEnd: Date };

// The rule, on the subscription's latest counter that has started (periods never overlap): callers
// that already hold both (the data API reads them in one query) decide without a round trip.
export function pickCurrentCounter(subscription: AccessInput, latest: CurrentCounter | null, now: Date): CurrentCounter | null {
  if (!latest || !hasAccess(subscription, now)) return null;
  if (subscription.status === "past_due") return latest;
  return latest.periodEnd > now ? latest : null;
}

export async function findCurrentCounter(
  db: Db | Prisma.TransactionClient,
  input: { subscription: AccessInput & { id: string }; now?: Date },
): Promise<CurrentCounter | null> {
  const now = input.now ?? new Date();
  if (!hasAccess(input.subscription, now)) return null;
  const latest = await db.buyerUsageCounter.findFirst({
    where: { subscriptionId: input.subscription.id, periodStart: { lte: now } },
    orderBy: { periodStart: "desc" },
    select: { id: true, rowsUsed: true, rowQuota: true, periodStart: true, periodEnd: true },
  });
  return pickCurrentCounter(input.subscription, latest, now);
}

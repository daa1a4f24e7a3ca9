// A tier change's effect on the billing period under way. An upgrade (a tier that costs more than
// the one the period was bought at) applies at once: the period takes the new tier and its quota
// rises (never falls: rows already read stay counted). A downgrade changes nothing here: the period
// keeps what was paid for, and the next period opens with the new tier's quota
// (start-usage-period.ts). Callers hold the subscription's lock (sync-subscription.ts).
import type { Prisma } from "~/server/db";
import { isUpgrade } from "../subscription/tier-change";

export async function applyTierToPeriod(
  tx: Prisma.TransactionClient,
  input: { subscriptionId: string; periodStart: Date; tierId: string },
): Promise<void> {
  const counter = await tx.buyerUsageCounter.findUnique({
    where: { subscriptionId_periodStart: { subscriptionId: input.subscriptionId, periodStart: input.periodStart } },
    select: { id: true, tierId: true, rowQuota: true, tier: { select: { priceCents: true } } },
  });
  if (!counter || counter.tierId === input.tierId) return;
  const tier = await tx.packTier.findUniqueOrThrow({ where: { id: input.tierId }, select: { priceCents: true, rowQuota: true } });
  const upgrade = counter.tier ? isUpgrade(counter.tier, tier) : tier.rowQuota > counter.rowQuota;
  if (!upgrade) return;
  await tx.buyerUsageCounter.update({
    where: { id: counter.id },
    data: { tierId: input.tierId, rowQuota: Math.max(counter.rowQuota, tier.rowQuota) },
  });
}

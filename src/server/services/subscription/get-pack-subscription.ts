// The active org's live subscription to one pack, as the pack page and the change-tier dialog show
// it: the tier billed, the tier the period under way was bought at, and a downgrade waiting for the
// period's end. Null when the org has no live subscription to the pack.
import type { Db, Prisma } from "~/server/db";
import { sortTiers } from "../pack/pack-select";
import { hasAccess } from "./subscription-status";
import type { PackSubscription } from "./subscription-schemas";
import { scheduledChange } from "./tier-change";

const tierSelect = { id: true, tier: true, priceCents: true, currency: true, rowQuota: true } satisfies Prisma.PackTierSelect;

export const liveSubscriptionSelect = {
  id: true,
  stripeSubscriptionId: true,
  status: true,
  currentPeriodStart: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
  isDuplicate: true,
  tier: { select: tierSelect },
  pack: { select: { id: true, slug: true, title: true, tiers: { select: tierSelect } } },
  usageCounters: {
    orderBy: { periodStart: "desc" },
    take: 1,
    select: { periodStart: true, periodEnd: true, rowsUsed: true, rowQuota: true, tier: { select: tierSelect } },
  },
} satisfies Prisma.BuyerSubscriptionSelect;

export type LiveSubscriptionRow = Prisma.BuyerSubscriptionGetPayload<{ select: typeof liveSubscriptionSelect }>;

export function findLiveSubscription(db: Db | Prisma.TransactionClient, input: { orgId: string; packId: string }) {
  return db.buyerSubscription.findFirst({
    where: { buyerOrgId: input.orgId, packId: input.packId, liveSlot: true },
    select: liveSubscriptionSelect,
  });
}

export function toPackSubscription(row: LiveSubscriptionRow, now = new Date()): PackSubscription {
  const counter = row.usageCounters[0];
  // The latest counter is this period's only while the period it covers is the subscription's.
  const current = counter && row.currentPeriodStart && counter.periodStart.getTime() === row.currentPeriodStart.getTime() ? counter : null;
  const periodTier = current?.tier ?? row.tier;
  return {
    subscriptionId: row.id,
    pack: { id: row.pack.id, slug: row.pack.slug, title: row.pack.title },
    status: row.status,
    hasAccess: hasAccess(row, now),
    tier: periodTier,
    billedTier: row.tier,
    scheduledChange: row.cancelAtPeriodEnd
      ? null
      : scheduledChange({ billed: row.tier, period: current?.tier ?? null, periodEnd: row.currentPeriodEnd }),
    currentPeriodEnd: row.currentPeriodEnd,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    usage: current ? { rowsUsed: current.rowsUsed, rowQuota: current.rowQuota } : null,
    tiers: sortTiers(row.pack.tiers),
  };
}

export async function getPackSubscription(db: Db, input: { orgId: string; packId: string; now?: Date }): Promise<PackSubscription | null> {
  const row = await findLiveSubscription(db, input);
  return row ? toPackSubscription(row, input.now) : null;
}

// The packs the org holds a live subscription to: the catalogue marks them "Subscribed" without
// making the (cached, public) catalogue differ per org.
export async function listSubscribedPackIds(db: Db, input: { orgId: string }): Promise<string[]> {
  const rows = await db.buyerSubscription.findMany({
    where: { buyerOrgId: input.orgId, liveSlot: true },
    select: { packId: true },
  });
  return rows.map((r) => r.packId);
}

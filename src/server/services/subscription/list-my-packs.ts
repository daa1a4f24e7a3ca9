// My Packs: the org's subscriptions with this period's usage against quota.
import type { Db } from "~/server/db";
import { graceEndsAt, hasAccess, STATUS_ORDER } from "./subscription-status";
import type { MyPack } from "./subscription-schemas";


export async function listMyPacks(db: Db, input: { orgId: string; now?: Date }) {
  const rows = await db.buyerSubscription.findMany({
    where: { buyerOrgId: input.orgId, status: { notIn: ["incomplete", "incomplete_expired"] } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      status: true,
      currentPeriodStart: true,
      currentPeriodEnd: true,
      cancelAtPeriodEnd: true,
      isDuplicate: true,
      pack: { select: { id: true, slug: true, title: true, category: true } },
      tier: { select: { tier: true, priceCents: true, currency: true, rowQuota: true } },
      usageCounters: {
        orderBy: { periodStart: "desc" },
        take: 1,
        select: { rowsUsed: true, rowQuota: true, periodStart: true, alerts: { orderBy: { thresholdPct: "asc" }, select: { thresholdPct: true } } },
      },
    },
  });
  const packs: MyPack[] = rows
    .map((row) => {
      const counter = row.usageCounters[0];
      return {
        subscriptionId: row.id,
        pack: row.pack,
        tier: { tier: row.tier.tier, priceCents: row.tier.priceCents, currency: row.tier.currency },
        status: row.status,
        hasAccess: hasAccess(row, input.now),
        isDuplicate: row.isDuplicate,
        graceEndsAt: graceEndsAt(row),
        currentPeriodEnd: row.currentPeriodEnd,
        cancelAtPeriodEnd: row.cancelAtPeriodEnd,
        usage: {
          rowsUsed: counter?.rowsUsed ?? 0,
          rowQuota: counter?.rowQuota ?? row.tier.rowQuota,
          periodStart: counter?.periodStart ?? null,
          alerts: counter?.alerts.map((a) => a.thresholdPct) ?? [],
        },
      };
    })
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const live = packs.filter((p) => p.hasAccess);
  return {
    packs,
    totals: {
      rowsUsed: live.reduce((sum, p) => sum + p.usage.rowsUsed, 0),
      rowQuota: live.reduce((sum, p) => sum + p.usage.rowQuota, 0),
    },
  };
}

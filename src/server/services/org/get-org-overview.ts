// The org's account at a glance, for the app's home: what it buys (subscriptions with this
// period's usage, from the My Packs service), its API keys, and what it sells (this month's
// contributed sessions and the next payout), each with its own empty state.
import { getSqlPool } from "~/server/sql-pool";
import type { Db } from "~/server/db";
import { monthStart } from "~/lib/month";
import { listMyPacks } from "../subscription/list-my-packs";
import type { OrgOverview } from "./org-schemas";

const PAYOUT_DAY = 5;

// Statements are paid out on the 5th (UTC) of the month after theirs.
export function payoutDate(statementMonth: Date): Date {
  return new Date(Date.UTC(statementMonth.getUTCFullYear(), statementMonth.getUTCMonth() + 1, PAYOUT_DAY));
}

async function selling(db: Db, orgId: string, now: Date): Promise<OrgOverview["selling"]> {
  const products = await db.product.count({ where: { orgId } });
  if (products === 0) return null;
  const month = monthStart(now);
  const [byPack, statement] = await Promise.all([
    db.contribution.groupBy({ by: ["packId"], where: { orgId, month }, _sum: { sessions: true } }),
    // The oldest statement not settled yet is the one the next payout run pays (or carries).
    db.orgMonthlyStatement.findFirst({
      where: { orgId, status: { in: ["draft", "finalized"] } },
      orderBy: { month: "asc" },
      select: { month: true, totalCents: true, currency: true, status: true },
    }),
  ]);
  const packs = byPack.length
    ? await db.pack.findMany({ where: { id: { in: byPack.map((c) => c.packId) } }, select: { id: true, slug: true, title: true } })
    : [];
  const titles = new Map(packs.map((p) => [p.id, p]));
  const contributions = byPack
    .map((c) => ({ pack: titles.get(c.packId)!, sessions: c._sum.sessions ?? 0 }))
    .filter((c) => c.pack)
    .sort((a, b) => b.sessions - a.sessions);
  return {
    products,
    month,
    sessionsThisMonth: contributions.reduce((sum, c) => sum + c.sessions, 0),
    contributions,
    nextPayout: statement
      ? { month: statement.month, amountCents: statement.totalCents, currency: statement.currency, status: statement.status, payoutOn: payoutDate(statement.month) }
      : null,
  };
}

export async function getOrgOverview(db: Db, input: { orgId: string; now?: Date }): Promise<OrgOverview> {
  const now = input.now ?? new Date();
  const [myPacks, keys, sell] = await Promise.all([
    listMyPacks(getSqlPool(), { orgId: input.orgId, now }),
    db.apiKey.aggregate({ where: { orgId: input.orgId, revokedAt: null, scope: "read" }, _count: { _all: true }, _max: { lastUsedAt: true } }),
    selling(db, input.orgId, now),
  ]);
  const live = myPacks.packs.filter((p) => p.hasAccess && !p.isDuplicate);
  return {
    buying: {
      subscriptions: live.map((p) => ({
        subscriptionId: p.subscriptionId,
        pack: { slug: p.pack.slug, title: p.pack.title },
        tier: p.tier.tier,
        status: p.status,
        currentPeriodEnd: p.currentPeriodEnd,
        rowsUsed: p.usage.rowsUsed,
        rowQuota: p.usage.rowQuota,
      })),
      needsAttention: myPacks.packs.filter((p) => p.status === "past_due" || p.status === "unpaid").length,
    },
    apiKeys: { active: keys._count._all, lastUsedAt: keys._max.lastUsedAt },
    selling: sell,
  };
}

// A seller's contributions in a month, read from the contributions table (the rollup keeps it
// current): its sessions per pack and product, its share of each pack's sessions, an estimate of its
// revenue share from the pack's revenue of the month so far, and each pack's aggregate figures
// (live subscribers, rows read by buyers that month). The estimate splits the pool between every
// contributing org with the largest-remainder method, as the month's statement will, but only the
// caller's own line leaves this function.
import { allocateLargestRemainder, revenuePool } from "~/lib/money";
import { addMonths, monthDay, monthStart } from "~/lib/month";
import type { Db } from "~/server/db";
import type { ContributionMonth, Contributions, PackContribution } from "./contribution-schemas";

const HISTORY_MONTHS = 12;

export async function getContributions(db: Db, input: { orgId: string; month?: Date; now?: Date }): Promise<Contributions> {
  const now = input.now ?? new Date();
  const month = monthStart(input.month ?? now);
  const isCurrentMonth = month.getTime() === monthStart(now).getTime();

  const [own, enabledCells, history] = await Promise.all([
    db.contribution.findMany({
      where: { orgId: input.orgId, month, sessions: { gt: 0 } },
      select: { packId: true, sessions: true, product: { select: { id: true, name: true } } },
    }),
    // This month, a pack the org feeds shows even before its first session is rolled up.
    isCurrentMonth
      ? db.packOrgMembership.findMany({ where: { orgId: input.orgId, enabled: true }, select: { packId: true } })
      : Promise.resolve([]),
    monthlyHistory(db, input.orgId, monthStart(now)),
  ]);
  const packIds = [...new Set([...own.map((c) => c.packId), ...enabledCells.map((c) => c.packId)])];
  const packs = await packFigures(db, packIds, month);

  const lines: PackContribution[] = packs.map((pack) => {
    const mine = own.filter((c) => c.packId === pack.id);
    const sessions = mine.reduce((sum, c) => sum + c.sessions, 0);
    const weights = [...pack.sessionsByOrg.entries()].map(([key, weight]) => ({ key, weight }));
    if (!pack.sessionsByOrg.has(input.orgId)) weights.push({ key: input.orgId, weight: sessions });
    const poolCents = revenuePool(pack.grossCents, pack.revenueShareBps);
    const estimateCents = allocateLargestRemainder(poolCents, weights).find((a) => a.key === input.orgId)?.amount ?? 0;
    return {
      pack: { id: pack.id, slug: pack.slug, title: pack.title, revenueShareBps: pack.revenueShareBps },
      sessions,
      products: mine
        .map((c) => ({ id: c.product.id, name: c.product.name, sessions: c.sessions }))
        .sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name)),
      packSessions: pack.packSessions,
      shareBps: pack.packSessions > 0 ? Math.floor((sessions * 10_000) / pack.packSessions) : 0,
      revenue: { grossCents: pack.grossCents, poolCents, estimateCents, currency: pack.currency },
      analytics: { subscribers: pack.subscribers, rowsServed: pack.rowsServed },
    };
  });
  lines.sort((a, b) => b.sessions - a.sessions || a.pack.title.localeCompare(b.pack.title));

  const estimates = new Map<string, number>();
  for (const line of lines) estimates.set(line.revenue.currency, (estimates.get(line.revenue.currency) ?? 0) + line.revenue.estimateCents);
  return {
    month: monthDay(monthStart(month)),
    isCurrentMonth,
    packs: lines,
    totals: {
      sessions: lines.reduce((sum, l) => sum + l.sessions, 0),
      estimates: [...estimates.entries()].map(([currency, amountCents]) => ({ currency, amountCents })),
    },
    history,
  };
}

// Each pack's month: every org's sessions (for the split; never returned), revenue, subscribers and
// rows served.
async function packFigures(db: Db, packIds: string[], month: Date) {
  if (packIds.length === 0) return [];
  const next = addMonths(month, 1);
  const [packs, sessions, revenue, subscribers, served] = await Promise.all([
    db.pack.findMany({
      where: { id: { in: packIds } },
      select: { id: true, slug: true, title: true, revenueShareBps: true, tiers: { select: { currency: true }, take: 1 } },
    }),
    db.contribution.groupBy({ by: ["packId", "orgId"], where: { packId: { in: packIds }, month }, _sum: { sessions: true } }),
    db.revenue.groupBy({ by: ["packId", "currency"], where: { packId: { in: packIds }, month }, _sum: { amountCents: true } }),
    db.buyerSubscription.groupBy({ by: ["packId"], where: { packId: { in: packIds }, liveSlot: true }, _count: { _all: true } }),
    db.$queryRaw<{ packId: string; rows: bigint }[]>`
      SELECT s."packId", SUM(d."rows")::bigint AS "rows"
      FROM "usage_debits" d
      JOIN "buyer_usage_counters" c ON c."id" = d."counterId"
      JOIN "buyer_subscriptions" s ON s."id" = c."subscriptionId"
      WHERE s."packId" = ANY(${packIds}::text[]) AND d."createdAt" >= ${month} AND d."createdAt" < ${next}
      GROUP BY s."packId"`,
  ]);
  return packs.map((pack) => {
    const currency = pack.tiers[0]?.currency ?? "usd";
    const sessionsByOrg = new Map<string, number>();
    for (const row of sessions.filter((s) => s.packId === pack.id)) sessionsByOrg.set(row.orgId, row._sum.sessions ?? 0);
    return {
      id: pack.id,
      slug: pack.slug,
      title: pack.title,
      revenueShareBps: pack.revenueShareBps,
      currency,
      sessionsByOrg,
      packSessions: [...sessionsByOrg.values()].reduce((sum, n) => sum + n, 0),
      grossCents: revenue.filter((r) => r.packId === pack.id && r.currency === currency).reduce((sum, r) => sum + (r._sum.amountCents ?? 0), 0),
      subscribers: subscribers.find((s) => s.packId === pack.id)?._count._all ?? 0,
      rowsServed: Number(served.find((s) => s.packId === pack.id)?.rows ?? 0n),
    };
  });
}

// The org's sessions per pack in each of the last HISTORY_MONTHS months up to this one.
async function monthlyHistory(db: Db, orgId: string, thisMonth: Date): Promise<ContributionMonth[]> {
  const from = addMonths(thisMonth, -(HISTORY_MONTHS - 1));
  const rows = await db.contribution.groupBy({
    by: ["month", "packId"],
    where: { orgId, month: { gte: from, lte: thisMonth }, sessions: { gt: 0 } },
    _sum: { sessions: true },
  });
  const titles = new Map(
    (await db.pack.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.packId))] } }, select: { id: true, title: true } })).map((p) => [p.id, p.title]),
  );
  const months: ContributionMonth[] = [];
  for (let m = from; m <= thisMonth; m = addMonths(m, 1)) {
    const packs = rows
      .filter((r) => r.month.getTime() === m.getTime())
      .map((r) => ({ packId: r.packId, title: titles.get(r.packId) ?? r.packId, sessions: r._sum.sessions ?? 0 }))
      .sort((a, b) => a.title.localeCompare(b.title));
    months.push({ month: monthDay(monthStart(m)), sessions: packs.reduce((sum, p) => sum + p.sessions, 0), packs });
  }
  // Months before the org's first contribution are left out.
  const first = months.findIndex((m) => m.sessions > 0);
  return first === -1 ? [] : months.slice(first);
}

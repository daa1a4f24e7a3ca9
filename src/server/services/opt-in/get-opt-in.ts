// The org's opt-in state: the global switch, its products × the active packs, each cell's state
// with when it last changed, and for cells that are off an earnings estimate.
import type { Db } from "~/server/db";
import { listProducts } from "../product/list-products";
import { earningsEstimator } from "./estimate-earnings";
import type { OptInState } from "./opt-in-schemas";

export async function getOptIn(db: Db, input: { orgId: string; now?: Date }): Promise<OptInState> {
  const now = input.now ?? new Date();
  const [settings, openSwitch, { products }, packs, memberships] = await Promise.all([
    db.orgSettings.findUnique({ where: { orgId: input.orgId }, select: { marketplaceOptIn: true } }),
    db.marketplaceOptInPeriod.findFirst({ where: { orgId: input.orgId, endedAt: null }, orderBy: { startedAt: "desc" }, select: { startedAt: true } }),
    listProducts(db, { orgId: input.orgId }),
    db.pack.findMany({
      where: { status: "active" },
      orderBy: [{ title: "asc" }, { id: "asc" }],
      select: { id: true, slug: true, title: true, category: true, revenueShareBps: true, tiers: { select: { currency: true }, take: 1 } },
    }),
    db.packOrgMembership.findMany({
      where: { orgId: input.orgId },
      select: { productId: true, packId: true, enabled: true, periods: { orderBy: { startedAt: "desc" }, take: 1, select: { startedAt: true, endedAt: true } } },
    }),
  ]);
  const estimate = await earningsEstimator(db, {
    orgId: input.orgId,
    packs: packs.map((p) => ({ id: p.id, revenueShareBps: p.revenueShareBps, currency: p.tiers[0]?.currency ?? "usd" })),
    productIds: products.map((p) => p.id),
    now,
  });
  const byCell = new Map(memberships.map((m) => [`${m.productId}/${m.packId}`, m]));
  const marketplaceOptIn = settings?.marketplaceOptIn ?? false;
  return {
    marketplaceOptIn,
    marketplaceOptInSince: marketplaceOptIn ? (openSwitch?.startedAt ?? null) : null,
    products: products.map(({ id, name, description }) => ({ id, name, description })),
    packs: packs.map(({ tiers: _tiers, ...pack }) => pack),
    cells: products.flatMap((product) =>
      packs.map((pack) => {
        const cell = byCell.get(`${product.id}/${pack.id}`);
        const last = cell?.periods[0];
        const enabled = cell?.enabled ?? false;
        return {
          productId: product.id,
          packId: pack.id,
          enabled,
          enabledSince: enabled ? (last?.startedAt ?? null) : null,
          changedAt: last ? (last.endedAt ?? last.startedAt) : null,
          estimate: enabled ? null : estimate(product.id, pack.id),
        };
      }),
    ),
  };
}

// What a product would earn from a pack it does not contribute to yet, from the recent past: its
// sessions over the last 30 days (in that pack if it contributed to it before, else in any pack)
// against the pack's revenue and every other contributor's sessions over the same 30 days. Trailing
// 30 days rather than the calendar month, so the estimate does not drop to nothing on the 1st.
// estimate = the product's part of revenuePool(gross, bps) split between its sessions and the rest.
import { allocateLargestRemainder, revenuePool } from "~/lib/money";
import type { Db } from "~/server/db";
import type { EarningsEstimate } from "./opt-in-schemas";

export const ESTIMATE_WINDOW_DAYS = 30;

export type EstimatePack = { id: string; revenueShareBps: number; currency: string };

export type EarningsEstimator = (productId: string, packId: string) => EarningsEstimate;

export async function earningsEstimator(db: Db, input: { orgId: string; packs: EstimatePack[]; productIds: string[]; now: Date }): Promise<EarningsEstimator> {
  const since = new Date(input.now.getTime() - ESTIMATE_WINDOW_DAYS * 86_400_000);
  const packIds = input.packs.map((p) => p.id);
  const window = { gte: since, lt: input.now };
  const [revenue, packRows, productRows] = await Promise.all([
    db.revenue.groupBy({ by: ["packId", "currency"], where: { packId: { in: packIds }, occurredAt: window }, _sum: { amountCents: true } }),
    db.packRow.groupBy({ by: ["packId"], where: { packId: { in: packIds }, sessionAt: window }, _count: { _all: true } }),
    db.packRow.groupBy({
      by: ["productId", "packId"],
      where: { packId: { in: packIds }, contributorOrgId: input.orgId, productId: { in: input.productIds }, sessionAt: window },
      _count: { _all: true },
    }),
  ]);
  const packSessions = new Map(packRows.map((r) => [r.packId, r._count._all]));
  const inPack = new Map(productRows.map((r) => [`${r.productId}/${r.packId}`, r._count._all]));
  const anyPack = new Map<string, number>();
  for (const r of productRows) anyPack.set(r.productId, (anyPack.get(r.productId) ?? 0) + r._count._all);

  return (productId, packId) => {
    const pack = input.packs.find((p) => p.id === packId);
    if (!pack) throw new Error(`estimate: unknown pack ${packId}`);
    const gross = revenue.filter((r) => r.packId === packId && r.currency === pack.currency).reduce((sum, r) => sum + (r._sum.amountCents ?? 0), 0);
    const own = inPack.get(`${productId}/${packId}`) ?? 0;
    const productSessions = own > 0 ? own : (anyPack.get(productId) ?? 0);
    const others = (packSessions.get(packId) ?? 0) - own;
    const poolCents = revenuePool(gross, pack.revenueShareBps);
    const split = allocateLargestRemainder(poolCents, [
      { key: "product", weight: productSessions },
      { key: "others", weight: others },
    ]);
    return {
      amountCents: split.find((s) => s.key === "product")!.amount,
      currency: pack.currency,
      windowDays: ESTIMATE_WINDOW_DAYS,
      productSessions,
      packSessions: others,
      grossCents: gross,
      poolCents,
    };
  };
}

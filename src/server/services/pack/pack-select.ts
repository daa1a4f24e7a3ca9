import type { Prisma } from "~/server/db";
import { ZRowSchema, type PackCard } from "./pack-schemas";

const TIER_ORDER = { standard: 0, pro: 1, enterprise: 2 } as const;

// Opt-ins that really contribute: toggle on, and the org's global marketplace switch on.
export const contributingOptIns = {
  where: { enabled: true, org: { settings: { marketplaceOptIn: true } } },
  select: { orgId: true },
} satisfies Prisma.Pack$optInsArgs;

export const packCardSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  category: true,
  rowSchema: true,
  tiers: { select: { id: true, tier: true, priceCents: true, currency: true, rowQuota: true } },
  optIns: contributingOptIns,
} satisfies Prisma.PackSelect;

type PackCardRow = Prisma.PackGetPayload<{ select: typeof packCardSelect }>;

export function sortTiers<T extends { tier: keyof typeof TIER_ORDER }>(tiers: T[]): T[] {
  return [...tiers].sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier]);
}

export function toPackCard(row: PackCardRow): PackCard {
  const cheapest = [...row.tiers].sort((a, b) => a.priceCents - b.priceCents)[0];
  const columns = ZRowSchema.safeParse(row.rowSchema);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    category: row.category,
    contributorsCount: new Set(row.optIns.map((o) => o.orgId)).size,
    columnsCount: columns.success ? columns.data.length : 0,
    priceFrom: cheapest ? { amountCents: cheapest.priceCents, currency: cheapest.currency } : null,
  };
}

// My Packs: the org's subscriptions with this period's usage against quota.
// One round trip: subscriptions, their pack and tier, the counter each reads against now and its
// alerts, joined in SQL (through Prisma's relation loading this read took five queries), on
// node-postgres (sql-pool.ts): Prisma's cost per query was a good part of the request.
import type pg from "pg";
import type { SubscriptionStatus, Tier } from "~/server/db/generated/enums";
import { pickCurrentCounter } from "../usage/current-counter";
import { graceEndsAt, hasAccess, STATUS_ORDER } from "./subscription-status";
import type { MyPack } from "./subscription-schemas";

type MyPackRow = {
  id: string;
  status: SubscriptionStatus;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  isDuplicate: boolean;
  packId: string;
  packSlug: string;
  packTitle: string;
  packCategory: string;
  tier: Tier;
  priceCents: number;
  currency: string;
  tierRowQuota: number;
  counterId: string | null;
  rowsUsed: number | null;
  rowQuota: number | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  alerts: number[];
};

export async function listMyPacks(sql: pg.Pool, input: { orgId: string; now?: Date }) {
  const now = input.now ?? new Date();
  // The latest counter that has started, as findCurrentCounter reads it; pickCurrentCounter below
  // then applies the same rule as the data API and the usage API (one rule for "this period").
  const { rows } = await sql.query<MyPackRow>(
    `
    SELECT s."id", s."status"::text AS "status", s."currentPeriodStart", s."currentPeriodEnd", s."cancelAtPeriodEnd", s."isDuplicate",
           p."id" AS "packId", p."slug" AS "packSlug", p."title" AS "packTitle", p."category" AS "packCategory",
           t."tier"::text AS "tier", t."priceCents", t."currency", t."rowQuota" AS "tierRowQuota",
           c."id" AS "counterId", c."rowsUsed", c."rowQuota", c."periodStart", c."periodEnd",
           COALESCE((SELECT array_agg(a."thresholdPct" ORDER BY a."thresholdPct") FROM "usage_alerts" a WHERE a."counterId" = c."id"), '{}') AS "alerts"
    FROM "buyer_subscriptions" s
    JOIN "packs" p ON p."id" = s."packId"
    JOIN "pack_tiers" t ON t."id" = s."tierId"
    LEFT JOIN LATERAL (
      SELECT "id", "rowsUsed", "rowQuota", "periodStart", "periodEnd" FROM "buyer_usage_counters"
      WHERE "subscriptionId" = s."id" AND "periodStart" <= $2
      ORDER BY "periodStart" DESC LIMIT 1
    ) c ON true
    WHERE s."buyerOrgId" = $1 AND s."status" NOT IN ('incomplete', 'incomplete_expired')
    ORDER BY s."createdAt" DESC, s."id"`,
    [input.orgId, now],
  );
  const packs: MyPack[] = rows
    .map((row) => {
      const latest =
        row.counterId !== null
          ? { id: row.counterId, rowsUsed: row.rowsUsed!, rowQuota: row.rowQuota!, periodStart: row.periodStart!, periodEnd: row.periodEnd! }
          : null;
      const counter = pickCurrentCounter(row, latest, now);
      return {
        subscriptionId: row.id,
        pack: { id: row.packId, slug: row.packSlug, title: row.packTitle, category: row.packCategory },
        tier: { tier: row.tier, priceCents: row.priceCents, currency: row.currency },
        status: row.status,
        hasAccess: hasAccess(row, now),
        isDuplicate: row.isDuplicate,
        graceEndsAt: graceEndsAt(row),
        currentPeriodEnd: row.currentPeriodEnd,
        cancelAtPeriodEnd: row.cancelAtPeriodEnd,
        // Nothing counts against a subscription without a current period: none used, the tier's quota.
        usage: {
          rowsUsed: counter?.rowsUsed ?? 0,
          rowQuota: counter?.rowQuota ?? row.tierRowQuota,
          periodStart: counter?.periodStart ?? null,
          alerts: counter ? row.alerts : [],
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

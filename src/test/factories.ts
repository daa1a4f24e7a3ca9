// Test data with unique ids, so tests never depend on each other's rows.
import { randomBytes } from "node:crypto";
import { createApiKey } from "~/server/services/api-key/create-api-key";
import type { Session } from "next-auth";
import { invalidateCatalogue } from "~/server/cache/catalogue";
import { getDb } from "~/server/db";
import { createContextInner } from "~/server/context";
import { createCaller } from "~/server/routers/_app";

export const uid = () => randomBytes(5).toString("hex");

// Factories write what the public catalogue shows (packs, tiers, opt-ins, marketplace switches) as
// the app's own code does: then invalidate the cached catalogue.
async function withCatalogueInvalidated<T>(write: Promise<T>): Promise<T> {
  const result = await write;
  await invalidateCatalogue();
  return result;
}

export async function makeUser(overrides: { email?: string; name?: string } = {}) {
  const id = uid();
  return getDb().user.create({ data: { email: overrides.email ?? `user-${id}@test.example`, name: overrides.name ?? `User ${id}` } });
}

export async function makeOrg(overrides: { name?: string; marketplaceOptIn?: boolean } = {}) {
  const id = uid();
  return withCatalogueInvalidated(getDb().org.create({
    data: {
      name: overrides.name ?? `Org ${id}`,
      slug: `org-${id}`,
      settings: { create: { marketplaceOptIn: overrides.marketplaceOptIn ?? false } },
    },
  }));
}

export async function addMember(userId: string, orgId: string, role: "owner" | "admin" | "member" = "owner") {
  return getDb().membership.create({ data: { userId, orgId, role } });
}

export async function makeUserInOrg(role: "owner" | "admin" | "member" = "owner") {
  const user = await makeUser();
  const org = await makeOrg();
  await addMember(user.id, org.id, role);
  return { user, org };
}

type PackOverrides = {
  slug?: string;
  title?: string;
  summary?: string;
  description?: string;
  category?: string;
  status?: "draft" | "active" | "retired";
  prices?: [number, number, number];
  // The privacy threshold k. Tests default to 0 so that a pack serves (and sells) whatever its
  // contributors; tests of the threshold itself ask for more (the schema's default is 3).
  minContributors?: number;
};

export async function makePack(overrides: PackOverrides = {}) {
  const id = uid();
  const [standard, pro, enterprise] = overrides.prices ?? [4900, 19900, 99900];
  return withCatalogueInvalidated(getDb().pack.create({
    data: {
      slug: overrides.slug ?? `pack-${id}`,
      title: overrides.title ?? `Pack ${id}`,
      summary: overrides.summary ?? "Aggregated sessions",
      description: overrides.description ?? "A pack for tests.",
      category: overrides.category ?? "Mobility",
      status: overrides.status ?? "active",
      revenueShareBps: 5000,
      minContributors: overrides.minContributors ?? 0,
      rowSchema: [
        { name: "city", type: "string", description: "City" },
        { name: "trips", type: "integer", description: "Trips that hour" },
      ],
      sampleRows: [{ city: "Oslo", trips: 12 }],
      tiers: {
        create: [
          { tier: "standard", priceCents: standard, currency: "usd", rowQuota: 10_000 },
          { tier: "pro", priceCents: pro, currency: "usd", rowQuota: 100_000 },
          { tier: "enterprise", priceCents: enterprise, currency: "usd", rowQuota: 1_000_000 },
        ],
      },
    },
  }));
}

export async function optIn(orgId: string, packId: string, productName = `Product ${uid()}`) {
  const db = getDb();
  const product = await db.product.create({ data: { orgId, name: productName } });
  return withCatalogueInvalidated(
    db.packOrgMembership.create({
      data: { orgId, productId: product.id, packId, enabled: true, periods: { create: { startedAt: new Date() } } },
    }),
  );
}

export function sessionFor(user: { id: string; email: string }): Session {
  return { user: { id: user.id, email: user.email }, expires: new Date(Date.now() + 3600_000).toISOString() };
}

export function callerFor(session: Session | null, requestedOrgId?: string) {
  return createCaller(createContextInner({ session, db: getDb(), requestedOrgId }));
}

export type Period = { startedAt: Date; endedAt?: Date | null };

const SINCE_LONG_AGO: Period[] = [{ startedAt: new Date("2020-01-01T00:00:00Z") }];

// A seller org with an ingest key and a product opted into each pack, with the history given
// (default: the product's opt-in and the org's global switch on since 2020, never ended). The
// periods are written as the opt-in page records them: pack_opt_in_periods per (product, pack),
// marketplace_opt_in_periods for the switch.
export async function makeSeller(
  packIds: string[],
  options: { optInPeriods?: Period[]; switchPeriods?: Period[]; role?: "owner" | "admin" | "member" } = {},
) {
  const db = getDb();
  const { user, org } = await makeUserInOrg(options.role ?? "owner");
  const product = await db.product.create({ data: { orgId: org.id, name: `Product ${uid()}` } });
  const switchPeriods = options.switchPeriods ?? SINCE_LONG_AGO;
  await db.orgSettings.update({ where: { orgId: org.id }, data: { marketplaceOptIn: switchPeriods.some((p) => !p.endedAt) } });
  await db.marketplaceOptInPeriod.createMany({ data: switchPeriods.map((p) => ({ orgId: org.id, startedAt: p.startedAt, endedAt: p.endedAt ?? null })) });
  const optInPeriods = options.optInPeriods ?? SINCE_LONG_AGO;
  const memberships = [];
  for (const packId of packIds) {
    memberships.push(
      await db.packOrgMembership.create({
        data: {
          orgId: org.id,
          productId: product.id,
          packId,
          enabled: optInPeriods.some((p) => !p.endedAt),
          periods: { create: optInPeriods.map((p) => ({ startedAt: p.startedAt, endedAt: p.endedAt ?? null })) },
        },
      }),
    );
  }
  const key = await createApiKey(db, { orgId: org.id, userId: user.id, label: "ingest", scope: "ingest" });
  return { user, org, product, memberships, ingestKey: key.secret, ingestKeyId: key.id };
}

// Writes the demo data of ./seed-data.ts: `npm run db:seed` (tsx prisma/seed.ts), or `seed(db)` from
// the dev launcher and tests. Idempotent: a database that already has packs is left untouched.
// One transaction of bulk inserts (a handful of round trips), so it stays fast on embedded Postgres.
import { pathToFileURL } from "node:url";
import { invalidateCatalogue } from "../src/server/cache/catalogue";
import { createDb, type Db } from "../src/server/db";
import { buildSeedPlan } from "./seed-data";

/** `summary` is a one-line description of what happened, for logs. */
export type SeedResult = { created: boolean; summary: string };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export async function seed(db: Db): Promise<SeedResult> {
  const started = Date.now();
  if ((await db.pack.count()) > 0) {
    return { created: false, summary: "Seed skipped: the database already has packs, nothing created." };
  }
  const plan = buildSeedPlan();

  try {
    await db.$transaction(
      async (tx) => {
        // Re-checked inside the transaction; a concurrent seed loses on the unique pack slugs below.
        if ((await tx.pack.count()) > 0) throw Object.assign(new Error("already seeded"), { code: "P2002" });

        // Someone may have signed in with a demo address before seeding: reuse that user.
        const existing = await tx.user.findMany({
          where: { email: { in: plan.users.map((u) => u.email) } },
          select: { id: true, email: true },
        });
        const idByEmail = new Map(existing.map((u) => [u.email, u.id]));
        const userIdFor = new Map(plan.users.map((u) => [u.id, idByEmail.get(u.email) ?? u.id]));

        await tx.user.createMany({ data: plan.users.filter((u) => !idByEmail.has(u.email)) });
        await tx.org.createMany({ data: plan.orgs });
        await tx.membership.createMany({
          data: plan.memberships.map((m) => ({ ...m, userId: userIdFor.get(m.userId) ?? m.userId })),
        });
        await tx.orgSettings.createMany({ data: plan.orgSettings });
        await tx.marketplaceOptInPeriod.createMany({ data: plan.marketplacePeriods });
        await tx.product.createMany({ data: plan.products });
        await tx.pack.createMany({ data: plan.packs });
        await tx.packTier.createMany({ data: plan.tiers });
        await tx.packOrgMembership.createMany({ data: plan.optIns });
        await tx.packOptInPeriod.createMany({ data: plan.optInPeriods });
        await tx.packRow.createMany({ data: plan.rows });
        await tx.contribution.createMany({ data: plan.contributions });
      },
      // Embedded (WASM) Postgres is slow; the default 5 s interactive-transaction timeout is too tight.
      { maxWait: 30_000, timeout: 120_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error) && (await db.pack.count()) > 0) {
      return { created: false, summary: "Seed skipped: another seed filled the database first, nothing created." };
    }
    throw error;
  }

  // New packs, tiers and opt-ins: app processes already serving drop their cached catalogue.
  await invalidateCatalogue();
  const active = plan.packs.filter((p) => p.status === "active").length;
  const summary =
    `Seeded demo data: ${plan.orgs.length} orgs, ${plan.users.length} users, ${plan.products.length} products, ` +
    `${plan.packs.length} packs (${active} active), ${plan.rows.length} pack rows, ` +
    `${plan.contributions.length} contributions in ${Date.now() - started} ms.`;
  return { created: true, summary };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const db = createDb(url);
  try {
    console.log((await seed(db)).summary);
  } finally {
    await db.$disconnect();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

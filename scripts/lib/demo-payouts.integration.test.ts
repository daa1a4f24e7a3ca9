import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { getDb } from "~/server/db";
import { reconcileMonth } from "~/server/services/reconciliation/reconcile-month";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { ensureDemoConnectAccounts } from "./demo-connect";
import { ensureDemoPayouts } from "./demo-payouts";
import { ensureDemoSubscription } from "./demo-subscription";

let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
});
afterAll(() => world?.stop());
beforeEach(async () => {
  world.fake.reset();
  await seed(getDb());
});

const NOW = new Date("2026-12-01T15:00:00Z");
const deps = () => ({ db: getDb(), databaseUrl: process.env.DATABASE_URL!, stripe: world.stripe, fake: world.fake, appUrl: "http://localhost:3000", now: NOW });

describe("demo payouts", () => {
  it("gives a fresh dev database last month's finalized, paid statements that reconcile, and a restart changes nothing", async () => {
    await ensureDemoSubscription(deps());
    await ensureDemoConnectAccounts(deps());
    const first = await ensureDemoPayouts(deps());
    expect(first.changed).toBe(true);
    const db = getDb();
    const nov = await db.orgMonthlyStatement.findMany({ where: { month: new Date("2026-11-01T00:00:00Z") }, select: { status: true, totalCents: true, org: { select: { slug: true } } }, orderBy: { org: { slug: "asc" } } });
    // The seller whose Connect account can receive payouts (DEMO_CONNECT) is paid a real amount; the
    // others (onboarding unfinished, not connected) are carried forward.
    expect(nov.length).toBeGreaterThan(2);
    for (const s of nov) expect([s.org.slug, s.status]).toEqual([s.org.slug, s.org.slug === "northwind-mobility" ? "paid" : "carried_forward"]);
    expect(nov.find((s) => s.org.slug === "northwind-mobility")!.totalCents).toBeGreaterThan(1000);
    const report = await reconcileMonth(db, new Date("2026-11-01T00:00:00Z"), { stripe: world.stripe });
    expect(report.differences).toEqual([]);
    expect(report.totals.transfersNetCents).toBeGreaterThan(0);
    // This month's live drafts exist (acme's carried-forward amount at least).
    expect(await db.orgMonthlyStatement.count({ where: { month: new Date("2026-12-01T00:00:00Z"), status: "draft" } })).toBeGreaterThan(0);

    const transfers = (await world.stripe.transfers.list({ limit: 100 })).data.length;
    expect(await ensureDemoPayouts(deps())).toMatchObject({ changed: false });
    expect((await world.stripe.transfers.list({ limit: 100 })).data.length).toBe(transfers);
  });
});

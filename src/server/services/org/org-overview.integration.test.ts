import { describe, expect, it } from "vitest";
import { monthStart } from "~/lib/month";
import { getDb } from "~/server/db";
import { callerFor, makePack, makeUserInOrg, sessionFor } from "~/test/factories";
import { subscribe } from "~/test/snapshots";
import { getOrgOverview, payoutDate } from "./get-org-overview";

describe("the org's account at a glance", () => {
  it("an org that only buys: its live subscriptions with usage, its keys, and no selling section", async () => {
    const { user, org } = await makeUserInOrg("owner");
    const pack = await makePack({ title: "City Trips" });
    await subscribe(org.id, pack.id, { rowsUsed: 2_500 });
    const caller = callerFor(sessionFor(user), org.id);
    await caller.apiKey.create({ label: "Nightly" });
    const revoked = await caller.apiKey.create({ label: "Old" });
    await caller.apiKey.revoke({ keyId: revoked.id });

    const overview = await caller.org.overview();
    expect(overview.buying.subscriptions).toEqual([
      expect.objectContaining({ pack: { slug: pack.slug, title: "City Trips" }, tier: "standard", rowsUsed: 2_500, rowQuota: 10_000 }),
    ]);
    expect(overview.apiKeys).toEqual({ active: 1, lastUsedAt: null });
    expect(overview.selling).toBeNull();
  });

  it("an org that sells: this month's sessions by pack and the next payout", async () => {
    const { org } = await makeUserInOrg("owner");
    const db = getDb();
    const product = await db.product.create({ data: { orgId: org.id, name: "Rides" } });
    const [a, b] = [await makePack({ title: "A" }), await makePack({ title: "B" })];
    const now = new Date("2026-12-10T12:00:00Z");
    const month = monthStart(now);
    await db.contribution.createMany({
      data: [
        { orgId: org.id, productId: product.id, packId: a.id, month, sessions: 120 },
        { orgId: org.id, productId: product.id, packId: b.id, month, sessions: 480 },
        { orgId: org.id, productId: product.id, packId: a.id, month: new Date("2026-11-01T00:00:00Z"), sessions: 999 },
      ],
    });
    await db.orgMonthlyStatement.createMany({
      data: [
        { orgId: org.id, month: new Date("2026-10-01T00:00:00Z"), status: "paid", totalCents: 100 },
        { orgId: org.id, month: new Date("2026-11-01T00:00:00Z"), status: "draft", totalCents: 4_321 },
      ],
    });
    const overview = await getOrgOverview(db, { orgId: org.id, now });
    expect(overview.selling).toMatchObject({
      products: 1,
      sessionsThisMonth: 600,
      contributions: [
        { pack: { title: "B" }, sessions: 480 },
        { pack: { title: "A" }, sessions: 120 },
      ],
      nextPayout: { amountCents: 4_321, currency: "usd", status: "draft", payoutOn: new Date("2026-12-05T00:00:00Z") },
    });
    expect(overview.buying.subscriptions).toEqual([]);
  });

  it("pays a statement on the 5th of the next month, across a year's end", () => {
    expect(payoutDate(new Date("2026-12-01T00:00:00Z"))).toEqual(new Date("2027-01-05T00:00:00Z"));
  });
});

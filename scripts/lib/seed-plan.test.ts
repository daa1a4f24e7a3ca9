// The demo data agrees with the selling rules, so a fresh `npm run dev` shows pages that add up:
// every active pack clears the privacy threshold, every row was eligible when it happened (its cell
// and its org's global switch both on), ingest ids are unique per org, and the contributions are
// exactly the rows counted per org, product, pack and month.
import { describe, expect, it } from "vitest";
import { buildSeedPlan } from "../../prisma/seed-data";

const plan = buildSeedPlan();
const within = (t: Date, p: { startedAt: Date; endedAt: Date | null }) => p.startedAt <= t && (p.endedAt === null || t < p.endedAt);

describe("the demo seed plan", () => {
  it("gives every active pack rows from at least three contributing orgs", () => {
    for (const pack of plan.packs.filter((p) => p.status === "active")) {
      const orgs = new Set(plan.rows.filter((r) => r.packId === pack.id).map((r) => r.contributorOrgId));
      expect({ pack: pack.slug, orgs: orgs.size >= 3 }).toEqual({ pack: pack.slug, orgs: true });
    }
  });

  it("has every row inside a period of its cell and of its org's global switch", () => {
    for (const row of plan.rows) {
      const cell = plan.optIns.find((o) => o.orgId === row.contributorOrgId && o.productId === row.productId && o.packId === row.packId);
      expect(cell).toBeDefined();
      expect(plan.optInPeriods.some((p) => p.membershipId === cell!.id && within(row.sessionAt, p))).toBe(true);
      expect(plan.marketplacePeriods.some((p) => p.orgId === row.contributorOrgId && within(row.sessionAt, p))).toBe(true);
    }
  });

  it("keeps the switch's state and its history in step, and at most one open period per cell", () => {
    for (const settings of plan.orgSettings) {
      const open = plan.marketplacePeriods.filter((p) => p.orgId === settings.orgId && p.endedAt === null);
      expect(open.length).toBe(settings.marketplaceOptIn ? 1 : 0);
    }
    for (const cell of plan.optIns) {
      const open = plan.optInPeriods.filter((p) => p.membershipId === cell.id && p.endedAt === null);
      expect(open.length).toBe(cell.enabled ? 1 : 0);
    }
  });

  it("gives rows client session ids unique per org, and contributions equal to the rows", () => {
    const ids = plan.rows.map((r) => `${r.contributorOrgId}/${r.clientSessionId}`);
    expect(new Set(ids).size).toBe(ids.length);
    const counted = new Map<string, number>();
    for (const r of plan.rows) {
      const month = `${r.sessionAt.toISOString().slice(0, 7)}-01`;
      const key = `${r.contributorOrgId}|${r.productId}|${r.packId}|${month}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    const contributions = new Map(plan.contributions.map((c) => [`${c.orgId}|${c.productId}|${c.packId}|${c.month.toISOString().slice(0, 10)}`, c.sessions]));
    expect(contributions).toEqual(counted);
  });

  it("is the same on every build", () => {
    expect(JSON.stringify(buildSeedPlan())).toBe(JSON.stringify(plan));
  });
});

// Contributions: figures of a hand-computed fixture (contributions written directly, as the rollup
// would), through tRPC and GET /v1/marketplace/contributions; nothing of other contributors leaks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { callerFor, makeOrg, makePack, makeUserInOrg, sessionFor, uid } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { subscribe } from "~/test/snapshots";
import { getContributions } from "./get-contributions";

let rest: Awaited<ReturnType<typeof startRestServer>>;
beforeAll(async () => {
  rest = await startRestServer();
});
afterAll(() => rest?.close());

const NOV = new Date("2026-11-01T00:00:00Z");
const OCT = new Date("2026-10-01T00:00:00Z");
const NOW = new Date("2026-11-20T12:00:00Z");

async function product(orgId: string, name: string) {
  return getDb().product.create({ data: { orgId, name: `${name} ${uid()}` } });
}

async function contribution(orgId: string, productId: string, packId: string, month: Date, sessions: number) {
  await getDb().contribution.create({ data: { orgId, productId, packId, month, sessions } });
}

async function revenue(packId: string, month: Date, amountCents: number, kind: "invoice" | "refund" = "invoice") {
  await getDb().revenue.create({
    data: { stripeObjectId: `${kind === "invoice" ? "in" : "re"}_${uid()}`, kind, packId, month, amountCents, currency: "usd", occurredAt: new Date(month.getTime() + 86_400_000) },
  });
}

// Seller S (products A and B) with X and Y also feeding pack P; S alone feeds Q; buyers read P.
async function fixture() {
  const db = getDb();
  const { user, org } = await makeUserInOrg("member");
  const [x, y] = [await makeOrg({ name: "Rival X" }), await makeOrg({ name: "Rival Y" })];
  const [a, b] = [await product(org.id, "Alpha"), await product(org.id, "Beta")];
  const [xp, yp] = [await product(x.id, "X secret"), await product(y.id, "Y secret")];
  const p = await makePack({ title: "Pack P" });
  const q = await makePack({ title: "Pack Q" });
  await db.pack.update({ where: { id: q.id }, data: { revenueShareBps: 4000 } });

  await contribution(org.id, a.id, p.id, NOV, 30);
  await contribution(org.id, b.id, p.id, NOV, 10);
  await contribution(x.id, xp.id, p.id, NOV, 50);
  await contribution(y.id, yp.id, p.id, NOV, 10);
  await contribution(org.id, a.id, q.id, NOV, 5);
  await contribution(org.id, a.id, p.id, OCT, 12);
  await contribution(x.id, xp.id, p.id, OCT, 99);
  // A zero line (the rollup may leave one) is no contribution.
  await contribution(org.id, b.id, q.id, OCT, 0);

  // P's November: 19,999 paid, 2,000 refunded; October's revenue is not November's.
  await revenue(p.id, NOV, 19_999);
  await revenue(p.id, NOV, -2_000, "refund");
  await revenue(p.id, OCT, 50_000);

  // Two live subscriptions to P (one past due), one canceled; rows read: 100 in November, 40 in October.
  const buyers = [await makeOrg(), await makeOrg(), await makeOrg()];
  const live = await subscribe(buyers[0]!.id, p.id, { now: NOW });
  await subscribe(buyers[1]!.id, p.id, { now: NOW, status: "past_due" });
  await subscribe(buyers[2]!.id, p.id, { now: NOW, status: "canceled" });
  await db.usageDebit.createMany({
    data: [
      { counterId: live.counter.id, rows: 60, source: "api", createdAt: new Date("2026-11-02T08:00:00Z") },
      { counterId: live.counter.id, rows: 40, source: "snapshot", createdAt: new Date("2026-11-19T08:00:00Z") },
      { counterId: live.counter.id, rows: 40, source: "api", createdAt: new Date("2026-10-31T23:59:59Z") },
    ],
  });
  return { user, org, x, y, a, b, xp, yp, p, q };
}

describe("contributions", () => {
  it("gives sessions, share, revenue estimate and pack analytics for the month, computed by hand", async () => {
    const f = await fixture();
    const result = await getContributions(getDb(), { orgId: f.org.id, month: NOV, now: NOW });
    expect(result.month).toBe("2026-11-01");
    expect(result.isCurrentMonth).toBe(true);
    expect(result.packs).toEqual([
      {
        pack: { id: f.p.id, slug: f.p.slug, title: "Pack P", revenueShareBps: 5000 },
        sessions: 40,
        products: [
          { id: f.a.id, name: f.a.name, sessions: 30 },
          { id: f.b.id, name: f.b.name, sessions: 10 },
        ],
        packSessions: 100,
        shareBps: 4000,
        // gross 17,999; pool floor(17,999 / 2) = 8,999; split 40 : 50 : 10 → 3,599.6 / 4,499.5 / 899.9: floors add to
        // 8,997, the two cents left go to the largest remainders (.9, then .6): ours is 3,600.
        revenue: { grossCents: 17_999, poolCents: 8_999, estimateCents: 3_600, currency: "usd" },
        analytics: { subscribers: 2, rowsServed: 100 },
      },
      {
        pack: { id: f.q.id, slug: f.q.slug, title: "Pack Q", revenueShareBps: 4000 },
        sessions: 5,
        products: [{ id: f.a.id, name: f.a.name, sessions: 5 }],
        packSessions: 5,
        shareBps: 10_000,
        revenue: { grossCents: 0, poolCents: 0, estimateCents: 0, currency: "usd" },
        analytics: { subscribers: 0, rowsServed: 0 },
      },
    ]);
    expect(result.totals).toEqual({ sessions: 45, estimates: [{ currency: "usd", amountCents: 3_600 }] });
    expect(result.history).toEqual([
      { month: "2026-10-01", sessions: 12, packs: [{ packId: f.p.id, title: "Pack P", sessions: 12 }] },
      {
        month: "2026-11-01",
        sessions: 45,
        packs: [
          { packId: f.p.id, title: "Pack P", sessions: 40 },
          { packId: f.q.id, title: "Pack Q", sessions: 5 },
        ],
      },
    ]);

    // October: only P, with October's own figures (pool 25,000 split 12 : 99 → 2,702.7 → 2,703).
    const october = await getContributions(getDb(), { orgId: f.org.id, month: OCT, now: NOW });
    expect(october.isCurrentMonth).toBe(false);
    expect(october.packs.map((l) => [l.pack.title, l.sessions, l.packSessions, l.shareBps, l.revenue.estimateCents, l.analytics.rowsServed])).toEqual([
      ["Pack P", 12, 111, 1081, 2_703, 40],
    ]);
  });

  it("shows a pack the org feeds this month before its first session, and nothing of months without any", async () => {
    const { org } = await makeUserInOrg();
    const pack = await makePack({ title: "Fresh" });
    const item = await product(org.id, "New");
    await getDb().packOrgMembership.create({ data: { orgId: org.id, productId: item.id, packId: pack.id, enabled: true, periods: { create: { startedAt: NOW } } } });
    const result = await getContributions(getDb(), { orgId: org.id, now: NOW });
    expect(result.packs.map((l) => [l.pack.title, l.sessions, l.shareBps, l.revenue.estimateCents])).toEqual([["Fresh", 0, 0, 0]]);
    expect(result.history).toEqual([]);
    // A past month shows only what was contributed.
    expect((await getContributions(getDb(), { orgId: org.id, month: OCT, now: NOW })).packs).toEqual([]);
  });

  it("serves GET /v1/marketplace/contributions?month= to members, and never names or counts another contributor", async () => {
    const f = await fixture();
    const headers = { cookie: await sessionCookie(f.user), "x-pm-org": f.org.id };
    for (const month of ["2026-11", "2026-11-01"]) {
      const res = await fetch(`${rest.url}/v1/marketplace/contributions?month=${month}`, { headers });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { month: string; packs: { sessions: number; revenue: { estimateCents: number } }[] };
      expect(body.month).toBe("2026-11-01");
      expect(body.packs.map((l) => [l.sessions, l.revenue.estimateCents])).toEqual([
        [40, 3_600],
        [5, 0],
      ]);
      const text = JSON.stringify(body);
      for (const secret of [f.x.id, f.y.id, f.x.name, f.y.name, f.xp.id, f.yp.id, f.xp.name, f.yp.name]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/"sessions":50\b/);
    }
    const bad = await fetch(`${rest.url}/v1/marketplace/contributions?month=2026-13`, { headers });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_request");

    // Each org sees its own: X's view of November has X's sessions, not S's.
    const { user: xUser } = await makeUserInOrg();
    await getDb().membership.create({ data: { userId: xUser.id, orgId: f.x.id, role: "member" } });
    const xView = await callerFor(sessionFor(xUser), f.x.id).contribution.get({ month: "2026-11" });
    expect(xView.packs.map((l) => [l.pack.title, l.sessions, l.products.map((p) => p.name)])).toEqual([["Pack P", 50, [f.xp.name]]]);
  });
});

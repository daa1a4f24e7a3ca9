import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { callerFor, makeOrg, makePack, makeUserInOrg, sessionFor } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { debitQuota } from "./debit-quota";
import { rollupUsage } from "./rollup-usage";
import { utcDay } from "./usage-series";

const DAY = 86_400_000;

let rest: Awaited<ReturnType<typeof startRestServer>>;
beforeAll(async () => {
  rest = await startRestServer();
});
afterAll(() => rest.close());

async function subscribe(orgId: string, opts: { status?: "active" | "canceled"; title?: string; daysIn?: number } = {}) {
  const db = getDb();
  const pack = await makePack({ title: opts.title });
  const tier = await db.packTier.findFirstOrThrow({ where: { packId: pack.id, tier: "standard" } });
  const start = new Date(Date.now() - (opts.daysIn ?? 2) * DAY);
  const end = new Date(start.getTime() + 30 * DAY);
  const sub = await db.buyerSubscription.create({
    data: {
      buyerOrgId: orgId, packId: pack.id, tierId: tier.id, stripeCustomerId: "cus_1", stripeSubscriptionId: `sub_${pack.id}`,
      status: opts.status ?? "active", currentPeriodStart: start, currentPeriodEnd: end,
    },
  });
  const counter = await db.buyerUsageCounter.create({ data: { subscriptionId: sub.id, periodStart: start, periodEnd: end, rowQuota: 1000 } });
  return { pack, sub, counter, start, end };
}

describe("usage API", () => {
  it("gives each pack the org can read: period, rows used, quota, alerts and every day of the period", async () => {
    const { user, org } = await makeUserInOrg("member");
    const live = await subscribe(org.id, { title: "Urban Trip Flows" });
    await subscribe(org.id, { status: "canceled" });
    await debitQuota(getDb(), { counterId: live.counter.id, rows: 830, mode: "up_to", source: "api" });
    await rollupUsage(getDb());
    await debitQuota(getDb(), { counterId: live.counter.id, rows: 20, mode: "up_to", source: "snapshot" });

    const usage = await callerFor(sessionFor(user), org.id).usage.get({});
    const today = utcDay(new Date());
    expect(usage.packs).toEqual([
      {
        subscriptionId: live.sub.id,
        pack: { id: live.pack.id, slug: live.pack.slug, title: "Urban Trip Flows" },
        status: "active",
        period: { start: live.start, end: live.end },
        rowsUsed: 850,
        rowQuota: 1000,
        remaining: 150,
        percent: 85,
        alerts: [{ thresholdPct: 80, raisedAt: expect.any(Date) }],
        daily: [
          { day: utcDay(live.start), rows: 0 },
          { day: utcDay(new Date(Date.now() - DAY)), rows: 0 },
          { day: today, rows: 850 },
        ],
      },
    ]);
  });

  it("filters by pack slug or id; a pack the org does not subscribe to is not_found", async () => {
    const { user, org } = await makeUserInOrg("member");
    const a = await subscribe(org.id);
    const b = await subscribe(org.id);
    const caller = callerFor(sessionFor(user), org.id);
    expect((await caller.usage.get({ pack: a.pack.slug })).packs.map((p) => p.subscriptionId)).toEqual([a.sub.id]);
    expect((await caller.usage.get({ pack: b.pack.id })).packs.map((p) => p.subscriptionId)).toEqual([b.sub.id]);
    expect((await caller.usage.get({})).packs).toHaveLength(2);

    const other = await makeOrg();
    const theirs = await subscribe(other.id);
    const unsubscribed = await makePack();
    for (const pack of [theirs.pack.slug, theirs.pack.id, unsubscribed.slug, "no-such-pack"]) {
      await expect(caller.usage.get({ pack })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("over REST: GET /v1/marketplace/usage?pack= with JSON dates, not_found and invalid_request", async () => {
    const { user, org } = await makeUserInOrg("member");
    const live = await subscribe(org.id, { daysIn: 0 });
    await debitQuota(getDb(), { counterId: live.counter.id, rows: 1000, mode: "up_to", source: "api" });
    const other = await subscribe((await makeOrg()).id);
    const headers = { cookie: await sessionCookie(user), "x-pm-org": org.id };
    const get = async (query: string) => {
      const res = await fetch(`${rest.url}/v1/marketplace/usage${query}`, { headers });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    const found = await get(`?pack=${live.pack.slug}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      packs: [
        expect.objectContaining({
          period: { start: live.start.toISOString(), end: live.end.toISOString() },
          rowsUsed: 1000,
          remaining: 0,
          percent: 100,
          alerts: [
            { thresholdPct: 80, raisedAt: expect.any(String) },
            { thresholdPct: 100, raisedAt: expect.any(String) },
          ],
          daily: [{ day: utcDay(new Date()), rows: 1000 }],
        }),
      ],
    });
    expect(await get(`?pack=${other.pack.slug}`)).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: `You have no subscription to the pack "${other.pack.slug}".` } },
    });
    const invalid = await get(`?pack=${"x".repeat(65)}`);
    expect(invalid.status).toBe(400);
    expect((invalid.body.error as { code: string }).code).toBe("invalid_request");
  });
});

describe("My Packs", () => {
  it("carries the alerts raised in each subscription's current period, and a new period starts with none", async () => {
    const { user, org } = await makeUserInOrg("member");
    const near = await subscribe(org.id);
    const quiet = await subscribe(org.id);
    await debitQuota(getDb(), { counterId: near.counter.id, rows: 1000, mode: "up_to", source: "api" });
    await debitQuota(getDb(), { counterId: quiet.counter.id, rows: 799, mode: "up_to", source: "api" });
    const caller = callerFor(sessionFor(user), org.id);
    const alertsOf = async () =>
      Object.fromEntries((await caller.subscription.myPacks()).packs.map((p) => [p.subscriptionId, p.usage.alerts]));
    expect(await alertsOf()).toEqual({ [near.sub.id]: [80, 100], [quiet.sub.id]: [] });

    // The renewal: the period ends now and the next one starts.
    const now = Date.now();
    await getDb().buyerUsageCounter.update({ where: { id: near.counter.id }, data: { periodEnd: new Date(now) } });
    await getDb().buyerUsageCounter.create({
      data: { subscriptionId: near.sub.id, periodStart: new Date(now), periodEnd: new Date(now + 30 * DAY), rowQuota: 1000 },
    });
    expect(await alertsOf()).toEqual({ [near.sub.id]: [], [quiet.sub.id]: [] });
  });
});

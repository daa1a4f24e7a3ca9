// Which period a rows request counts against, driven by real Stripe events through the webhook: a
// new paid invoice opens a fresh quota; a failed renewal keeps the last period's counter for the
// grace period and then reads nothing. The clock is moved to the new period (Date only).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/server/db";
import { createApiKey } from "~/server/services/api-key/create-api-key";
import { addRows, getRows } from "~/test/data-api";
import { callerFor, makeOrg, makePack, makeUserInOrg, sessionFor, uid } from "~/test/factories";
import { startRowsServer } from "~/test/rows-api";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { resetKeyRateLimiter } from "./rate-limit";

let world: TestStripe;
let server: Awaited<ReturnType<typeof startRowsServer>>;
beforeAll(async () => {
  process.env.DATA_API_RATE_PER_SECOND = "100000";
  process.env.DATA_API_RATE_BURST = "100000";
  await resetKeyRateLimiter();
  world = await startTestStripe();
  server = await startRowsServer();
});
afterAll(async () => {
  await server?.close();
  await world?.stop();
  await resetKeyRateLimiter();
});
afterEach(() => {
  vi.useRealTimers();
});

const QUOTA = 5;

async function buyThroughCheckout() {
  const db = getDb();
  const { user, org } = await makeUserInOrg();
  const pack = await makePack();
  await db.packTier.updateMany({ where: { packId: pack.id, tier: "standard" }, data: { rowQuota: QUOTA } });
  const session = await callerFor(sessionFor(user), org.id).subscription.createCheckout({ packId: pack.id, tier: "standard" });
  await world.fake.pay(session.id);
  await world.fake.flushDeliveries();
  const sub = await db.buyerSubscription.findFirstOrThrow({ where: { buyerOrgId: org.id } });
  const seller = await makeOrg();
  const product = await db.product.create({ data: { orgId: seller.id, name: `Product ${uid()}` } });
  await addRows({ pack, seller, product }, 20);
  const key = await createApiKey(db, { orgId: org.id, userId: user.id, label: "billing test" });
  return { pack, sub, key: key.secret };
}

const counters = (subscriptionId: string) =>
  getDb().buyerUsageCounter.findMany({ where: { subscriptionId }, orderBy: { periodStart: "asc" } });

function moveClockTo(date: Date) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(date);
}

describe("the period a rows request counts against", () => {
  it("a new paid invoice opens a fresh quota: used up before it, rows again after it", async () => {
    const b = await buyThroughCheckout();
    const first = await getRows(server.url, b.key, b.pack.slug, `limit=${QUOTA}`);
    expect(first.json().quota).toEqual({ used: QUOTA, limit: QUOTA, remaining: 0 });
    const spent = await getRows(server.url, b.key, b.pack.slug, `cursor=${first.json().next_cursor}`);
    expect(spent.status).toBe(429);
    expect(spent.json().error?.code).toBe("quota_exceeded");

    await world.fake.advanceSubscription(b.sub.stripeSubscriptionId);
    await world.fake.flushDeliveries();
    const [, renewed] = await counters(b.sub.id);
    expect(renewed).toBeDefined();
    moveClockTo(new Date(renewed!.periodStart.getTime() + 3_600_000));

    const next = await getRows(server.url, b.key, b.pack.slug, `limit=3&cursor=${first.json().next_cursor}`);
    expect(next.status).toBe(200);
    expect(next.json().quota).toEqual({ used: 3, limit: QUOTA, remaining: 2 });
    expect((await counters(b.sub.id)).map((c) => c.rowsUsed)).toEqual([QUOTA, 3]);
  });

  it("a failed renewal keeps the last period's counter within the grace period, then reads nothing", async () => {
    const b = await buyThroughCheckout();
    expect((await getRows(server.url, b.key, b.pack.slug, "limit=2")).status).toBe(200);
    await world.fake.advanceSubscription(b.sub.stripeSubscriptionId, { fail: true });
    await world.fake.flushDeliveries();
    const sub = await getDb().buyerSubscription.findUniqueOrThrow({ where: { id: b.sub.id } });
    expect(sub.status).toBe("past_due");

    moveClockTo(new Date(sub.currentPeriodStart!.getTime() + 86_400_000));
    const inGrace = await getRows(server.url, b.key, b.pack.slug, "limit=2");
    expect(inGrace.status).toBe(200);
    // No free reset: the same period's counter, not a new one.
    expect(inGrace.json().quota).toEqual({ used: 4, limit: QUOTA, remaining: 1 });
    expect((await counters(b.sub.id)).map((c) => c.rowsUsed)).toEqual([4]);

    moveClockTo(new Date(sub.currentPeriodStart!.getTime() + 8 * 86_400_000));
    const afterGrace = await getRows(server.url, b.key, b.pack.slug, "limit=2");
    expect(afterGrace.status).toBe(404);
    expect(afterGrace.json().error?.message).toContain("past due");
    expect((await counters(b.sub.id)).map((c) => c.rowsUsed)).toEqual([4]);
  });
});

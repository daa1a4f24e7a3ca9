import { InngestTestEngine } from "@inngest/test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/server/db";
import { debitQuota } from "~/server/services/usage/debit-quota";
import { addMember, makeOrg, makePack, makeUser } from "~/test/factories";
import { usageAlertEmail } from "./usage-alert-email";

const DAY = 86_400_000;

async function buyer() {
  const db = getDb();
  const org = await makeOrg({ name: "Fjord Capital" });
  for (const role of ["owner", "admin", "member"] as const) {
    const user = await makeUser({ email: `${role}@fjord.example` });
    await addMember(user.id, org.id, role);
  }
  const pack = await makePack({ title: "Urban Trip Flows" });
  const tier = await db.packTier.findFirstOrThrow({ where: { packId: pack.id, tier: "standard" } });
  const start = new Date(Date.now() - 2 * DAY);
  const end = new Date("2099-01-15T00:00:00Z");
  const sub = await db.buyerSubscription.create({
    data: {
      buyerOrgId: org.id, packId: pack.id, tierId: tier.id, stripeCustomerId: "cus_1", stripeSubscriptionId: "sub_1", status: "active",
      currentPeriodStart: start, currentPeriodEnd: end,
    },
  });
  const counter = await db.buyerUsageCounter.create({ data: { subscriptionId: sub.id, periodStart: start, periodEnd: end, rowQuota: 1000 } });
  return { sub, counter };
}

// The alert events the outbox holds, as the relay would send them to Inngest.
async function alertEvents() {
  const rows = await getDb().outboxEvent.findMany({ where: { name: "usage/alert.raised" }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ id: r.id, name: r.name as "usage/alert.raised", data: r.data as { counterId: string; thresholdPct: number } }));
}

async function run(event: Awaited<ReturnType<typeof alertEvents>>[number]) {
  const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
  const { result, ctx } = await new InngestTestEngine({ function: usageAlertEmail }).execute({ events: [event] });
  const output = printed.mock.calls.flat().join("\n");
  printed.mockRestore();
  return { result, ctx, output };
}

afterEach(() => vi.restoreAllMocks());

describe("usage-alert-email", () => {
  it("at 80% and at 100% emails the owners and admins once each, one step per email", async () => {
    const { counter } = await buyer();
    await debitQuota(getDb(), { counterId: counter.id, rows: 800, mode: "up_to", source: "api" });
    const [at80] = await alertEvents();
    expect(at80).toMatchObject({ id: `usage-alert:${counter.id}:80`, data: { counterId: counter.id, thresholdPct: 80 } });
    const first = await run(at80!);
    expect(first.result).toEqual({ sent: 2 });
    expect(first.ctx.step.run).toHaveBeenCalledTimes(3);
    expect(first.output).toContain("to owner@fjord.example: You have used 80% of this period's rows for Urban Trip Flows");
    expect(first.output).toContain("to admin@fjord.example: You have used 80% of this period's rows for Urban Trip Flows");
    expect(first.output).toContain("Fjord Capital has used 800 of its 1,000 rows of Urban Trip Flows for this period, which ends Jan 15, 2099");
    expect(first.output).toContain("/app/marketplace/my-packs");
    expect(first.output).not.toContain("member@fjord.example");

    // More reads above 80%: no second warning.
    await debitQuota(getDb(), { counterId: counter.id, rows: 100, mode: "up_to", source: "api" });
    expect(await alertEvents()).toHaveLength(1);

    await debitQuota(getDb(), { counterId: counter.id, rows: 500, mode: "up_to", source: "api" });
    const events = await alertEvents();
    expect(events.map((e) => e.id)).toEqual([`usage-alert:${counter.id}:80`, `usage-alert:${counter.id}:100`]);
    const full = await run(events[1]!);
    expect(full.result).toEqual({ sent: 2 });
    expect(full.output).toContain("to owner@fjord.example: You have used 100% of this period's rows for Urban Trip Flows");
    expect(full.output).toContain("Reads are refused until Jan 15, 2099, when the next period starts: upgrade to a larger tier or wait.");
    expect(full.output).not.toContain("member@fjord.example");
  });

  it("warns again in the next period, and not at all for a period that has ended", async () => {
    const { sub, counter } = await buyer();
    await debitQuota(getDb(), { counterId: counter.id, rows: 850, mode: "up_to", source: "api" });
    const [old] = await alertEvents();
    // The renewal starts a new period before the alert is delivered.
    const db = getDb();
    const now = Date.now();
    await db.buyerUsageCounter.update({ where: { id: counter.id }, data: { periodEnd: new Date(now - 1000) } });
    const next = await db.buyerUsageCounter.create({
      data: { subscriptionId: sub.id, periodStart: new Date(now - 1000), periodEnd: new Date(now + 30 * DAY), rowQuota: 1000 },
    });
    expect((await run(old!)).result).toEqual({ sent: 0 });

    await debitQuota(db, { counterId: next.id, rows: 900, mode: "up_to", source: "api" });
    const events = await alertEvents();
    expect(events.map((e) => e.id)).toEqual([`usage-alert:${counter.id}:80`, `usage-alert:${next.id}:80`]);
    expect((await run(events[1]!)).result).toEqual({ sent: 2 });
  });
});

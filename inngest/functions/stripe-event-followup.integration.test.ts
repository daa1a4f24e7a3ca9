import { InngestTestEngine } from "@inngest/test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb, type Prisma } from "~/server/db";
import { addMember, makeOrg, makePack, makeUser } from "~/test/factories";
import { stripeEventFollowup } from "./stripe-event-followup";

async function subscribedOrg(status: "active" | "past_due") {
  const db = getDb();
  const org = await makeOrg({ name: "Fjord Capital" });
  const owner = await makeUser({ email: "owner@fjord.example" });
  const member = await makeUser({ email: "member@fjord.example" });
  await addMember(owner.id, org.id, "owner");
  await addMember(member.id, org.id, "member");
  const pack = await makePack({ title: "Urban Trip Flows" });
  const tier = await db.packTier.findFirstOrThrow({ where: { packId: pack.id, tier: "pro" } });
  await db.buyerSubscription.create({
    data: {
      buyerOrgId: org.id, packId: pack.id, tierId: tier.id, stripeCustomerId: "cus_1", stripeSubscriptionId: "sub_1", status,
      currentPeriodStart: new Date("2026-11-01T00:00:00Z"), currentPeriodEnd: new Date("2026-12-01T00:00:00Z"),
    },
  });
}

async function storeEvent(id: string, type: string, object: Prisma.InputJsonObject) {
  await getDb().stripeEvent.create({ data: { id, type, payload: { id, type, data: { object } }, processedAt: new Date() } });
}

afterEach(() => vi.restoreAllMocks());

describe("stripe-event-followup", () => {
  it("welcomes the owners and admins of a new buyer with the API docs link, one step per email", async () => {
    await subscribedOrg("active");
    await storeEvent("evt_checkout", "checkout.session.completed", { id: "cs_1", subscription: "sub_1" });
    const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const t = new InngestTestEngine({ function: stripeEventFollowup });
    const { result, ctx } = await t.execute({ events: [{ name: "stripe/event.followup", data: { stripeEventId: "evt_checkout" } }] });
    expect(result).toEqual({ sent: 1 });
    expect(ctx.step.run).toHaveBeenCalledTimes(2);
    const output = printed.mock.calls.flat().join("\n");
    expect(output).toContain("to owner@fjord.example: Welcome to Urban Trip Flows");
    expect(output).toContain("/docs/api");
    expect(output).not.toContain("member@fjord.example");
  });

  it("tells a past-due buyer the date its grace period ends", async () => {
    await subscribedOrg("past_due");
    await storeEvent("evt_failed", "invoice.payment_failed", { id: "in_1", parent: { subscription_details: { subscription: "sub_1" } } });
    const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const t = new InngestTestEngine({ function: stripeEventFollowup });
    const { result } = await t.execute({ events: [{ name: "stripe/event.followup", data: { stripeEventId: "evt_failed" } }] });
    expect(result).toEqual({ sent: 1 });
    expect(printed.mock.calls.flat().join("\n")).toMatch(/Payment failed for Urban Trip Flows[\s\S]*by Nov 8, 2026/);
  });

  it("sends nothing for an event it does not know", async () => {
    const t = new InngestTestEngine({ function: stripeEventFollowup });
    const { result } = await t.execute({ events: [{ name: "stripe/event.followup", data: { stripeEventId: "evt_missing" } }] });
    expect(result).toEqual({ sent: 0 });
  });
});

import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makeOrg, makePack } from "~/test/factories";
import { debitQuota } from "~/server/services/usage/debit-quota";
import { utcDay } from "~/server/services/usage/usage-series";
import { usageRollup } from "./usage-rollup";

describe("usage-rollup", () => {
  it("rolls the debit log up into rows per day in one step, and a rerun leaves the same figures", async () => {
    const db = getDb();
    const org = await makeOrg();
    const pack = await makePack();
    const tier = await db.packTier.findFirstOrThrow({ where: { packId: pack.id, tier: "standard" } });
    const start = new Date(Date.now() - 86_400_000);
    const sub = await db.buyerSubscription.create({
      data: {
        buyerOrgId: org.id, packId: pack.id, tierId: tier.id, stripeCustomerId: "cus_1", stripeSubscriptionId: "sub_1", status: "active",
        currentPeriodStart: start, currentPeriodEnd: new Date(start.getTime() + 30 * 86_400_000),
      },
    });
    const counter = await db.buyerUsageCounter.create({
      data: { subscriptionId: sub.id, periodStart: start, periodEnd: new Date(start.getTime() + 30 * 86_400_000), rowQuota: 100 },
    });
    await debitQuota(db, { counterId: counter.id, rows: 12, mode: "up_to", source: "api" });

    const { result, ctx } = await new InngestTestEngine({ function: usageRollup }).execute();
    expect(result).toEqual({ days: 1 });
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
    const rows = await db.usageDaily.findMany({ select: { counterId: true, day: true, rows: true } });
    expect(rows).toEqual([{ counterId: counter.id, day: new Date(utcDay(new Date())), rows: 12 }]);

    // Debits this recent are still within the settling margin: recounted, to the same total.
    await new InngestTestEngine({ function: usageRollup }).execute();
    expect(await db.usageDaily.findMany({ select: { counterId: true, day: true, rows: true } })).toEqual(rows);
  });
});

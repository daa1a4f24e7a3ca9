// The statement SQL computes exactly what the money module computes: for random grosses, shares
// and sessions, each pool is revenuePool(gross, bps) and its lines are allocateLargestRemainder(pool,
// sessions by org), ties (small session counts repeat) and all.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, monthKey } from "~/lib/month";
import { allocateLargestRemainder, revenuePool } from "~/lib/money";
import { getDb } from "~/server/db";
import { uid } from "~/test/factories";
import { makePackWithShare, makePayee, month } from "~/test/payouts";
import { computeDraftStatements } from "./compute-statements";

describe("statement SQL against the money module", () => {
  it("agrees on random months", async () => {
    const db = getDb();
    const orgs: Array<{ orgId: string; productId: string }> = [];
    for (let i = 0; i < 6; i++) {
      const org = await makePayee({ id: `org_${i}_${uid()}` });
      const product = await db.product.create({ data: { orgId: org.id, name: "p" } });
      orgs.push({ orgId: org.id, productId: product.id });
    }
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: -20_000, max: 5_000_000 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.option(fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.constantFrom(1, 2, 3)), { nil: undefined }), { minLength: 6, maxLength: 6 }),
        async (bps, revenue, sessions) => {
          const m = addMonths(month("2030-01"), run++);
          const pack = await makePackWithShare(bps);
          await db.revenue.createMany({
            data: revenue.map((amountCents) => ({ stripeObjectId: `in_${uid()}`, kind: amountCents < 0 ? "refund" : "invoice", packId: pack.id, month: m, amountCents, currency: "usd", occurredAt: m })),
          });
          const contributing = orgs.flatMap((o, i) => (sessions[i] === undefined ? [] : [{ ...o, sessions: sessions[i]! }]));
          await db.contribution.createMany({ data: contributing.map((c) => ({ orgId: c.orgId, productId: c.productId, packId: pack.id, month: m, sessions: c.sessions })) });
          await db.$transaction((tx) => computeDraftStatements(tx, m, { includePending: false }), { timeout: 30_000 });

          const gross = revenue.reduce((a, b) => a + b, 0);
          const pool = await db.packMonthlyPool.findFirstOrThrow({ where: { packId: pack.id, month: m } });
          expect(pool.poolCents, monthKey(m)).toBe(revenuePool(gross, bps));
          const expected = allocateLargestRemainder(pool.poolCents, contributing.filter((c) => c.sessions > 0).map((c) => ({ key: c.orgId, weight: c.sessions })));
          const lines = await db.statementLine.findMany({ where: { poolId: pool.id }, select: { shareCents: true, statement: { select: { orgId: true } } } });
          expect(Object.fromEntries(lines.map((l) => [l.statement.orgId, l.shareCents]))).toEqual(Object.fromEntries(expected.map((a) => [a.key, a.amount])));
        },
      ),
      { numRuns: 15 },
    );
  });
});

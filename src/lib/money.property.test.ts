// Property tests of the money module (fast-check): for any contributions and gross, the shares add
// up to the pool exactly, none is negative, and the result does not depend on the input's order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateLargestRemainder, payoutDecision, revenuePool } from "./money";

const arbWeights = fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 6 }), weight: fc.nat({ max: 1_000_000 }) }), {
  selector: (w) => w.key,
  maxLength: 40,
});
const arbGross = fc.integer({ min: -5_000_000, max: 2_000_000_000 });
const arbBps = fc.integer({ min: 0, max: 10_000 });

describe("money properties", () => {
  it("the pool is floor(gross × bps / 10000), never negative, never more than the gross", () => {
    fc.assert(
      fc.property(arbGross, arbBps, (gross, bps) => {
        const pool = revenuePool(gross, bps);
        expect(pool).toBeGreaterThanOrEqual(0);
        if (gross > 0) {
          expect(pool).toBeLessThanOrEqual(gross);
          expect(BigInt(pool) * 10_000n <= BigInt(gross) * BigInt(bps)).toBe(true);
          expect(BigInt(pool + 1) * 10_000n > BigInt(gross) * BigInt(bps)).toBe(true);
        } else expect(pool).toBe(0);
      }),
    );
  });

  it("shares sum to the pool (when anyone has sessions), none is negative, each within a cent of its exact part", () => {
    fc.assert(
      fc.property(arbGross, arbBps, arbWeights, (gross, bps, weights) => {
        const pool = revenuePool(gross, bps);
        const shares = allocateLargestRemainder(pool, weights);
        const totalWeight = weights.reduce((s, w) => s + w.weight, 0);
        const sum = shares.reduce((s, a) => s + a.amount, 0);
        expect(sum).toBe(totalWeight > 0 ? pool : 0);
        for (const a of shares) {
          expect(a.amount).toBeGreaterThanOrEqual(0);
          if (totalWeight > 0) {
            const exact = (BigInt(pool) * BigInt(a.weight)) / BigInt(totalWeight);
            expect(BigInt(a.amount) - exact >= 0n && BigInt(a.amount) - exact <= 1n).toBe(true);
          }
          if (a.weight === 0) expect(a.amount).toBe(0);
        }
      }),
    );
  });

  it("does not depend on the order of the input", () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000_000 }), arbWeights.chain((w) => fc.tuple(fc.constant(w), fc.shuffledSubarray(w, { minLength: w.length, maxLength: w.length }))), (pool, [weights, shuffled]) => {
        const byKey = (xs: { key: string; amount: number }[]) => Object.fromEntries(xs.map((x) => [x.key, x.amount]));
        expect(byKey(allocateLargestRemainder(pool, shuffled))).toEqual(byKey(allocateLargestRemainder(pool, weights)));
      }),
    );
  });

  it("decides payouts: negative and small totals and disabled payouts carry forward", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 }), fc.boolean(), (total, min, enabled) => {
        const decision = payoutDecision(total, min, enabled);
        expect(decision === "pay").toBe(total >= min && enabled);
        if (total < 0) expect(decision).toBe("carry_forward_negative");
      }),
    );
  });
});

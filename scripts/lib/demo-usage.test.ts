import { describe, expect, it } from "vitest";
import { planDemoUsage } from "./demo-usage";

const DAY_MS = 86_400_000;
const now = new Date("2026-12-03T15:20:00Z");
const input = { seed: "c1", periodStart: new Date(now.getTime() - 12 * DAY_MS), now, rowQuota: 100_000, usedShare: 0.35, packRows: 150 };

describe("planDemoUsage", () => {
  it("spreads exactly the share of the quota over every UTC day of the period so far, oldest first", () => {
    const plan = planDemoUsage(input);
    expect(plan.reduce((sum, d) => sum + d.rows, 0)).toBe(35_000);
    expect(new Set(plan.map((d) => d.createdAt.toISOString().slice(0, 10))).size).toBe(13);
    for (const d of plan) {
      expect(d.rows).toBeGreaterThan(0);
      expect(d.rows).toBeLessThanOrEqual(150);
      expect(d.createdAt >= input.periodStart && d.createdAt < now).toBe(true);
    }
    expect(plan.map((d) => d.createdAt.getTime())).toEqual(plan.map((d) => d.createdAt.getTime()).sort((a, b) => a - b));
    expect(plan.some((d) => d.source === "snapshot")).toBe(true);
  });

  it("is deterministic for a seed and empty when the period has not started", () => {
    expect(planDemoUsage(input)).toEqual(planDemoUsage(input));
    expect(planDemoUsage({ ...input, periodStart: now })).toEqual([]);
  });
});

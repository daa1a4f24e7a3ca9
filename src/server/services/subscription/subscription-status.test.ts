import { describe, expect, it } from "vitest";
import { graceEndsAt, hasAccess, PAST_DUE_GRACE_DAYS } from "./subscription-status";

const periodStart = new Date("2026-11-01T00:00:00Z");
const day = 86_400_000;

describe("subscription access", () => {
  it("grants active and trialing, refuses canceled, incomplete and unpaid", () => {
    expect(hasAccess({ status: "active", currentPeriodStart: periodStart })).toBe(true);
    expect(hasAccess({ status: "trialing", currentPeriodStart: null })).toBe(true);
    for (const status of ["canceled", "incomplete", "incomplete_expired", "unpaid", "paused"] as const) {
      expect(hasAccess({ status, currentPeriodStart: periodStart })).toBe(false);
    }
  });

  it("grants past_due only within the grace period", () => {
    const sub = { status: "past_due" as const, currentPeriodStart: periodStart };
    expect(graceEndsAt(sub)).toEqual(new Date(periodStart.getTime() + PAST_DUE_GRACE_DAYS * day));
    expect(hasAccess(sub, new Date(periodStart.getTime() + day))).toBe(true);
    expect(hasAccess(sub, new Date(periodStart.getTime() + PAST_DUE_GRACE_DAYS * day))).toBe(false);
  });

  it("never grants a duplicate subscription", () => {
    expect(hasAccess({ status: "active", currentPeriodStart: periodStart, isDuplicate: true })).toBe(false);
  });
});

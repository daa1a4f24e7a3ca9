import { describe, expect, it } from "vitest";
import { addMonths, formatMonth, monthDay, monthKey, monthOfDay, monthStart, parseMonthKey } from "./month";

describe("monthStart", () => {
  it("is the first day of the UTC month, whatever the time of day", () => {
    expect(monthStart(new Date("2026-11-30T23:59:59.999Z"))).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(monthStart(new Date("2026-12-01T00:00:00Z"))).toEqual(new Date("2026-12-01T00:00:00Z"));
  });
});

describe("monthOfDay", () => {
  it("is the month of any real day", () => {
    expect(monthOfDay("2026-02-28")).toEqual(new Date("2026-02-01T00:00:00Z"));
    expect(monthOfDay("2024-02-29")).toEqual(new Date("2024-02-01T00:00:00Z"));
    expect(monthOfDay("2026-12-31")).toEqual(new Date("2026-12-01T00:00:00Z"));
  });

  it("refuses what is not a real date", () => {
    for (const text of ["2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2025-02-29", "0000-01-01", "2026-1-01", "2026-01", "garbage", "", " 2026-01-01"]) {
      expect(monthOfDay(text), text).toBeNull();
    }
  });
});

describe("parseMonthKey and monthKey", () => {
  it("round-trips YYYY-MM", () => {
    expect(parseMonthKey("2026-03")).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(monthKey(parseMonthKey("2026-03")!)).toBe("2026-03");
    expect(monthDay(parseMonthKey("2026-03")!)).toBe("2026-03-01");
    for (const text of ["2026-13", "2026-00", "2026-3", "2026-03-01", "x"]) expect(parseMonthKey(text), text).toBeNull();
  });

  it("adds months across years and formats them", () => {
    expect(addMonths(new Date("2026-12-01T00:00:00Z"), 1)).toEqual(new Date("2027-01-01T00:00:00Z"));
    expect(addMonths(new Date("2026-01-01T00:00:00Z"), -1)).toEqual(new Date("2025-12-01T00:00:00Z"));
    expect(formatMonth("2026-03")).toBe("March 2026");
    expect(formatMonth(new Date("2026-03-01T00:00:00Z"))).toBe("March 2026");
  });
});

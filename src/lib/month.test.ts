import { describe, expect, it } from "vitest";
import { addMonths, formatMonth, isoMonth, monthStart } from "./month";

describe("monthStart", () => {
  it("is the first day of the UTC month, whatever the time of day", () => {
    expect(monthStart(new Date("2026-11-30T23:59:59.999Z"))).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(monthStart(new Date("2026-12-01T00:00:00Z"))).toEqual(new Date("2026-12-01T00:00:00Z"));
  });
});

describe("addMonths, isoMonth, formatMonth", () => {
  it("steps whole UTC months across year ends, and writes months as the API and people do", () => {
    expect(addMonths(new Date("2026-12-31T23:00:00Z"), 1)).toEqual(new Date("2027-01-01T00:00:00Z"));
    expect(addMonths(new Date("2026-01-15T00:00:00Z"), -11)).toEqual(new Date("2025-02-01T00:00:00Z"));
    expect(isoMonth(new Date("2026-11-30T23:59:59.999Z"))).toBe("2026-11-01");
    expect(formatMonth("2026-11-01")).toBe("November 2026");
    expect(formatMonth(new Date("2026-12-01T00:00:00Z"))).toBe("December 2026");
  });
});

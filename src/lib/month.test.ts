import { describe, expect, it } from "vitest";
import { monthStart } from "./month";

describe("monthStart", () => {
  it("is the first day of the UTC month, whatever the time of day", () => {
    expect(monthStart(new Date("2026-11-30T23:59:59.999Z"))).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(monthStart(new Date("2026-12-01T00:00:00Z"))).toEqual(new Date("2026-12-01T00:00:00Z"));
  });
});

import { describe, expect, it } from "vitest";
import { formatCount, formatDate } from "./format";

describe("formatCount and formatDate", () => {
  it("groups thousands and prints UTC dates", () => {
    expect(formatCount(1000000)).toBe("1,000,000");
    expect(formatDate("2026-11-05T23:30:00Z")).toBe("Nov 5, 2026");
  });
});

import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDate, formatTimeUtc } from "./format";

describe("formatCount and formatDate", () => {
  it("groups thousands and prints UTC dates", () => {
    expect(formatCount(1000000)).toBe("1,000,000");
    expect(formatDate("2026-11-05T23:30:00Z")).toBe("Nov 5, 2026");
  });
});

describe("formatTimeUtc and formatBytes", () => {
  it("prints a UTC time of day", () => {
    expect(formatTimeUtc("2026-12-01T03:00:12Z")).toBe("03:00 UTC");
    expect(formatTimeUtc("2026-12-01T23:59:00-02:00")).toBe("01:59 UTC");
  });

  it("prints sizes in decimal units with one decimal below 10", () => {
    expect([0, 1, 999, 1000, 1234, 56_789, 999_960, 12_345_678, 3_000_000_000].map(formatBytes)).toEqual([
      "0 bytes",
      "1 byte",
      "999 bytes",
      "1.0 KB",
      "1.2 KB",
      "57 KB",
      "1.0 MB",
      "12 MB",
      "3.0 GB",
    ]);
  });
});

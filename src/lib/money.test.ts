import { describe, expect, it } from "vitest";
import { formatCount, formatDate, formatMoney } from "./money";

describe("formatMoney", () => {
  it("formats cents as dollars", () => {
    expect(formatMoney(4900, "usd")).toBe("$49.00");
    expect(formatMoney(123456, "usd")).toBe("$1,234.56");
  });
  it("drops .00 only when asked for compact and whole", () => {
    expect(formatMoney(4900, "usd", { compact: true })).toBe("$49");
    expect(formatMoney(4950, "usd", { compact: true })).toBe("$49.50");
  });
  it("knows zero-decimal currencies", () => {
    expect(formatMoney(500, "jpy")).toBe("¥500");
  });
});

describe("formatCount and formatDate", () => {
  it("groups thousands and prints UTC dates", () => {
    expect(formatCount(1000000)).toBe("1,000,000");
    expect(formatDate("2026-11-05T23:30:00Z")).toBe("Nov 5, 2026");
  });
});

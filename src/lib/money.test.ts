import { describe, expect, it } from "vitest";
import { formatMoney } from "./money";

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

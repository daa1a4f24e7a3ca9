import { describe, expect, it } from "vitest";
import { allocateLargestRemainder, decimalAmount, formatMoney, revenuePool } from "./money";

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

describe("revenuePool", () => {
  it("floors gross × bps / 10000", () => {
    expect(revenuePool(10_001, 5000)).toBe(5000);
    expect(revenuePool(999, 3333)).toBe(332);
    expect(revenuePool(-500, 5000)).toBe(0);
  });
});

describe("allocateLargestRemainder", () => {
  it("gives the leftover cents to the largest remainders, ties by key", () => {
    // 100 split 1:1:1 → 33.33 each; one cent left, the three remainders tie → the first key.
    expect(allocateLargestRemainder(100, [{ key: "c", weight: 1 }, { key: "a", weight: 1 }, { key: "b", weight: 1 }]).map((a) => [a.key, a.amount]))
      .toEqual([["a", 34], ["b", 33], ["c", 33]]);
    // 10 split 2:1 → 6.67 and 3.33: the larger remainder (0.67) gets the cent.
    expect(allocateLargestRemainder(10, [{ key: "x", weight: 2 }, { key: "y", weight: 1 }]).map((a) => a.amount)).toEqual([7, 3]);
  });
  it("allocates nothing without weights", () => {
    expect(allocateLargestRemainder(500, [{ key: "a", weight: 0 }]).map((a) => a.amount)).toEqual([0]);
  });
});

describe("decimalAmount", () => {
  it("writes minor units as a decimal string in major units, sign first", () => {
    expect(decimalAmount(123456, "usd")).toBe("1234.56");
    expect(decimalAmount(5, "usd")).toBe("0.05");
    expect(decimalAmount(-5, "usd")).toBe("-0.05");
    expect(decimalAmount(-1200, "eur")).toBe("-12.00");
    expect(decimalAmount(0, "usd")).toBe("0.00");
    expect(decimalAmount(1234, "jpy")).toBe("1234");
    expect(decimalAmount(-7, "jpy")).toBe("-7");
  });
});

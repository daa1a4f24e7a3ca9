import { describe, expect, it } from "vitest";
import { backoffMs } from "./backoff";

describe("backoffMs", () => {
  it("doubles from the base after each failure and stops at the cap", () => {
    const opts = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, opts))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it("is zero before any failure and never overflows for large counts", () => {
    expect(backoffMs(0, { baseMs: 500, maxMs: 5000 })).toBe(0);
    expect(backoffMs(10_000, { baseMs: 500, maxMs: 5000 })).toBe(5000);
  });

  it("accepts another growth factor", () => {
    expect([1, 2, 3].map((n) => backoffMs(n, { baseMs: 100, maxMs: 1e9, factor: 3 }))).toEqual([100, 300, 900]);
  });
});

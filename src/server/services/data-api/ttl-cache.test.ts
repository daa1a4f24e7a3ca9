import { describe, expect, it } from "vitest";
import { TtlCache } from "./ttl-cache";

describe("TtlCache", () => {
  it("expires entries and evicts the oldest past maxEntries", () => {
    const cache = new TtlCache<number>({ ttlMs: 1000, maxEntries: 2 });
    cache.set("a", 1, 0);
    cache.set("b", 2, 0);
    cache.set("c", 3, 0);
    expect([cache.get("a", 1), cache.get("b", 1), cache.get("c", 1)]).toEqual([undefined, 2, 3]);
    expect(cache.get("b", 1000)).toBeUndefined();
  });

  it("bounds the total weight: large entries push the oldest out, one over the limit is not kept", () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 100, weigh: (v) => v.length, maxWeight: 10 });
    cache.set("a", "xxxx");
    cache.set("b", "xxxx");
    expect(cache.totalWeight).toBe(8);
    cache.set("c", "xxxx");
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([undefined, "xxxx", "xxxx"]);
    expect(cache.totalWeight).toBe(8);
    cache.set("big", "x".repeat(11));
    expect(cache.get("big")).toBeUndefined();
    expect(cache.totalWeight).toBe(8);
    cache.set("b", "xx");
    expect(cache.totalWeight).toBe(6);
    cache.clear();
    expect([cache.size, cache.totalWeight]).toEqual([0, 0]);
  });
});

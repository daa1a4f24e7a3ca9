// The catalogue cache's own rules, in memory (one process): hits, one load for concurrent misses, a
// load that raced an invalidation never stored, bounds on entries and age, pass-through when off.
import { describe, expect, it } from "vitest";
import { createCatalogueCache } from "./catalogue";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("the catalogue cache in memory", () => {
  it("serves a hit without loading, and loads again after invalidate()", async () => {
    const cache = createCatalogueCache();
    let loads = 0;
    const load = async () => ({ price: 100 + loads++ });
    expect(await cache.read("k", load)).toEqual({ price: 100 });
    expect(await cache.read("k", load)).toEqual({ price: 100 });
    expect(loads).toBe(1);
    await cache.invalidate();
    expect(await cache.read("k", load)).toEqual({ price: 101 });
  });

  it("shares one load between concurrent misses of a key", async () => {
    const cache = createCatalogueCache();
    const gate = deferred<string>();
    let loads = 0;
    const reads = Array.from({ length: 20 }, () => cache.read("k", () => (loads++, gate.promise)));
    gate.resolve("v");
    expect(await Promise.all(reads)).toEqual(Array(20).fill("v"));
    expect(loads).toBe(1);
  });

  it("never stores an answer whose load began before an invalidation", async () => {
    const cache = createCatalogueCache();
    const old = deferred<string>();
    const stale = cache.read("k", () => old.promise);
    await cache.invalidate();
    // A read after the invalidation does not join the older load.
    const fresh = cache.read("k", async () => "new");
    old.resolve("old");
    expect(await stale).toBe("old");
    expect(await fresh).toBe("new");
    expect(await cache.read("k", async () => "loaded again")).toBe("new");
  });

  it("does not cache a failed load", async () => {
    const cache = createCatalogueCache();
    await expect(cache.read("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.read("k", async () => "ok")).toBe("ok");
  });

  it("keeps at most maxEntries, dropping the least recently read", async () => {
    const cache = createCatalogueCache({ maxEntries: 2 });
    await cache.read("a", async () => "a");
    await cache.read("b", async () => "b");
    await cache.read("a", async () => "a again");
    await cache.read("c", async () => "c");
    expect(cache.size()).toBe(2);
    expect(await cache.read("a", async () => "a reloaded")).toBe("a");
    expect(await cache.read("b", async () => "b reloaded")).toBe("b reloaded");
  });

  it("expires entries after ttlMs", async () => {
    const cache = createCatalogueCache({ ttlMs: 20 });
    await cache.read("k", async () => "first");
    await new Promise((r) => setTimeout(r, 40));
    expect(await cache.read("k", async () => "second")).toBe("second");
  });

  it("freezes what it hands out, so no caller can change the next reader's copy", async () => {
    const cache = createCatalogueCache();
    const value = await cache.read("k", async () => ({ tiers: [{ priceCents: 1 }] }));
    expect(() => {
      (value.tiers[0] as { priceCents: number }).priceCents = 2;
    }).toThrow(TypeError);
  });

  it("reads through when disabled (next dev)", async () => {
    const cache = createCatalogueCache({ disabled: true });
    let loads = 0;
    await cache.read("k", async () => loads++);
    await cache.read("k", async () => loads++);
    expect(loads).toBe(2);
    expect(cache.size()).toBe(0);
  });
});

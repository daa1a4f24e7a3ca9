// A tier's new price shows on the next catalogue read: in one process with the memory cache, and
// across two app processes sharing real Redis (this one and a child process serving the REST API),
// each caching the catalogue in its own memory.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { callerFor, makePack } from "~/test/factories";
import { spawnServerProcess, type RowsProcess } from "~/test/rows-api";
import { catalogueCache, invalidateCatalogue, resetCatalogueCache } from "./catalogue";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const CHILD = fileURLToPath(new URL("../../test/catalogue-server-process.ts", import.meta.url));

async function setStandardPrice(packId: string, priceCents: number) {
  await getDb().packTier.updateMany({ where: { packId, tier: "standard" }, data: { priceCents } });
}

const priceIn = (list: { packs: Array<{ slug: string; priceFrom: { amountCents: number } | null }> }, slug: string) =>
  list.packs.find((p) => p.slug === slug)?.priceFrom?.amountCents;

async function restPrice(url: string, slug: string) {
  const [list, detail] = await Promise.all([fetch(`${url}/v1/packs`), fetch(`${url}/v1/packs/${slug}`)]);
  const tiers = ((await detail.json()) as { tiers: Array<{ tier: string; priceCents: number }> }).tiers;
  return { list: priceIn((await list.json()) as Parameters<typeof priceIn>[0], slug), detail: tiers.find((t) => t.tier === "standard")?.priceCents };
}

describe("the catalogue cache in one process (memory)", () => {
  it("serves the cached catalogue until invalidated, then the new price at once", async () => {
    const pack = await makePack({ prices: [4900, 19900, 99900] });
    const caller = callerFor(null);
    expect(priceIn(await caller.pack.list({}), pack.slug)).toBe(4900);
    expect((await caller.pack.bySlug({ slug: pack.slug })).tiers[0]?.priceCents).toBe(4900);

    // Written behind the cache's back: still the cached answer, so the cache is really in the way…
    await setStandardPrice(pack.id, 3900);
    expect(priceIn(await caller.pack.list({}), pack.slug)).toBe(4900);
    // …and the invalidation every writer calls makes the next read show it.
    await invalidateCatalogue();
    expect(priceIn(await caller.pack.list({}), pack.slug)).toBe(3900);
    expect((await caller.pack.bySlug({ slug: pack.slug })).tiers[0]?.priceCents).toBe(3900);
  });
});

describe("the catalogue cache across two processes (Redis)", () => {
  const prefix = `pm_test_${randomBytes(4).toString("hex")}`;
  let child: RowsProcess;

  beforeAll(async () => {
    process.env.REDIS_URL = REDIS_URL;
    process.env.REDIS_KEY_PREFIX = prefix;
    await resetCatalogueCache();
    child = await spawnServerProcess(CHILD, { REDIS_URL, REDIS_KEY_PREFIX: prefix });
  });

  afterAll(async () => {
    await child?.stop();
    delete process.env.REDIS_URL;
    delete process.env.REDIS_KEY_PREFIX;
    await resetCatalogueCache();
  });

  it("a price change invalidated in this process shows on the other process's next read", async () => {
    const pack = await makePack({ prices: [4900, 19900, 99900] });
    const caller = callerFor(null);
    await caller.pack.list({});
    for (let i = 0; i < 200 && !catalogueCache().ready(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(catalogueCache().ready()).toBe(true);
    expect(await restPrice(child.url, pack.slug)).toEqual({ list: 4900, detail: 4900 });
    expect(priceIn(await caller.pack.list({}), pack.slug)).toBe(4900);

    // Both processes now hold the catalogue: a write without invalidation shows in neither.
    await setStandardPrice(pack.id, 2900);
    expect(await restPrice(child.url, pack.slug)).toEqual({ list: 4900, detail: 4900 });
    expect(priceIn(await caller.pack.list({}), pack.slug)).toBe(4900);

    await invalidateCatalogue();
    expect(await restPrice(child.url, pack.slug)).toEqual({ list: 2900, detail: 2900 });
    expect(priceIn(await caller.pack.list({}), pack.slug)).toBe(2900);

    // And again, so the child's cache is proven to have refilled and been dropped once more.
    await setStandardPrice(pack.id, 1900);
    expect((await restPrice(child.url, pack.slug)).list).toBe(2900);
    await invalidateCatalogue();
    expect(await restPrice(child.url, pack.slug)).toEqual({ list: 1900, detail: 1900 });
  });
});

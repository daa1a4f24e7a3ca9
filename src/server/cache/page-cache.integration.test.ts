// The page cache (Next's cacheHandler for the static pack page) serves a rendered page only while
// the catalogue it shows is unchanged: a tier's new price shows at the next request, in this process
// and, through Redis, in another one. Next's part (a lookup, a render on a miss, then a store) is
// played here by hand with the page's own getStaticProps.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getStaticProps } from "~/pages/marketplace/packs/[slug]";
import { getDb } from "~/server/db";
import { makePack } from "~/test/factories";
import { createCatalogueCache, invalidateCatalogue, type CatalogueCache } from "./catalogue";
import { createPageCache, type PageCache } from "./page-cache-handler.mjs";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function setStandardPrice(packId: string, priceCents: number) {
  await getDb().packTier.updateMany({ where: { packId, tier: "standard" }, data: { priceCents } });
}

type Rendered = { props: { pack: { slug: string; tiers: Array<{ tier: string; priceCents: number }> } } };

// One request for the page, as Next makes it: served from the cache, or rendered and stored.
async function request(pages: PageCache, slug: string): Promise<{ fromCache: boolean; standardCents: number | undefined }> {
  const key = `/marketplace/packs/${slug}`;
  const hit = pages.get(key);
  const page = (hit?.value ?? null) as Rendered | null;
  if (page) return { fromCache: true, standardCents: page.props.pack.tiers.find((t) => t.tier === "standard")?.priceCents };
  const rendered = (await getStaticProps({ params: { slug } })) as Rendered & { revalidate: number };
  pages.set(key, rendered, { cacheControl: { revalidate: rendered.revalidate, expire: undefined } });
  return { fromCache: false, standardCents: rendered.props.pack.tiers.find((t) => t.tier === "standard")?.priceCents };
}

describe("the pack page in one process", () => {
  it("is served from the page cache until the catalogue changes, then shows the new price at the next request", async () => {
    const pack = await makePack({ prices: [4900, 19900, 99900] });
    const pages = createPageCache();
    await request(pages, pack.slug); // the catalogue cache may not exist before the first read
    await invalidateCatalogue();
    expect(await request(pages, pack.slug)).toEqual({ fromCache: false, standardCents: 4900 });
    expect(await request(pages, pack.slug)).toEqual({ fromCache: true, standardCents: 4900 });

    // Written behind the caches' back: the cached page, so the cache is really in the way…
    await setStandardPrice(pack.id, 3900);
    expect(await request(pages, pack.slug)).toEqual({ fromCache: true, standardCents: 4900 });
    // …and the invalidation every writer calls makes the next request render the new price.
    await invalidateCatalogue();
    expect(await request(pages, pack.slug)).toEqual({ fromCache: false, standardCents: 3900 });
    expect(await request(pages, pack.slug)).toEqual({ fromCache: true, standardCents: 3900 });
  });

  it("does not keep a page whose render overlapped a catalogue change", async () => {
    let version = "a";
    const pages = createPageCache({ version: () => version });
    expect(pages.get("/p")).toBeNull();
    version = "b"; // invalidated while the page rendered from the old catalogue
    pages.set("/p", { page: "old" });
    expect(pages.get("/p")).toBeNull();
    pages.set("/p", { page: "new" });
    expect(pages.get("/p")?.value).toEqual({ page: "new" });
  });

  it("keeps nothing while the catalogue is not cached, and at most maxEntries pages", () => {
    let version: string | null = null;
    const pages = createPageCache({ version: () => version, maxEntries: 2 });
    pages.get("/a");
    pages.set("/a", 1);
    expect(pages.size()).toBe(0);
    version = "v";
    for (const key of ["/a", "/b", "/c"]) {
      pages.get(key);
      pages.set(key, key);
    }
    expect(pages.size()).toBe(2);
    expect(pages.get("/a")).toBeNull();
    expect(pages.get("/c")?.value).toBe("/c");
  });
});

describe("the pack page across two processes (Redis)", () => {
  const caches: CatalogueCache[] = [];
  afterEach(async () => {
    await Promise.all(caches.splice(0).map((c) => c.close()));
  });

  it("a catalogue change in one process drops the page the other one keeps", async () => {
    const keyPrefix = `pm_test_${randomBytes(4).toString("hex")}`;
    const [here, there] = [0, 1].map(() => createCatalogueCache({ redisUrl: REDIS_URL, keyPrefix }));
    caches.push(here!, there!);
    // Each process subscribes at its first catalogue read.
    await Promise.all([here!.read("k", async () => 1), there!.read("k", async () => 1)]);
    await vi.waitFor(() => expect(here!.ready() && there!.ready()).toBe(true));
    const pages = createPageCache({ version: () => there!.version() });

    pages.get("/marketplace/packs/x");
    pages.set("/marketplace/packs/x", { price: 4900 });
    expect(pages.get("/marketplace/packs/x")?.value).toEqual({ price: 4900 });

    await here!.invalidate();
    await vi.waitFor(() => expect(pages.get("/marketplace/packs/x")).toBeNull(), { timeout: 1000, interval: 5 });
    // The other process's own catalogue moved on too: a page rendered now is kept again.
    pages.set("/marketplace/packs/x", { price: 3900 });
    expect(pages.get("/marketplace/packs/x")?.value).toEqual({ price: 3900 });
  });
});

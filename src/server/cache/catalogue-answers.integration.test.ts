// The whole answers to public catalogue reads, over HTTP as clients get them: tRPC (single and
// batched) and REST answer from the stored answer until the catalogue is invalidated, then the new
// price; only successes are stored; hostile input on that path is still refused, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makePack, makeUser } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { startTrpcServer } from "~/test/trpc";
import { invalidateCatalogue } from "./catalogue";

let trpc: Awaited<ReturnType<typeof startTrpcServer>>;
let rest: Awaited<ReturnType<typeof startRestServer>>;
beforeAll(async () => {
  [trpc, rest] = await Promise.all([startTrpcServer(), startRestServer()]);
});
afterAll(async () => {
  await Promise.all([trpc?.close(), rest?.close()]);
});

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
type Listed = { packs: Array<{ slug: string; priceFrom: { amountCents: number } | null }> };
const priceIn = (list: Listed, slug: string) => list.packs.find((p) => p.slug === slug)?.priceFrom?.amountCents;

async function prices(slug: string, headers: Record<string, string> = {}) {
  const single = await fetch(`${trpc.url}/api/trpc/pack.list?input=${input({ json: {} })}`, { headers });
  const batched = await fetch(`${trpc.url}/api/trpc/pack.list,pack.bySlug?batch=1&input=${input({ 0: { json: {} }, 1: { json: { slug } } })}`, { headers });
  const restList = await fetch(`${rest.url}/v1/packs`, { headers });
  const restPack = await fetch(`${rest.url}/v1/packs/${slug}`, { headers });
  for (const res of [single, batched, restList, restPack]) {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  }
  const [a, b] = (await batched.json()) as [{ result: { data: { json: Listed } } }, { result: { data: { json: { tiers: Array<{ priceCents: number }> } } } }];
  return {
    trpc: priceIn(((await single.json()) as { result: { data: { json: Listed } } }).result.data.json, slug),
    batchedList: priceIn(a.result.data.json, slug),
    batchedPack: b.result.data.json.tiers[0]?.priceCents,
    restList: priceIn((await restList.json()) as Listed, slug),
    restPack: ((await restPack.json()) as { tiers: Array<{ priceCents: number }> }).tiers[0]?.priceCents,
  };
}
const all = (cents: number) => ({ trpc: cents, batchedList: cents, batchedPack: cents, restList: cents, restPack: cents });

describe("stored catalogue answers", () => {
  it("answer from the store until the catalogue is invalidated, then with the new price, signed in or not", async () => {
    const pack = await makePack({ prices: [4900, 19900, 99900] });
    const user = await makeUser();
    expect(await prices(pack.slug)).toEqual(all(4900));
    // Written behind the cache's back: the stored answers stand, so they really are in the way…
    await getDb().packTier.updateMany({ where: { packId: pack.id, tier: "standard" }, data: { priceCents: 3900 } });
    expect(await prices(pack.slug)).toEqual(all(4900));
    expect(await prices(pack.slug, { cookie: await sessionCookie(user) })).toEqual(all(4900));
    // …and the invalidation every writer calls replaces them at once.
    await invalidateCatalogue();
    expect(await prices(pack.slug)).toEqual(all(3900));
  });

  it("store only successes: a pack that was not found is found once it exists", async () => {
    const slug = `pack-later-${Date.now()}`;
    const missing = await fetch(`${trpc.url}/api/trpc/pack.bySlug?input=${input({ json: { slug } })}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe("not_found");
    expect((await fetch(`${rest.url}/v1/packs/${slug}`)).status).toBe(404);
    // Created without invalidating the catalogue: only an answer that was never stored can show it.
    await getDb().pack.create({
      data: { slug, title: "Later", summary: "s", description: "d", category: "Test", rowSchema: [], sampleRows: [], revenueShareBps: 5000, minContributors: 0 },
    });
    expect((await fetch(`${trpc.url}/api/trpc/pack.bySlug?input=${input({ json: { slug } })}`)).status).toBe(200);
    expect((await fetch(`${rest.url}/v1/packs/${slug}`)).status).toBe(200);
  });

  it("refuse hostile input on that path as tRPC does elsewhere, never with a 500", async () => {
    const deep = `${"[".repeat(1000)}${"]".repeat(1000)}`;
    const answers = await Promise.all([
      fetch(`${trpc.url}/api/trpc/pack.list?input=${encodeURIComponent(deep)}`),
      fetch(`${trpc.url}/api/trpc/pack.list?input=%E0%A4%A`),
      fetch(`${trpc.url}/api/trpc/pack.list?input=${input({ json: { search: "a\u0000b" } })}`),
      fetch(`${trpc.url}/api/trpc/pack.list?input=${input({ json: { search: "x".repeat(5000) } })}`),
      fetch(`${trpc.url}/api/trpc/pack.bySlug?input=${input({ json: { slug: "\ud800" } })}`),
      fetch(`${rest.url}/v1/packs?search=${"x".repeat(5000)}`),
    ]);
    for (const res of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    }
    // A batch with one bad call is tRPC's multi-status answer, served (and not stored) as usual.
    const mixed = await fetch(`${trpc.url}/api/trpc/pack.list,pack.bySlug?batch=1&input=${input({ 0: { json: {} } })}`);
    expect(mixed.status).toBe(207);
    const [list, pack] = (await mixed.json()) as [{ result?: unknown }, { error?: { json: { data: { code: string } } } }];
    expect(list.result).toBeDefined();
    expect(pack.error?.json.data.code).toBe("invalid_request");
  });
});

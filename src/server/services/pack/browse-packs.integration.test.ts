import { describe, expect, it } from "vitest";
import { callerFor, makeOrg, makePack, optIn } from "~/test/factories";
import { getDb } from "~/server/db";
import { startRestServer } from "~/test/rest";

describe("browsing packs", () => {
  it("lists active packs only, with price from and contributors count", async () => {
    const pack = await makePack({ title: "City Trips", prices: [2900, 9900, 49900] });
    await makePack({ title: "Hidden Draft", status: "draft" });
    const seller = await makeOrg({ marketplaceOptIn: true });
    const other = await makeOrg({ marketplaceOptIn: true });
    await optIn(seller.id, pack.id);
    await optIn(seller.id, pack.id); // a second product of the same org counts once
    await optIn(other.id, pack.id);

    const { packs } = await callerFor(null).pack.list({});
    expect(packs.map((p) => p.title)).toEqual(["City Trips"]);
    expect(packs[0]).toMatchObject({
      slug: pack.slug,
      contributorsCount: 2,
      columnsCount: 2,
      priceFrom: { amountCents: 2900, currency: "usd" },
    });
  });

  it("does not count orgs whose global switch is off or whose toggle is off", async () => {
    const pack = await makePack();
    const switchedOff = await makeOrg({ marketplaceOptIn: false });
    const toggledOff = await makeOrg({ marketplaceOptIn: true });
    await optIn(switchedOff.id, pack.id);
    const membership = await optIn(toggledOff.id, pack.id);
    await getDb().packOrgMembership.update({ where: { id: membership.id }, data: { enabled: false } });
    const detail = await callerFor(null).pack.bySlug({ slug: pack.slug });
    expect(detail.contributorsCount).toBe(0);
  });

  it("searches title, summary, description and category, case-insensitively, all words", async () => {
    await makePack({ title: "EV Charging Sessions", category: "Energy" });
    await makePack({ title: "Grocery Baskets", summary: "Basket composition by store", category: "Retail" });
    await makePack({ title: "Clinic Visits", description: "Anonymised clinic visit durations", category: "Health" });
    const titles = async (search: string) => (await callerFor(null).pack.list({ search })).packs.map((p) => p.title);
    expect(await titles("charging")).toEqual(["EV Charging Sessions"]);
    expect(await titles("BASKET store")).toEqual(["Grocery Baskets"]);
    expect(await titles("anonymised")).toEqual(["Clinic Visits"]);
    expect(await titles("retail")).toEqual(["Grocery Baskets"]);
    expect(await titles("basket clinic")).toEqual([]);
    expect(await titles("   ")).toHaveLength(3);
  });

  it("ranks a title match over a category match over a description match, and matches the last word as a prefix", async () => {
    await makePack({ title: "Charger Uptime", description: "Uptime of public chargers for EV fleets", category: "Energy" });
    await makePack({ title: "Fleet Telemetry", category: "EV and mobility", description: "Vehicle telemetry" });
    await makePack({ title: "EV Charging Sessions", category: "Energy", description: "Sessions at public chargers" });
    await makePack({ title: "Evening Footfall", category: "Retail", description: "Store visits after 6pm" });
    const titles = async (search: string) => (await callerFor(null).pack.list({ search })).packs.map((p) => p.title);
    expect(await titles("EV")).toEqual(["EV Charging Sessions", "Evening Footfall", "Fleet Telemetry", "Charger Uptime"]);
    expect(await titles("ev charg")).toEqual(["EV Charging Sessions", "Charger Uptime"]);
    // As typed, a word at a time: each prefix finds it.
    for (const typed of ["char", "chargi", "charging", "charging ses"]) expect((await titles(typed))[0]).toBe("EV Charging Sessions");
    // Stemmed: another form of the word.
    expect(await titles("telemetries")).toEqual(["Fleet Telemetry"]);
  });

  it("takes % and _ and query operators literally: they never match everything", async () => {
    await makePack({ title: "Cart Abandonment", description: "Share of carts abandoned, 100% anonymised" });
    await makePack({ title: "Basket_Size Index", description: "Items per basket" });
    await makePack({ title: "Store Visits", description: "Footfall" });
    const titles = async (search: string) => (await callerFor(null).pack.list({ search })).packs.map((p) => p.title);
    for (const wildcard of ["%", "_", "%%", "_%_", "*", ":*", "&", "|", "!", "'", "\\", "()"]) expect(await titles(wildcard)).toEqual([]);
    expect(await titles("100%")).toEqual(["Cart Abandonment"]);
    expect(await titles("basket_size")).toEqual(["Basket_Size Index"]);
    expect(await titles("st%re")).toEqual([]);
    expect(await titles("sto_e")).toEqual([]);
    expect(await titles("visits | cart")).toEqual([]);
  });

  it("refuses a search over the length limit with a message that says so", async () => {
    const rest = await startRestServer();
    try {
      const res = await fetch(`${rest.url}/v1/packs?search=${"x".repeat(101)}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({ code: "invalid_request", message: expect.stringContaining("at most 100 characters") });
      expect((await fetch(`${rest.url}/v1/packs?search=${"x".repeat(100)}`)).status).toBe(200);
    } finally {
      await rest.close();
    }
  });

  it("filters by category and returns every category for the filter", async () => {
    await makePack({ title: "A", category: "Retail" });
    await makePack({ title: "B", category: "Health" });
    await makePack({ title: "C", category: "Retail" });
    await makePack({ title: "D", category: "Secret", status: "draft" });
    const result = await callerFor(null).pack.list({ category: "retail" });
    expect(result.packs.map((p) => p.title)).toEqual(["A", "C"]);
    expect(result.categories).toEqual(["Health", "Retail"]);
  });

  it("returns a pack with its schema, sample rows and tiers in order", async () => {
    const pack = await makePack({ prices: [4900, 19900, 99900] });
    const detail = await callerFor(null).pack.bySlug({ slug: pack.slug });
    expect(detail.rowSchema.map((c) => c.name)).toEqual(["city", "trips"]);
    expect(detail.sampleRows).toEqual([{ city: "Oslo", trips: 12 }]);
    expect(detail.tiers.map((t) => [t.tier, t.priceCents, t.rowQuota])).toEqual([
      ["standard", 4900, 10_000],
      ["pro", 19900, 100_000],
      ["enterprise", 99900, 1_000_000],
    ]);
  });

  it("finds a pack by its slug in any case, answering with the canonical slug", async () => {
    const pack = await makePack({ slug: "ev-charging-sessions" });
    const detail = await callerFor(null).pack.bySlug({ slug: "EV-Charging-Sessions" });
    expect(detail).toMatchObject({ id: pack.id, slug: "ev-charging-sessions" });
    await expect(callerFor(null).pack.bySlug({ slug: "EV-Charging" })).rejects.toMatchObject({ appCode: "not_found" });
  });

  it("answers not_found for an unknown or draft slug", async () => {
    const draft = await makePack({ status: "draft" });
    for (const slug of ["no-such-pack", draft.slug]) {
      await expect(callerFor(null).pack.bySlug({ slug })).rejects.toMatchObject({ code: "NOT_FOUND", appCode: "not_found" });
    }
  });
});

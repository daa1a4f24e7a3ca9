import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { appendPackRows } from "~/server/services/data-api/append-pack-rows";
import { makeOrg, makePack } from "~/test/factories";
import { getPackFacts } from "./get-pack-facts";

describe("what a buyer gets from a pack", () => {
  it("counts the pack's rows, its newest arrival and its oldest session, and nothing of other packs", async () => {
    const pack = await makePack();
    const other = await makePack();
    expect(await getPackFacts(getDb(), { packId: pack.id })).toEqual({ rowsAvailable: 0, lastRowAt: null, firstSessionAt: null });

    const seller = await makeOrg();
    const product = await getDb().product.create({ data: { orgId: seller.id, name: "Rides" } });
    const row = (packId: string, sessionAt: string) => ({ packId, contributorOrgId: seller.id, productId: product.id, data: { n: 1 }, sessionAt: new Date(sessionAt) });
    await getDb().$transaction((tx) =>
      appendPackRows(tx, [row(pack.id, "2026-03-02T10:00:00Z"), row(pack.id, "2026-01-15T08:00:00Z"), row(pack.id, "2026-05-01T00:00:00Z")]),
    );
    await getDb().$transaction((tx) => appendPackRows(tx, [row(other.id, "2025-01-01T00:00:00Z")]));

    const facts = await getPackFacts(getDb(), { packId: pack.id });
    expect(facts.rowsAvailable).toBe(3);
    expect(facts.firstSessionAt).toEqual(new Date("2026-01-15T08:00:00Z"));
    expect(facts.lastRowAt).toBeInstanceOf(Date);
    expect(Date.now() - facts.lastRowAt!.getTime()).toBeLessThan(60_000);
  });

  it("shows nothing of a pack still collecting contributors: its rows are one or two orgs' own", async () => {
    const pack = await makePack({ minContributors: 2 });
    const rowsOf = async (n: number) => {
      const seller = await makeOrg();
      const product = await getDb().product.create({ data: { orgId: seller.id, name: "Rides" } });
      const rows = Array.from({ length: n }, (_, i) => ({ packId: pack.id, contributorOrgId: seller.id, productId: product.id, data: { n: i }, sessionAt: new Date("2026-03-02T10:00:00Z") }));
      await getDb().$transaction((tx) => appendPackRows(tx, rows));
    };
    await rowsOf(5);
    expect(await getPackFacts(getDb(), { packId: pack.id })).toEqual({ rowsAvailable: 0, lastRowAt: null, firstSessionAt: null });
    await rowsOf(2);
    const facts = await getPackFacts(getDb(), { packId: pack.id });
    expect(facts.rowsAvailable).toBe(7);
    expect(facts.firstSessionAt).toEqual(new Date("2026-03-02T10:00:00Z"));
  });
});

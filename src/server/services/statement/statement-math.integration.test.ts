// Statement math on fixtures worked out by hand (the comments show the arithmetic), drafts that
// recompute idempotently, carry-forward and clawback across months, and currency refusal.
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { addRevenue, contribute, linesOf, makePackWithShare, makePayee, month } from "~/test/payouts";
import { finalizeStatements } from "./finalize-statements";
import { refreshDraftStatements } from "./refresh-draft-statements";

const NOV_20 = new Date("2026-11-20T10:00:00Z");
const DEC_20 = new Date("2026-12-20T10:00:00Z");

// Orgs with fixed ids so that ties (broken by org id ascending) are known in advance.
async function novemberFixture() {
  const a = await makePayee({ id: "org_a", connectId: "acct_a", payoutsEnabled: true });
  const b = await makePayee({ id: "org_b" }); // no Connect account: carried forward
  const c = await makePayee({ id: "org_c", connectId: "acct_c", payoutsEnabled: true });
  const d = await makePayee({ id: "org_d", connectId: "acct_d", payoutsEnabled: true });
  const p1 = await makePackWithShare(5000, "pack_1");
  const p2 = await makePackWithShare(3000, "pack_2");
  const p3 = await makePackWithShare(5000, "pack_3");
  const p4 = await makePackWithShare(5000, "pack_4");
  const p5 = await makePackWithShare(1000, "pack_5");
  // pack_1: gross 10,000 + 4,900 − 900 (a refund in the month) = 14,000; pool 50% = 7,000;
  // sessions 1:1:1 → 2,333.33 each; the one cent left goes to the tie's smallest id, org_a.
  await addRevenue(p1.id, "2026-11", 10_000);
  await addRevenue(p1.id, "2026-11", 4_900);
  await addRevenue(p1.id, "2026-11", -900);
  await contribute(a.id, p1.id, "2026-11", 1);
  await contribute(b.id, p1.id, "2026-11", 1);
  await contribute(c.id, p1.id, "2026-11", 1);
  // pack_2: gross 19,900; pool 30% = 5,970; org_a 150 sessions over two products, org_b 50:
  // 5,970 × 150/200 = 4,477.5 and 5,970 × 50/200 = 1,492.5: the remainders tie, the cent goes to org_a.
  await addRevenue(p2.id, "2026-11", 19_900);
  await contribute(a.id, p2.id, "2026-11", 100, "App");
  await contribute(a.id, p2.id, "2026-11", 50, "Web");
  await contribute(b.id, p2.id, "2026-11", 50);
  // pack_3: sessions but no revenue: org_c's line shows 0.
  await contribute(c.id, p3.id, "2026-11", 10);
  // pack_4: revenue but nobody contributed: a pool of 2,500 that nobody shares.
  await addRevenue(p4.id, "2026-11", 5_000);
  // pack_5: gross 5,000 at 10% = 500, all org_d's: under the 10.00 minimum.
  await addRevenue(p5.id, "2026-11", 5_000);
  await contribute(d.id, p5.id, "2026-11", 7);
  // Other months do not count.
  await addRevenue(p1.id, "2026-10", 99_999);
  await contribute(a.id, p1.id, "2026-12", 1_000);
  return { a, b, c, d, p1, p2, p3, p4, p5 };
}

describe("statement computation", () => {
  it("computes pools and shares by hand-checked figures, and a recomputation changes nothing", async () => {
    const f = await novemberFixture();
    await refreshDraftStatements(getDb(), NOV_20);
    const pools = await getDb().packMonthlyPool.findMany({ where: { month: month("2026-11") }, orderBy: { packId: "asc" } });
    expect(pools.map((p) => [p.packId, p.grossCents, p.revenueShareBps, p.poolCents, p.totalSessions, p.finalizedAt])).toEqual([
      ["pack_1", 14_000, 5000, 7_000, 3, null],
      ["pack_2", 19_900, 3000, 5_970, 200, null],
      ["pack_3", 0, 5000, 0, 10, null],
      ["pack_4", 5_000, 5000, 2_500, 0, null],
      ["pack_5", 5_000, 1000, 500, 7, null],
    ]);
    const share = (packId: string, sessions: number, total: number, gross: number, cents: number) => ({
      kind: "share", packId, sessions, packTotalSessions: total, packGrossCents: gross, shareCents: cents, sourceStatementId: null,
    });
    const a = await linesOf(f.a.id, "2026-11");
    expect(a).toEqual({ status: "draft", totalCents: 6_812, lines: [share("pack_1", 1, 3, 14_000, 2_334), share("pack_2", 150, 200, 19_900, 4_478)] });
    expect(await linesOf(f.b.id, "2026-11")).toEqual({ status: "draft", totalCents: 3_825, lines: [share("pack_1", 1, 3, 14_000, 2_333), share("pack_2", 50, 200, 19_900, 1_492)] });
    expect(await linesOf(f.c.id, "2026-11")).toEqual({ status: "draft", totalCents: 2_333, lines: [share("pack_1", 1, 3, 14_000, 2_333), share("pack_3", 10, 10, 0, 0)] });
    expect(await linesOf(f.d.id, "2026-11")).toEqual({ status: "draft", totalCents: 500, lines: [share("pack_5", 7, 7, 5_000, 500)] });
    // Every pool's lines add up to it (pack_4 has nobody to share with).
    const sums = await getDb().statementLine.groupBy({ by: ["poolId"], where: { kind: "share" }, _sum: { shareCents: true } });
    for (const pool of pools.filter((p) => p.totalSessions > 0)) {
      expect(sums.find((s) => s.poolId === pool.id)?._sum.shareCents).toBe(pool.poolCents);
    }

    const statementIds = (await getDb().orgMonthlyStatement.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id);
    await refreshDraftStatements(getDb(), NOV_20);
    expect(await linesOf(f.a.id, "2026-11")).toEqual(a);
    expect((await getDb().orgMonthlyStatement.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id)).toEqual(statementIds);
    expect(await getDb().statementLine.count()).toBe(7);

    // A new session moves the draft on the next refresh: 7,000 split 2:1:1 = 3,500 / 1,750 / 1,750.
    await contribute(f.a.id, f.p1.id, "2026-11", 2);
    await refreshDraftStatements(getDb(), NOV_20);
    expect((await linesOf(f.a.id, "2026-11"))?.lines[0]?.shareCents).toBe(3_500);
    expect((await linesOf(f.c.id, "2026-11"))?.totalCents).toBe(1_750);
  });

  it("finalizes: pays what can be paid, carries forward the rest, and claws back a late refund next month", async () => {
    const f = await novemberFixture();
    const nov = await finalizeStatements(getDb(), month("2026-11"));
    // org_a 6,812 and org_c 2,333 are payable; org_b has no Connect account; org_d's 500 is under 1,000.
    expect(nov).toMatchObject({ month: "2026-11", statements: 4, finalized: 2, carriedForward: 2, paid: 0, failed: 0 });
    expect(nov.toPay.map((s) => [s.orgId, s.totalCents])).toEqual([["org_a", 6_812], ["org_c", 2_333]]);
    expect(await getDb().packMonthlyPool.count({ where: { month: month("2026-11"), finalizedAt: null } })).toBe(0);
    // Finalizing again is a no-op with the same answer, even after the data moved.
    await contribute(f.a.id, f.p1.id, "2026-11", 50);
    expect(await finalizeStatements(getDb(), month("2026-11"))).toEqual(nov);
    expect((await linesOf(f.a.id, "2026-11"))?.totalCents).toBe(6_812);

    // A refund of 3,000 on pack_1 dated November arrives after finalization. November's pool should
    // have been floor(11,000 × 50%) = 5,500 → 1,834 / 1,833 / 1,833 instead of 2,334 / 2,333 / 2,333:
    // each org gives back 500 on its next statement.
    const noveStatements = await getDb().orgMonthlyStatement.findMany({ where: { month: month("2026-11") }, select: { id: true, orgId: true } });
    const novId = (orgId: string) => noveStatements.find((s) => s.orgId === orgId)!.id;
    await addRevenue(f.p1.id, "2026-11", -3_000);
    // December: pack_2 earns 10,000 → pool 3,000, all org_a's.
    await addRevenue(f.p2.id, "2026-12", 10_000);
    await contribute(f.a.id, f.p2.id, "2026-12", 4);
    await getDb().contribution.deleteMany({ where: { month: month("2026-12"), packId: f.p1.id } });
    await refreshDraftStatements(getDb(), DEC_20);
    const adjustment = (orgId: string) => ({
      kind: "adjustment", packId: "pack_1", sessions: 1, packTotalSessions: 3, packGrossCents: -3_000, shareCents: -500, sourceStatementId: novId(orgId),
    });
    const carried = (orgId: string, cents: number) => ({
      kind: "carried_forward", packId: null, sessions: 0, packTotalSessions: 0, packGrossCents: 0, shareCents: cents, sourceStatementId: novId(orgId),
    });
    expect(await linesOf(f.a.id, "2026-12")).toEqual({
      status: "draft",
      totalCents: 2_500,
      lines: [adjustment("org_a"), { kind: "share", packId: "pack_2", sessions: 4, packTotalSessions: 4, packGrossCents: 10_000, shareCents: 3_000, sourceStatementId: null }],
    });
    expect(await linesOf(f.b.id, "2026-12")).toEqual({ status: "draft", totalCents: 3_325, lines: [adjustment("org_b"), carried("org_b", 3_825)] });
    expect(await linesOf(f.c.id, "2026-12")).toEqual({ status: "draft", totalCents: -500, lines: [adjustment("org_c")] });
    expect(await linesOf(f.d.id, "2026-12")).toEqual({ status: "draft", totalCents: 500, lines: [carried("org_d", 500)] });
    // Refreshing again places each pending item once.
    await refreshDraftStatements(getDb(), DEC_20);
    expect(await getDb().statementLine.count({ where: { kind: { not: "share" } } })).toBe(5);

    // December is finalized: org_c's −500 is negative and org_d's 500 still under the minimum, both
    // carried into January; org_b still cannot be paid; org_a is paid.
    const dec = await finalizeStatements(getDb(), month("2026-12"));
    expect(dec.toPay.map((s) => [s.orgId, s.totalCents])).toEqual([["org_a", 2_500]]);
    expect(dec.carriedForward).toBe(3);
    await refreshDraftStatements(getDb(), new Date("2027-01-10T00:00:00Z"));
    const jan = await getDb().orgMonthlyStatement.findMany({ where: { month: month("2027-01") }, select: { orgId: true, totalCents: true }, orderBy: { orgId: "asc" } });
    expect(jan).toEqual([
      { orgId: "org_b", totalCents: 3_325 },
      { orgId: "org_c", totalCents: -500 },
      { orgId: "org_d", totalCents: 500 },
    ]);
    // The clawback is not taken twice: nothing more is adjusted in January.
    expect(await getDb().statementLine.count({ where: { kind: "adjustment", statement: { month: month("2027-01") } } })).toBe(0);
  });

  it("refuses to finalize a month with revenue in another currency, and says which", async () => {
    const f = await novemberFixture();
    await addRevenue(f.p1.id, "2026-11", 5_000, { currency: "eur" });
    const drafts = await refreshDraftStatements(getDb(), NOV_20);
    expect(drafts.find((r) => r.month === "2026-11")?.refusedRevenue).toEqual([{ packId: "pack_1", currency: "eur", amountCents: 5_000 }]);
    // The euro revenue is not mixed into the dollar pool.
    expect((await getDb().packMonthlyPool.findFirstOrThrow({ where: { packId: "pack_1", month: month("2026-11") } })).grossCents).toBe(14_000);
    await expect(finalizeStatements(getDb(), month("2026-11"))).rejects.toThrow(/revenue outside the statement currency \(5000 eur on pack pack_1\)/);
    expect(await getDb().orgMonthlyStatement.count({ where: { status: { not: "draft" } } })).toBe(0);
  });

  it("finalizes a month left in draft (its run never happened) as carried forward before the next one", async () => {
    const a = await makePayee({ id: "org_a", connectId: "acct_a", payoutsEnabled: true });
    const p = await makePackWithShare(5000, "pack_1");
    await addRevenue(p.id, "2026-10", 4_000);
    await contribute(a.id, p.id, "2026-10", 1);
    await refreshDraftStatements(getDb(), new Date("2026-10-20T00:00:00Z"));
    await addRevenue(p.id, "2026-11", 6_000);
    await contribute(a.id, p.id, "2026-11", 1);
    const nov = await finalizeStatements(getDb(), month("2026-11"));
    expect(nov.toPay).toEqual([expect.objectContaining({ orgId: "org_a", totalCents: 5_000 })]);
    expect((await linesOf(a.id, "2026-10"))?.status).toBe("carried_forward");
    expect((await linesOf(a.id, "2026-11"))?.lines.map((l) => [l.kind, l.shareCents])).toEqual([["carried_forward", 2_000], ["share", 3_000]]);
  });
});

// The read side of statements, through every door: the tRPC procedures the pages call, REST
// (GET /v1/marketplace/statements?month= and /list) and the CSV and PDF downloads, on the fixture
// of src/test/statements.ts whose figures are worked out by hand there.
import type { TRPCError } from "@trpc/server";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIVE_ORG_HEADER } from "~/lib/active-org";
import { getDb } from "~/server/db";
import { toPublicError } from "~/server/errors";
import { addMember, callerFor, makeOrg, makePack, makeUser, makeUserInOrg, sessionFor } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { insertStatement, insertStatementFixture } from "~/test/statements";
import { listStatements } from "./list-statements";

let rest: Awaited<ReturnType<typeof startRestServer>>;
beforeAll(async () => {
  rest = await startRestServer();
});
afterAll(() => rest?.close());

async function sellerWithStatements(role: "owner" | "admin" | "member" = "owner") {
  const user = await makeUser();
  const org = await getDb().org.create({ data: { name: "Acme Sellers", slug: "acme-sellers", settings: { create: {} } } });
  await addMember(user.id, org.id, role);
  const alpha = await makePack({ slug: "alpha-trips", title: "Alpha Trips" });
  const beta = await makePack({ slug: "beta-baskets", title: "Beta Baskets, Weekly" });
  const statements = await insertStatementFixture(getDb(), { orgId: org.id, alphaPackId: alpha.id, betaPackId: beta.id });
  return { user, org, alpha, beta, statements, caller: callerFor(sessionFor(user), org.id) };
}

async function get(path: string, user: { id: string; email: string } | null, orgId?: string) {
  const headers: Record<string, string> = {};
  if (user) headers.cookie = await sessionCookie(user);
  if (orgId) headers[ACTIVE_ORG_HEADER] = orgId;
  return fetch(`${rest.url}${path}`, { headers });
}

async function errorOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return toPublicError(error as TRPCError).code;
  }
}

describe("a month's statement", () => {
  it("has its lines with every figure a seller needs to recompute a share, and the statement a carried or clawed-back amount comes from", async () => {
    const { caller, alpha, beta, statements } = await sellerWithStatements();
    const feb = await caller.statement.byMonth({ month: "2026-02-01" });
    expect(feb).toMatchObject({ id: statements.feb.id, month: "2026-02-01", status: "paid", currency: "usd", totalCents: 13_133, transferId: "tr_fixture_feb" });
    expect(feb.paidAt).toEqual(new Date("2026-03-05T06:02:00Z"));
    expect(feb.lines.map((l) => ({ kind: l.kind, pack: l.pack?.slug ?? null, sessions: l.sessions, total: l.packTotalSessions, pct: l.sharePercent, gross: l.packGrossCents, bps: l.revenueShareBps, pool: l.poolCents, share: l.shareCents, source: l.source?.month ?? null }))).toEqual([
      { kind: "share", pack: alpha.slug, sessions: 120, total: 480, pct: "25.00", gross: 100_000, bps: 5000, pool: 50_000, share: 12_500, source: null },
      { kind: "share", pack: beta.slug, sessions: 2, total: 3, pct: "66.67", gross: 1_001, bps: 5000, pool: 500, share: 333, source: null },
      { kind: "carried_forward", pack: null, sessions: 0, total: 0, pct: null, gross: 0, bps: null, pool: null, share: 300, source: "2026-01-01" },
    ]);
    expect(feb.totals).toEqual({ sharesCents: 12_833, adjustmentsCents: 0, carriedForwardCents: 300, totalCents: 13_133 });

    const mar = await caller.statement.byMonth({ month: "2026-03-01" });
    expect(mar.lines.find((l) => l.kind === "adjustment")).toMatchObject({ shareCents: -250, pack: { slug: alpha.slug }, source: { id: statements.feb.id, month: "2026-02-01", status: "paid" } });
    expect(mar).toMatchObject({ status: "failed", totalCents: 1_250, transferId: "tr_fixture_mar", paidAt: null });
  });

  it("is named by any real day of its month, or by the month itself (YYYY-MM)", async () => {
    const { caller, statements, user, org } = await sellerWithStatements();
    for (const day of ["2026-02-01", "2026-02-17", "2026-02-28", "2026-02"]) {
      expect((await caller.statement.byMonth({ month: day })).id, day).toBe(statements.feb.id);
    }
    const res = await get("/v1/marketplace/statements?month=2026-03-31", user, org.id);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(statements.mar.id);
  });

  it("refuses a month that is not a real date: 400 invalid_request through REST and tRPC", async () => {
    const { user, org, caller } = await sellerWithStatements();
    for (const month of ["2026-02-30", "2026-13-01", "2026-00-01", "2025-02-29", "garbage", "2026-2", "2026-13", "", "2026-02-01T00:00:00Z"]) {
      const res = await get(`/v1/marketplace/statements?month=${encodeURIComponent(month)}`, user, org.id);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect({ month, status: res.status, code: body.error.code }).toEqual({ month, status: 400, code: "invalid_request" });
      expect(body.error.message).toContain("month");
      expect(await errorOf(caller.statement.byMonth({ month })), month).toBe("invalid_request");
    }
    const missing = await get("/v1/marketplace/statements", user, org.id);
    expect(missing.status).toBe(400);
  });

  it("is not_found for a month without a statement, and for another org's statement", async () => {
    const { caller, org } = await sellerWithStatements();
    expect(await errorOf(caller.statement.byMonth({ month: "2026-04-01" }))).toBe("not_found");
    const other = await makeUserInOrg("owner");
    const outsider = callerFor(sessionFor(other.user), other.org.id);
    expect(await errorOf(outsider.statement.byMonth({ month: "2026-02-01" }))).toBe("not_found");
    // Naming the seller org without belonging to it is not_found too, never forbidden.
    expect(await errorOf(callerFor(sessionFor(other.user), org.id).statement.byMonth({ month: "2026-02-01" }))).toBe("not_found");
    const res = await get("/v1/marketplace/statements?month=2026-04-01", other.user, org.id);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("may be read by a member, not only by admins and owners", async () => {
    const { caller, statements } = await sellerWithStatements("member");
    expect((await caller.statement.byMonth({ month: "2026-02-01" })).id).toBe(statements.feb.id);
    expect((await caller.statement.list()).statements).toHaveLength(3);
  });
});

describe("the statements by month", () => {
  it("lists earlier months newest first, with what each was carried into, and what is still carried forward", async () => {
    const { caller, org, statements } = await sellerWithStatements();
    const list = await caller.statement.list();
    expect(list.statements.map((s) => [s.month, s.status, s.totalCents, s.transferId, s.carriedInto?.id ?? null])).toEqual([
      ["2026-03-01", "failed", 1_250, "tr_fixture_mar", null],
      ["2026-02-01", "paid", 13_133, "tr_fixture_feb", null],
      ["2026-01-01", "carried_forward", 300, null, statements.feb.id],
    ]);
    // January was taken in by February (paid); March's failed transfer is still to carry.
    expect(list.carriedForward).toEqual([{ currency: "usd", amountCents: 1_250, from: [{ id: statements.mar.id, month: "2026-03-01", status: "failed", amountCents: 1_250 }] }]);
    expect(list.current).toMatchObject({ exists: false, status: "draft", totalCents: 0, lineCount: 0, id: null });

    // April's draft, kept current by the refresh, has taken March in: still carried forward until April is finalized.
    const april = await insertStatement(getDb(), { orgId: org.id, month: "2026-04", status: "draft", lines: [{ kind: "carried_forward", sourceStatementId: statements.mar.id, shareCents: 1_250 }] });
    const inApril = await listStatements(getDb(), { orgId: org.id, now: new Date("2026-04-20T12:00:00Z") });
    expect(inApril.current).toMatchObject({ id: april.id, month: "2026-04-01", status: "draft", totalCents: 1_250, lineCount: 1, exists: true });
    expect(inApril.statements.map((s) => s.month)).toEqual(["2026-03-01", "2026-02-01", "2026-01-01"]);
    expect(inApril.statements[0]!.carriedInto).toEqual({ id: april.id, month: "2026-04-01", status: "draft" });
    expect(inApril.carriedForward[0]?.amountCents).toBe(1_250);

    await getDb().orgMonthlyStatement.update({ where: { id: april.id }, data: { status: "finalized", finalizedAt: new Date("2026-05-05T06:00:00Z") } });
    const inMay = await listStatements(getDb(), { orgId: org.id, now: new Date("2026-05-02T00:00:00Z") });
    expect(inMay.carriedForward).toEqual([]);
    expect(inMay.current).toMatchObject({ month: "2026-05-01", exists: false });
  });

  it("is empty for an org without statements, through REST too", async () => {
    const { user, org } = await makeUserInOrg("member");
    const res = await get("/v1/marketplace/statements/list", user, org.id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statements: unknown[]; carriedForward: unknown[]; current: { exists: boolean; month: string } };
    expect(body.statements).toEqual([]);
    expect(body.carriedForward).toEqual([]);
    expect(body.current.exists).toBe(false);
    expect(body.current.month).toMatch(/^\d{4}-\d{2}-01$/);
    expect((await get("/v1/marketplace/statements/list", null)).status).toBe(401);
  });
});

describe("statement downloads", () => {
  it("CSV: a header, one record per line, the totals; money as decimal strings with the currency", async () => {
    const { user, org } = await sellerWithStatements("member");
    const res = await get("/v1/marketplace/statements/2026-02.csv", user, org.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="pack-market-statement-acme-sellers-2026-02.csv"');
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.text()).toBe(
      [
        "month,status,kind,pack_slug,pack_title,source_month,sessions,pack_total_sessions,share_percent,pack_gross,revenue_share_bps,pool,amount,currency",
        "2026-02,paid,share,alpha-trips,Alpha Trips,,120,480,25.00,1000.00,5000,500.00,125.00,USD",
        '2026-02,paid,share,beta-baskets,"Beta Baskets, Weekly",,2,3,66.67,10.01,5000,5.00,3.33,USD',
        "2026-02,paid,carried_forward,,,2026-01,,,,,,,3.00,USD",
        "2026-02,paid,total_shares,,,,,,,,,,128.33,USD",
        "2026-02,paid,total_adjustments,,,,,,,,,,0.00,USD",
        "2026-02,paid,total_carried_forward,,,,,,,,,,3.00,USD",
        "2026-02,paid,total,,,,,,,,,,131.33,USD",
        "",
      ].join("\n"),
    );
    const march = await (await get("/v1/marketplace/statements/2026-03-15.csv", user, org.id)).text();
    expect(march.split("\n")[2]).toBe("2026-03,failed,adjustment,alpha-trips,Alpha Trips,2026-02,,,,,,,-2.50,USD");
  });

  it("PDF: a real PDF that reads back with the org, month, status, lines, totals, paid date and transfer id", async () => {
    const { user, org } = await sellerWithStatements();
    const res = await get("/v1/marketplace/statements/2026-02.pdf", user, org.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="pack-market-statement-acme-sellers-2026-02.pdf"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const pdf = await getDocumentProxy(bytes);
    const { text } = await extractText(pdf, { mergePages: true });
    for (const expected of ["Acme Sellers", "February 2026", "Paid", "$131.33", "$128.33", "$125.00", "$3.33", "$3.00", "Alpha Trips", "Beta Baskets, Weekly", "25.00%", "66.67%", "$500.00", "Mar 5, 2026", "tr_fixture_feb", "Carried forward from January 2026"]) {
      expect(text, expected).toContain(expected);
    }

    const march = await get("/v1/marketplace/statements/2026-03.pdf", user, org.id);
    const marchText = (await extractText(await getDocumentProxy(new Uint8Array(await march.arrayBuffer())), { mergePages: true })).text;
    for (const expected of ["Failed", "$12.50", "-$2.50", "Clawback: refund on Alpha Trips after the February 2026 statement", "tr_fixture_mar"]) {
      expect(marchText, expected).toContain(expected);
    }
  });

  it("spreads a statement with many lines over pages", async () => {
    const { org, user } = await makeUserInOrg("owner");
    const lines = [];
    for (let i = 0; i < 60; i++) {
      const pack = await makePack({ title: `Pack number ${String(i).padStart(2, "0")}` });
      lines.push({ kind: "share" as const, packId: pack.id, sessions: 1, packTotalSessions: 2, grossCents: 200, revenueShareBps: 5000, poolCents: 100, shareCents: 50 });
    }
    await insertStatement(getDb(), { orgId: org.id, month: "2026-06", status: "finalized", lines });
    const res = await get("/v1/marketplace/statements/2026-06.pdf", user, org.id);
    const pdf = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
    expect(pdf.numPages).toBeGreaterThan(1);
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain("Pack number 59");
    expect(text).toContain("$30.00");
  });

  it("refuses what is not a statement of the org: bad month 400, missing month 404, another org 404, no session 401, not GET 405", async () => {
    const { user, org } = await sellerWithStatements();
    const other = await makeUserInOrg("owner");
    const cases: [string, { id: string; email: string } | null, string | undefined, number, string][] = [
      ["/v1/marketplace/statements/2026-13.csv", user, org.id, 400, "invalid_request"],
      ["/v1/marketplace/statements/2026-02-30.pdf", user, org.id, 400, "invalid_request"],
      ["/v1/marketplace/statements/garbage.pdf", user, org.id, 400, "invalid_request"],
      ["/v1/marketplace/statements/2026-04.csv", user, org.id, 404, "not_found"],
      ["/v1/marketplace/statements/2026-02.pdf", other.user, other.org.id, 404, "not_found"],
      ["/v1/marketplace/statements/2026-02.pdf", other.user, org.id, 404, "not_found"],
      ["/v1/marketplace/statements/2026-02.csv", null, org.id, 401, "unauthorized"],
      ["/v1/marketplace/statements/2026-02.txt", user, org.id, 404, "not_found"],
    ];
    for (const [path, who, orgId, status, code] of cases) {
      const res = await get(path, who, orgId);
      expect({ path, status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code }).toEqual({ path, status, code });
    }
    const post = await fetch(`${rest.url}/v1/marketplace/statements/2026-02.csv`, { method: "POST", headers: { cookie: await sessionCookie(user) } });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });

  it("keeps every org on its own statement when both have one for the month", async () => {
    const seller = await sellerWithStatements();
    const otherOrg = await makeOrg();
    await addMember(seller.user.id, otherOrg.id, "member");
    await insertStatement(getDb(), { orgId: otherOrg.id, month: "2026-02", status: "draft", lines: [{ kind: "share", packId: seller.alpha.id, sessions: 1, packTotalSessions: 480, grossCents: 100_000, revenueShareBps: 5000, poolCents: 50_000, shareCents: 104 }] });
    const mine = await (await get("/v1/marketplace/statements/2026-02.csv", seller.user, seller.org.id)).text();
    const theirs = await (await get("/v1/marketplace/statements/2026-02.csv", seller.user, otherOrg.id)).text();
    expect(mine).toContain(",total,,,,,,,,,,131.33,USD");
    expect(theirs).toContain(",total,,,,,,,,,,1.04,USD");
    expect(theirs).toContain(",draft,");
  });
});

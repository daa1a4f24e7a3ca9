// Opt-in: the state a seller reads, the changes it sends (tRPC and PUT /v1/marketplace/opt-in), the
// history every change leaves, concurrent toggles, roles, tenancy, and the earnings estimate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { addMember, callerFor, makeOrg, makePack, makeUser, makeUserInOrg, sessionFor, uid } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { getOptIn } from "./get-opt-in";
import { setOptIn } from "./set-opt-in";

const DAY = 86_400_000;

let rest: Awaited<ReturnType<typeof startRestServer>>;
beforeAll(async () => {
  rest = await startRestServer();
});
afterAll(() => rest?.close());

async function seller(role: "owner" | "admin" | "member" = "owner") {
  const { user, org } = await makeUserInOrg(role);
  const db = getDb();
  const product = await db.product.create({ data: { orgId: org.id, name: `Ride ${uid()}` } });
  return { user, org, product, caller: callerFor(sessionFor(user), org.id) };
}

async function cellPeriods(productId: string, packId: string) {
  return getDb().packOptInPeriod.findMany({
    where: { membership: { productId, packId } },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: { startedAt: true, endedAt: true },
  });
}

async function switchPeriods(orgId: string) {
  return getDb().marketplaceOptInPeriod.findMany({ where: { orgId }, orderBy: [{ startedAt: "asc" }, { id: "asc" }], select: { startedAt: true, endedAt: true } });
}

// Periods of one toggle never overlap and at most the last is open.
function expectWellFormed(periods: { startedAt: Date; endedAt: Date | null }[]) {
  periods.forEach((p, i) => {
    if (i < periods.length - 1) expect(p.endedAt, `period ${i} of ${periods.length} is closed`).not.toBeNull();
    if (p.endedAt) expect(p.endedAt.getTime()).toBeGreaterThanOrEqual(p.startedAt.getTime());
    const next = periods[i + 1];
    if (next && p.endedAt) expect(next.startedAt.getTime()).toBeGreaterThanOrEqual(p.endedAt.getTime());
  });
}

describe("reading the opt-in state", () => {
  it("lists every product × active pack, off, with the switch off, for a new seller", async () => {
    const { product, caller } = await seller();
    const pack = await makePack({ title: "Alpha trips" });
    const draft = await makePack({ status: "draft" });
    const state = await caller.optIn.get();
    expect(state.marketplaceOptIn).toBe(false);
    expect(state.marketplaceOptInSince).toBeNull();
    expect(state.products).toEqual([{ id: product.id, name: product.name, description: "" }]);
    expect(state.packs.map((p) => p.id)).toEqual([pack.id]);
    expect(state.packs.map((p) => p.id)).not.toContain(draft.id);
    expect(state.cells).toEqual([
      {
        productId: product.id,
        packId: pack.id,
        enabled: false,
        enabledSince: null,
        changedAt: null,
        estimate: { amountCents: 0, currency: "usd", windowDays: 30, productSessions: 0, packSessions: 0, grossCents: 0, poolCents: 0 },
      },
    ]);
  });
});

describe("changing the opt-in state", () => {
  it("keeps every change of a cell and of the switch as a period, and GET reflects it", async () => {
    const { org, product } = await seller();
    const pack = await makePack();
    const db = getDb();
    const t1 = new Date("2026-11-03T10:00:00Z");
    const t2 = new Date("2026-11-15T12:30:00Z");
    const t3 = new Date("2026-11-20T08:00:00Z");
    const cell = { productId: product.id, packId: pack.id };

    expect(await setOptIn(db, { orgId: org.id, marketplaceOptIn: true, changes: [{ ...cell, enabled: true }], now: t1 })).toEqual({ changed: 2 });
    let state = await getOptIn(db, { orgId: org.id, now: t1 });
    expect(state.marketplaceOptIn).toBe(true);
    expect(state.marketplaceOptInSince).toEqual(t1);
    expect(state.cells[0]).toMatchObject({ enabled: true, enabledSince: t1, changedAt: t1, estimate: null });

    // Mid-month opt-out of the cell, then the switch off and on again.
    expect(await setOptIn(db, { orgId: org.id, changes: [{ ...cell, enabled: false }], now: t2 })).toEqual({ changed: 1 });
    expect(await setOptIn(db, { orgId: org.id, marketplaceOptIn: false, now: t2 })).toEqual({ changed: 1 });
    expect(await setOptIn(db, { orgId: org.id, marketplaceOptIn: true, changes: [{ ...cell, enabled: true }], now: t3 })).toEqual({ changed: 2 });

    expect(await cellPeriods(product.id, pack.id)).toEqual([
      { startedAt: t1, endedAt: t2 },
      { startedAt: t3, endedAt: null },
    ]);
    expect(await switchPeriods(org.id)).toEqual([
      { startedAt: t1, endedAt: t2 },
      { startedAt: t3, endedAt: null },
    ]);
    state = await getOptIn(db, { orgId: org.id, now: t3 });
    expect(state.marketplaceOptInSince).toEqual(t3);
    expect(state.cells[0]).toMatchObject({ enabled: true, enabledSince: t3, changedAt: t3 });
    const membership = await db.packOrgMembership.findFirstOrThrow({ where: cell });
    expect(membership).toMatchObject({ enabled: true, updatedAt: t3 });
    expect(await db.orgSettings.findUniqueOrThrow({ where: { orgId: org.id } })).toMatchObject({ marketplaceOptIn: true, updatedAt: t3 });
  });

  it("does nothing when a change sets what already holds", async () => {
    const { org, product } = await seller();
    const pack = await makePack();
    const db = getDb();
    const cell = { productId: product.id, packId: pack.id };
    await setOptIn(db, { orgId: org.id, marketplaceOptIn: true, changes: [{ ...cell, enabled: true }], now: new Date("2026-11-01T00:00:00Z") });
    const before = { cell: await cellPeriods(product.id, pack.id), switch: await switchPeriods(org.id) };

    expect(await setOptIn(db, { orgId: org.id, marketplaceOptIn: true, changes: [{ ...cell, enabled: true }], now: new Date("2026-11-09T00:00:00Z") })).toEqual({
      changed: 0,
    });
    expect({ cell: await cellPeriods(product.id, pack.id), switch: await switchPeriods(org.id) }).toEqual(before);

    // Switching off a cell that was never on leaves no period at all.
    const other = await makePack();
    expect(await setOptIn(db, { orgId: org.id, changes: [{ productId: product.id, packId: other.id, enabled: false }] })).toEqual({ changed: 0 });
    expect(await cellPeriods(product.id, other.id)).toEqual([]);
  });

  it("takes a list of changes through PUT /v1/marketplace/opt-in and answers the new state", async () => {
    const { user, org, product } = await seller("admin");
    const [a, b] = [await makePack({ title: "A pack" }), await makePack({ title: "B pack" })];
    const cookie = await sessionCookie(user);
    const headers = { cookie, "x-pm-org": org.id, "content-type": "application/json" };
    const put = await fetch(`${rest.url}/v1/marketplace/opt-in`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ marketplaceOptIn: true, changes: [{ productId: product.id, packId: b.id, enabled: true }] }),
    });
    expect(put.status).toBe(200);
    const answer = (await put.json()) as { changed: number; marketplaceOptIn: boolean; cells: { packId: string; enabled: boolean; enabledSince: string | null }[] };
    expect(answer.changed).toBe(2);
    expect(answer.marketplaceOptIn).toBe(true);
    expect(answer.cells.map((c) => [c.packId, c.enabled])).toEqual([
      [a.id, false],
      [b.id, true],
    ]);

    // Only the switch this time: the cell keeps its state.
    await fetch(`${rest.url}/v1/marketplace/opt-in`, { method: "PUT", headers, body: JSON.stringify({ marketplaceOptIn: false }) });
    const get = await fetch(`${rest.url}/v1/marketplace/opt-in`, { headers: { cookie, "x-pm-org": org.id } });
    const state = (await get.json()) as typeof answer & { marketplaceOptInSince: string | null };
    expect(state.marketplaceOptIn).toBe(false);
    expect(state.marketplaceOptInSince).toBeNull();
    expect(state.cells.find((c) => c.packId === b.id)).toMatchObject({ enabled: true, enabledSince: expect.any(String) });
    expect((await switchPeriods(org.id)).map((p) => p.endedAt === null)).toEqual([false]);

    const empty = await fetch(`${rest.url}/v1/marketplace/opt-in`, { method: "PUT", headers, body: JSON.stringify({ changes: [] }) });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  });

  it("applies all changes of a request or none: another org's product is not_found and nothing changes", async () => {
    const { org, product, caller } = await seller();
    const pack = await makePack();
    const stranger = await seller();
    const attempt = caller.optIn.set({
      marketplaceOptIn: true,
      changes: [
        { productId: product.id, packId: pack.id, enabled: true },
        { productId: stranger.product.id, packId: pack.id, enabled: true },
      ],
    });
    await expect(attempt).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().packOrgMembership.count()).toBe(0);
    expect(await switchPeriods(org.id)).toEqual([]);
    expect(await getDb().orgSettings.findUniqueOrThrow({ where: { orgId: org.id } })).toMatchObject({ marketplaceOptIn: false });

    // The other org's state is untouched too, and its product is not_found through REST as well.
    const cookie = await sessionCookie((await getDb().membership.findFirstOrThrow({ where: { orgId: org.id }, include: { user: true } })).user);
    const res = await fetch(`${rest.url}/v1/marketplace/opt-in`, {
      method: "PUT",
      headers: { cookie, "x-pm-org": org.id, "content-type": "application/json" },
      body: JSON.stringify({ changes: [{ productId: stranger.product.id, packId: pack.id, enabled: false }] }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("refuses an unknown pack, opting into a pack that is not active, and a cell sent twice", async () => {
    const { product, caller } = await seller();
    const draft = await makePack({ status: "draft" });
    const pack = await makePack();
    await expect(caller.optIn.set({ changes: [{ productId: product.id, packId: "no-such-pack", enabled: true }] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.optIn.set({ changes: [{ productId: product.id, packId: draft.id, enabled: true }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("not open for contributions"),
    });
    // Switching off is always allowed, whatever the pack's status.
    await expect(caller.optIn.set({ changes: [{ productId: product.id, packId: draft.id, enabled: false }] })).resolves.toMatchObject({ changed: 0 });
    const twice = [
      { productId: product.id, packId: pack.id, enabled: true },
      { productId: product.id, packId: pack.id, enabled: false },
    ];
    await expect(caller.optIn.set({ changes: twice })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("twice") });
  });

  it("lets members read and refuses them changes (403), through tRPC and REST", async () => {
    const { org, product } = await seller();
    const pack = await makePack();
    const member = await makeUser();
    await addMember(member.id, org.id, "member");
    const caller = callerFor(sessionFor(member), org.id);
    expect((await caller.optIn.get()).cells).toHaveLength(1);
    await expect(caller.optIn.set({ marketplaceOptIn: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const res = await fetch(`${rest.url}/v1/marketplace/opt-in`, {
      method: "PUT",
      headers: { cookie: await sessionCookie(member), "x-pm-org": org.id, "content-type": "application/json" },
      body: JSON.stringify({ changes: [{ productId: product.id, packId: pack.id, enabled: true }] }),
    });
    expect(res.status).toBe(403);
    expect(await getDb().packOrgMembership.count()).toBe(0);
  });
});

describe("concurrent toggles", () => {
  it("never leave two open periods: parallel requests on one cell and on the switch run one after the other", async () => {
    const { org, product } = await seller();
    const pack = await makePack();
    const db = getDb();
    const cell = { productId: product.id, packId: pack.id };
    // The cell does not exist yet: the first requests also race to create it.
    const requests = Array.from({ length: 16 }, (_, i) =>
      setOptIn(db, { orgId: org.id, marketplaceOptIn: i % 3 !== 0, changes: [{ ...cell, enabled: i % 2 === 0 }] }),
    );
    const results = await Promise.all(requests);

    expect(await db.packOrgMembership.count({ where: cell })).toBe(1);
    const membership = await db.packOrgMembership.findFirstOrThrow({ where: cell });
    const periods = await cellPeriods(product.id, pack.id);
    expectWellFormed(periods);
    expect(periods.filter((p) => p.endedAt === null).length).toBe(membership.enabled ? 1 : 0);
    // Every effective change of the cell opened or closed a period.
    const cellChanges = periods.length + periods.filter((p) => p.endedAt !== null).length;
    const switchRows = await switchPeriods(org.id);
    expectWellFormed(switchRows);
    const settings = await db.orgSettings.findUniqueOrThrow({ where: { orgId: org.id } });
    expect(switchRows.filter((p) => p.endedAt === null).length).toBe(settings.marketplaceOptIn ? 1 : 0);
    const switchChanges = switchRows.length + switchRows.filter((p) => p.endedAt !== null).length;
    expect(results.reduce((sum, r) => sum + r.changed, 0)).toBe(cellChanges + switchChanges);
    expect(cellChanges).toBeGreaterThan(0);
  });

  it("never deadlock when requests change the same cells in different orders", async () => {
    const { org } = await seller();
    const db = getDb();
    const products = await Promise.all([0, 1, 2].map((i) => db.product.create({ data: { orgId: org.id, name: `P${i} ${uid()}` } })));
    const pack = await makePack();
    const cells = products.map((p) => ({ productId: p.id, packId: pack.id }));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const order = i % 2 === 0 ? cells : [...cells].reverse();
        return setOptIn(db, { orgId: org.id, changes: order.map((c) => ({ ...c, enabled: i % 4 < 2 })) });
      }),
    );
    expect(results).toHaveLength(12);
    for (const c of cells) {
      const periods = await cellPeriods(c.productId, c.packId);
      expectWellFormed(periods);
      const { enabled } = await db.packOrgMembership.findFirstOrThrow({ where: c });
      expect(periods.filter((p) => p.endedAt === null).length).toBe(enabled ? 1 : 0);
    }
  });
});

describe("the earnings estimate", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  async function rows(packId: string, orgId: string, productId: string, times: Date[]) {
    await getDb().packRow.createMany({ data: times.map((sessionAt) => ({ packId, contributorOrgId: orgId, productId, data: { city: "Oslo", trips: 1 }, sessionAt })) });
  }
  async function revenue(packId: string, amountCents: number, occurredAt: Date) {
    await getDb().revenue.create({
      data: { stripeObjectId: `in_${uid()}`, kind: "invoice", packId, month: new Date(Date.UTC(occurredAt.getUTCFullYear(), occurredAt.getUTCMonth(), 1)), amountCents, currency: "usd", occurredAt },
    });
  }

  it("splits the pack's last 30 days of pool between the product's recent sessions and everyone else's", async () => {
    const { org, product: fresh } = await seller();
    const db = getDb();
    const before = await db.product.create({ data: { orgId: org.id, name: `Before ${uid()}` } });
    const pack = await makePack({ title: "P" });
    const other = await makePack({ title: "Q" });
    const contributor = await makeOrg();
    const theirs = await db.product.create({ data: { orgId: contributor.id, name: "Theirs" } });

    // The pack: 9,999 of revenue and 29 sessions of others in the window; older ones do not count.
    await revenue(pack.id, 9_999, ago(3));
    await revenue(pack.id, 5_000, ago(31));
    await rows(pack.id, contributor.id, theirs.id, Array.from({ length: 29 }, (_, i) => ago(i + 0.5)));
    await rows(pack.id, contributor.id, theirs.id, [ago(40), ago(35)]);
    // `fresh` never fed the pack: its 10 sessions of the window in another pack stand in.
    await rows(other.id, org.id, fresh.id, Array.from({ length: 10 }, (_, i) => ago(i + 1)));
    await rows(other.id, org.id, fresh.id, [ago(45)]);
    // `before` fed the pack until recently (5 sessions in the window): those are its own.
    await rows(pack.id, org.id, before.id, Array.from({ length: 5 }, (_, i) => ago(i + 2)));

    const state = await getOptIn(db, { orgId: org.id, now });
    const cell = (productId: string, packId: string) => state.cells.find((c) => c.productId === productId && c.packId === packId)!;
    // pool = floor(9,999 × 50%) = 4,999. fresh: 4,999 × 10 / (29 + 5 + 10) = 1,136.1 → 1,136 (largest remainder: the rest keeps the cent).
    expect(cell(fresh.id, pack.id).estimate).toEqual({
      amountCents: 1136, currency: "usd", windowDays: 30, productSessions: 10, packSessions: 34, grossCents: 9_999, poolCents: 4_999,
    });
    // before: 4,999 × 5 / (29 + 5) = 735.1 → 735.
    expect(cell(before.id, pack.id).estimate).toEqual({
      amountCents: 735, currency: "usd", windowDays: 30, productSessions: 5, packSessions: 29, grossCents: 9_999, poolCents: 4_999,
    });
    // Q has no revenue: nothing to share.
    expect(cell(fresh.id, other.id).estimate).toMatchObject({ amountCents: 0, productSessions: 10, grossCents: 0 });

    // Once opted in, the cell shows no estimate.
    await setOptIn(db, { orgId: org.id, changes: [{ productId: fresh.id, packId: pack.id, enabled: true }] });
    const after = await getOptIn(db, { orgId: org.id, now });
    expect(after.cells.find((c) => c.productId === fresh.id && c.packId === pack.id)!.estimate).toBeNull();
  });
});

// The privacy threshold at k = 3: below it the rows API, snapshot listing, creation and download
// answer not_found "collecting contributors", the daily run makes no snapshot and the public pack
// page says so; the third contributing org opens everything. Several rows of one org count once.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { getSnapshotStorage } from "~/server/storage";
import { makeDataBuyer, getRows } from "~/test/data-api";
import type Stripe from "stripe";
import { callerFor, makeOrg, makePack, makeSeller, sessionFor, uid } from "~/test/factories";
import { startRestServer } from "~/test/rest";
import { useTempSnapshotDir } from "~/test/snapshots";
import { snapshotPacks } from "../../../../inngest/functions/snapshot-packs";
import { appendPackRows } from "../data-api/append-pack-rows";
import { clearRowCaches } from "../data-api/read-row-page";
import { makePackSnapshot } from "../snapshot/make-pack-snapshot";
import { COLLECTING_CONTRIBUTORS, clearPackAvailabilityCache, isPackAvailable } from "./pack-availability";
import { createCheckoutSession } from "../subscription/create-checkout-session";
import { ingestSessions } from "../ingest/ingest-sessions";
import { readPack } from "./cached-catalogue";
import { getPack } from "./get-pack";

let server: Awaited<ReturnType<typeof startRestServer>>;
let folder: Awaited<ReturnType<typeof useTempSnapshotDir>>;
beforeAll(async () => {
  folder = await useTempSnapshotDir();
  server = await startRestServer();
});
afterAll(async () => {
  await server?.close();
  await folder?.remove();
});
beforeEach(() => {
  clearPackAvailabilityCache();
  clearRowCaches();
});

// Rows of the pack from a new contributing org (its own product).
async function contribute(packId: string, rows = 2) {
  const db = getDb();
  const org = await makeOrg();
  const product = await db.product.create({ data: { orgId: org.id, name: `Product ${uid()}` } });
  await db.$transaction((tx) =>
    appendPackRows(
      tx,
      Array.from({ length: rows }, (_, i) => ({ packId, contributorOrgId: org.id, productId: product.id, data: { city: `C${i}`, trips: i }, sessionAt: new Date() })),
    ),
  );
  return org;
}

// A buyer subscribed to a pack with k = 3 and one contributor (the data buyer's seller).
async function belowThreshold() {
  const buyer = await makeDataBuyer({ rows: 4 });
  await getDb().pack.update({ where: { id: buyer.pack.id }, data: { minContributors: 3 } });
  return buyer;
}

describe("the privacy threshold (k = 3)", () => {
  it("keeps the rows API closed below k, counts an org once however many rows it sends, and opens at k", async () => {
    const buyer = await belowThreshold();
    const closed = await getRows(server.url, buyer.key, buyer.pack.slug);
    expect(closed.status).toBe(404);
    expect(closed.json().error).toEqual({ code: "not_found", message: COLLECTING_CONTRIBUTORS });
    // Nothing was counted against the quota.
    expect((await getDb().buyerUsageCounter.findUniqueOrThrow({ where: { id: buyer.counter.id } })).rowsUsed).toBe(0);

    await contribute(buyer.pack.id);
    // More rows from the same org do not make a third contributor.
    await getDb().$transaction((tx) =>
      appendPackRows(tx, [{ packId: buyer.pack.id, contributorOrgId: buyer.seller.id, productId: buyer.product.id, data: { city: "again", trips: 1 }, sessionAt: new Date() }]),
    );
    clearPackAvailabilityCache();
    expect((await getRows(server.url, buyer.key, buyer.pack.slug)).status).toBe(404);
    expect(await isPackAvailable(getDb(), buyer.pack.id)).toBe(false);

    await contribute(buyer.pack.id);
    clearPackAvailabilityCache();
    const open = await getRows(server.url, buyer.key, buyer.pack.slug, "limit=100");
    expect(open.status).toBe(200);
    expect(open.json().data).toHaveLength(4 + 1 + 2 + 2);
    // What a buyer gets never names a contributor.
    expect(open.text).not.toContain(buyer.seller.id);
  });

  it("makes, lists and serves no snapshot below k, in the daily run or on demand, and does from k on", async () => {
    const buyer = await belowThreshold();
    const db = getDb();
    const admin = callerFor(sessionFor(buyer.user), buyer.org.id);

    expect(await makePackSnapshot(db, getSnapshotStorage(), { packId: buyer.pack.id })).toMatchObject({ state: "collecting", files: [] });
    const daily = await new InngestTestEngine({ function: snapshotPacks }).execute();
    expect(daily.result).toEqual({ packs: 0, states: {} });
    await expect(admin.snapshot.list({ packId: buyer.pack.id })).rejects.toMatchObject({ appCode: "not_found", message: COLLECTING_CONTRIBUTORS });
    await expect(admin.snapshot.create({ packId: buyer.pack.id })).rejects.toMatchObject({ appCode: "not_found", message: COLLECTING_CONTRIBUTORS });
    expect(await db.packSnapshot.count()).toBe(0);
    expect(await db.outboxEvent.count()).toBe(0);

    // A snapshot made while the pack had enough contributors is not served once it has fewer (k raised).
    await db.pack.update({ where: { id: buyer.pack.id }, data: { minContributors: 1 } });
    const made = await makePackSnapshot(db, getSnapshotStorage(), { packId: buyer.pack.id });
    expect(made.state).toBe("created");
    await db.pack.update({ where: { id: buyer.pack.id }, data: { minContributors: 3 } });
    const download = (key: string) => fetch(`${server.url}/v1/snapshots/${made.files[0]!.id}/download`, { headers: { authorization: `Bearer ${key}` } });
    const refused = await download(buyer.key);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ error: { code: "not_found", message: COLLECTING_CONTRIBUTORS } });
    expect((await db.buyerUsageCounter.findUniqueOrThrow({ where: { id: buyer.counter.id } })).rowsUsed).toBe(0);

    await contribute(buyer.pack.id);
    await contribute(buyer.pack.id);
    const served = await download(buyer.key);
    expect(served.status).toBe(200);
    await served.arrayBuffer();
    expect((await admin.snapshot.list({ packId: buyer.pack.id })).snapshots.length).toBeGreaterThan(0);
    const again = await new InngestTestEngine({ function: snapshotPacks }).execute();
    expect(again.result).toEqual({ packs: 1, states: { [buyer.pack.id]: "created" } });
  });

  it("tells the public pack page whether the pack is available, and nothing about who contributes", async () => {
    const buyer = await belowThreshold();
    const below = await getPack(getDb(), { slug: buyer.pack.slug });
    expect(below.available).toBe(false);
    expect(JSON.stringify(below)).not.toContain(buyer.seller.id);
    await contribute(buyer.pack.id);
    await contribute(buyer.pack.id);
    clearPackAvailabilityCache();
    expect((await getPack(getDb(), { slug: buyer.pack.slug })).available).toBe(true);
    expect((await callerFor(null).pack.bySlug({ slug: buyer.pack.slug })).available).toBe(true);
  });

  it("refuses a checkout below k, and the ingest batch that brings the k-th org opens the cached catalogue at once", async () => {
    const db = getDb();
    const pack = await makePack({ minContributors: 3 });
    await contribute(pack.id);
    await contribute(pack.id);
    expect((await readPack(db, { slug: pack.slug })).available).toBe(false);
    const buyer = await makeOrg();
    const checkout = createCheckoutSession(db, {} as Stripe, {
      packId: pack.id, tier: "standard", orgId: buyer.id, orgName: buyer.name, userEmail: "buyer@example.com", appUrl: "http://localhost:3000",
    });
    await expect(checkout).rejects.toMatchObject({ appCode: "invalid_request", message: COLLECTING_CONTRIBUTORS });

    const seller = await makeSeller([pack.id]);
    const sent = await ingestSessions(db, {
      orgId: seller.org.id,
      sessions: [{ client_session_id: `s-${uid()}`, product_id: seller.product.id, pack: pack.slug, occurred_at: new Date().toISOString(), payload: { city: "Oslo", trips: 3 } }],
    });
    expect(sent.accepted).toBe(1);
    // No invalidation by hand: the catalogue cache answered "collecting" a moment ago.
    expect((await readPack(db, { slug: pack.slug })).available).toBe(true);
  });
});

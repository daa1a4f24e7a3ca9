// POST /v1/ingest/sessions over HTTP, as Next serves it: what is stored, idempotency (the same
// batch twice, the same id twice in a batch, overlapping batches sent at once), every rejection
// of a session, batch-level refusals that store nothing, and the scope of keys both ways.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { createApiKey } from "~/server/services/api-key/create-api-key";
import { revokeApiKey } from "~/server/services/api-key/revoke-api-key";
import { clearApiKeyCache } from "~/server/services/data-api/identify-api-key";
import { makeDataBuyer } from "~/test/data-api";
import { makePack, makeSeller, uid } from "~/test/factories";
import { startRestServer } from "~/test/rest";
import { addPackRows, subscribe, useTempSnapshotDir } from "~/test/snapshots";
import { makePackSnapshot } from "../snapshot/make-pack-snapshot";
import { getSnapshotStorage } from "~/server/storage";
import { clearIngestPackCache } from "./ingest-packs";
import { MAX_SESSIONS_PER_BATCH, type IngestResult } from "./ingest-sessions";

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
  clearIngestPackCache();
  clearApiKeyCache();
});

type Answer = { status: number; body: IngestResult & { error?: { code: string; message: string } } };

async function send(key: string | null, body: unknown, init: { contentType?: string; method?: string; raw?: string } = {}): Promise<Answer> {
  const res = await fetch(`${server.url}/v1/ingest/sessions`, {
    method: init.method ?? "POST",
    headers: { "content-type": init.contentType ?? "application/json", ...(key && { authorization: `Bearer ${key}` }) },
    ...(init.method !== "GET" && { body: init.raw ?? JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

function session(seller: { product: { id: string } }, pack: { slug: string }, sid: string, extra: Record<string, unknown> = {}) {
  return { client_session_id: sid, product_id: seller.product.id, pack: pack.slug, occurred_at: minutesAgo(1), payload: { city: `City ${sid}`, trips: 3 }, ...extra };
}

async function rowsOf(orgId: string) {
  return getDb().packRow.findMany({
    where: { contributorOrgId: orgId },
    orderBy: { id: "asc" },
    select: { packId: true, productId: true, clientSessionId: true, data: true, sessionAt: true },
  });
}

async function world() {
  const pack = await makePack();
  const seller = await makeSeller([pack.id]);
  return { pack, seller };
}

describe("POST /v1/ingest/sessions", () => {
  it("stores each valid session as a pack row of the org's product, and records the org as a contributor", async () => {
    const { pack, seller } = await world();
    const at = "2026-12-01T10:15:00.123Z";
    const answer = await send(seller.ingestKey, {
      sessions: [session(seller, pack, "s-1", { occurred_at: at }), session(seller, pack, "s-2", { payload: { city: "Oslo", trips: 7 } })],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: 0,
      results: [
        { index: 0, client_session_id: "s-1", status: "accepted" },
        { index: 1, client_session_id: "s-2", status: "accepted" },
      ],
    });
    const rows = await rowsOf(seller.org.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ packId: pack.id, productId: seller.product.id, clientSessionId: "s-1", data: { city: "City s-1", trips: 3 }, sessionAt: new Date(at) });
    expect(rows[1]!.data).toEqual({ city: "Oslo", trips: 7 });
    expect(await getDb().packContributor.findMany({ where: { packId: pack.id }, select: { orgId: true } })).toEqual([{ orgId: seller.org.id }]);
  });

  it("is idempotent: the same batch again stores nothing and marks every session duplicate", async () => {
    const { pack, seller } = await world();
    const batch = { sessions: Array.from({ length: 50 }, (_, i) => session(seller, pack, `again-${i}`)) };
    const first = await send(seller.ingestKey, batch);
    expect(first.body).toMatchObject({ accepted: 50, duplicates: 0, rejected: 0 });
    const before = await rowsOf(seller.org.id);
    const second = await send(seller.ingestKey, batch);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ accepted: 0, duplicates: 50, rejected: 0 });
    expect(second.body.results.every((r) => r.status === "duplicate")).toBe(true);
    expect(await rowsOf(seller.org.id)).toEqual(before);
  });

  it("stores an id sent twice in one batch once: the first is accepted, the second a duplicate", async () => {
    const { pack, seller } = await world();
    const answer = await send(seller.ingestKey, {
      sessions: [session(seller, pack, "twice"), session(seller, pack, "other"), session(seller, pack, "twice", { payload: { city: "Later", trips: 1 } })],
    });
    expect(answer.body.results.map((r) => r.status)).toEqual(["accepted", "accepted", "duplicate"]);
    const rows = await rowsOf(seller.org.id);
    expect(rows.map((r) => r.clientSessionId)).toEqual(["twice", "other"]);
    expect(rows[0]!.data).toEqual({ city: "City twice", trips: 3 });
  });

  it("keeps each id exactly once when overlapping batches arrive at the same time", async () => {
    const { pack, seller } = await world();
    const ids = Array.from({ length: 400 }, (_, i) => `c-${i}`);
    // Eight batches of 150 ids each, drawn with overlaps across batches (and a repeat inside some).
    const batches = Array.from({ length: 8 }, (_, b) => Array.from({ length: 150 }, (_, k) => ids[(b * 47 + k * 3) % ids.length]!));
    const answers = await Promise.all(batches.map((batch) => send(seller.ingestKey, { sessions: batch.map((sid) => session(seller, pack, sid)) })));
    const sent = new Set(batches.flat());
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const accepted = answers.flatMap((a) => a.body.results.filter((r) => r.status === "accepted").map((r) => r.client_session_id));
    expect(accepted.sort()).toEqual([...sent].sort());
    expect(answers.reduce((n, a) => n + a.body.accepted + a.body.duplicates, 0)).toBe(batches.flat().length);
    const rows = await rowsOf(seller.org.id);
    expect(rows.map((r) => r.clientSessionId).sort()).toEqual([...sent].sort());
  });

  it("rejects each bad session with its reason and keeps the valid ones of the same batch", async () => {
    const { pack, seller } = await world();
    const otherPack = await makePack();
    const retired = await makePack({ status: "retired" });
    const stranger = await makeSeller([pack.id]);
    // Opted in until five minutes ago; the org's switch on until ten minutes ago, on again since three.
    const lapsed = await makeSeller([pack.id], { optInPeriods: [{ startedAt: new Date("2026-01-01T00:00:00Z"), endedAt: new Date(Date.now() - 5 * 60_000) }] });
    const paused = await makeSeller([pack.id], {
      switchPeriods: [
        { startedAt: new Date("2026-01-01T00:00:00Z"), endedAt: new Date(Date.now() - 10 * 60_000) },
        { startedAt: new Date(Date.now() - 3 * 60_000) },
      ],
    });
    const cases: Array<[unknown, string | null]> = [
      [session(seller, pack, "ok-1"), null],
      ["not an object", "invalid_session"],
      [null, "invalid_session"],
      [session(seller, pack, "has space"), "invalid_session"],
      [session(seller, pack, "x".repeat(129)), "invalid_session"],
      [{ ...session(seller, pack, "no-payload"), payload: undefined }, "invalid_session"],
      [session(seller, pack, "num-product", { product_id: 42 }), "invalid_session"],
      [session(seller, pack, "no-pack", { pack: undefined }), "invalid_session"],
      [session(seller, pack, "bad-time", { occurred_at: "yesterday" }), "invalid_time"],
      [session(seller, pack, "no-zone", { occurred_at: "2026-12-01T10:00:00" }), "invalid_time"],
      [session(seller, pack, "future", { occurred_at: new Date(Date.now() + 3600_000).toISOString() }), "invalid_time"],
      [session(seller, pack, "too-old", { occurred_at: "2026-06-01T00:00:00Z" }), "invalid_time"],
      [session(seller, pack, "unknown-pack", { pack: `no-such-${uid()}` }), "pack_not_found"],
      [session(seller, retired, "retired-pack"), "pack_not_found"],
      [session(seller, pack, "their-product", { product_id: stranger.product.id }), "product_not_found"],
      [session(seller, pack, "unknown-product", { product_id: "c0000000000000000000000000" }), "product_not_found"],
      [session(seller, otherPack, "not-opted"), "not_opted_in"],
      [session(seller, pack, "missing-col", { payload: { city: "Oslo" } }), "schema_mismatch"],
      [session(seller, pack, "extra-col", { payload: { city: "Oslo", trips: 1, secret: "x" } }), "schema_mismatch"],
      [session(seller, pack, "wrong-type", { payload: { city: "Oslo", trips: "1" } }), "schema_mismatch"],
      [session(seller, pack, "fraction", { payload: { city: "Oslo", trips: 1.5 } }), "schema_mismatch"],
      [session(seller, pack, "null-col", { payload: { city: null, trips: 1 } }), "schema_mismatch"],
      [session(seller, pack, "nul-text", { payload: { city: "O\u0000slo", trips: 1 } }), "schema_mismatch"],
      [session(seller, pack, "array-payload", { payload: [1, 2] }), "schema_mismatch"],
      [session(seller, pack, "ok-2"), null],
    ];
    const answer = await send(seller.ingestKey, { sessions: cases.map(([s]) => s) });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r) => r.error?.code ?? null)).toEqual(cases.map(([, code]) => code));
    expect(answer.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: cases.length - 2 });
    for (const result of answer.body.results.filter((r) => r.status === "rejected")) expect(result.error!.message.length).toBeGreaterThan(10);
    expect((await rowsOf(seller.org.id)).map((r) => r.clientSessionId)).toEqual(["ok-1", "ok-2"]);
    // Another org's product and no product at all read the same: no existence leak.
    const [theirs, unknown] = ["their-product", "unknown-product"].map((sid) => answer.body.results.find((r) => r.client_session_id === sid)!.error!.message);
    expect(theirs!.replace(stranger.product.id, "ID")).toBe(unknown!.replace("c0000000000000000000000000", "ID"));

    // At the session's own time: after the opt-out is refused, before it counts.
    const history = await Promise.all([
      send(lapsed.ingestKey, { sessions: [session(lapsed, pack, "after-opt-out", { occurred_at: minutesAgo(1) }), session(lapsed, pack, "before-opt-out", { occurred_at: minutesAgo(6) })] }),
      send(paused.ingestKey, {
        sessions: [
          session(paused, pack, "switch-off", { occurred_at: minutesAgo(5) }),
          session(paused, pack, "switch-on-again", { occurred_at: minutesAgo(1) }),
          session(paused, pack, "switch-on-before", { occurred_at: minutesAgo(11) }),
        ],
      }),
    ]);
    expect(history[0].body.results.map((r) => r.error?.code ?? r.status)).toEqual(["not_opted_in", "accepted"]);
    expect(history[1].body.results.map((r) => r.error?.code ?? r.status)).toEqual(["marketplace_off", "accepted", "accepted"]);
  });

  it("refuses what is not a batch with 400 invalid_request and stores nothing", async () => {
    const { pack, seller } = await world();
    const one = session(seller, pack, "kept-out");
    const refused: Array<[unknown, { raw?: string; contentType?: string }]> = [
      [null, { raw: "{not json" }],
      [null, { raw: "" }],
      [[one], {}],
      ["text", {}],
      [{ sessions: one }, {}],
      [{ sessions: [] }, {}],
      [{ nothing: [one] }, {}],
      [{ sessions: Array.from({ length: MAX_SESSIONS_PER_BATCH + 1 }, (_, i) => session(seller, pack, `big-${i}`)) }, {}],
      [{ sessions: [one] }, { contentType: "text/plain" }],
      [null, { raw: `{"sessions":${"[".repeat(40)}${"]".repeat(40)}}` }],
    ];
    for (const [body, init] of refused) {
      const answer = await send(seller.ingestKey, body, init);
      expect(answer.status, JSON.stringify(init.raw ?? body).slice(0, 80)).toBe(400);
      expect(answer.body.error!.code).toBe("invalid_request");
    }
    const wrongMethod = await fetch(`${server.url}/v1/ingest/sessions`, { headers: { authorization: `Bearer ${seller.ingestKey}` } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    expect(await rowsOf(seller.org.id)).toEqual([]);
    // A full batch of 1,000 is fine.
    const full = await send(seller.ingestKey, { sessions: Array.from({ length: MAX_SESSIONS_PER_BATCH }, (_, i) => session(seller, pack, `full-${i}`)) });
    expect(full.body).toMatchObject({ accepted: MAX_SESSIONS_PER_BATCH, rejected: 0 });
  });
});

describe("the scope of API keys", () => {
  it("lets only an ingest key send sessions: a read key is 403, no key or a revoked one 401", async () => {
    const { pack, seller } = await world();
    const readKey = await createApiKey(getDb(), { orgId: seller.org.id, userId: seller.user.id, label: "read" });
    const batch = { sessions: [session(seller, pack, "scoped")] };
    const asRead = await send(readKey.secret, batch);
    expect(asRead.status).toBe(403);
    expect(asRead.body.error).toMatchObject({ code: "forbidden" });
    expect(asRead.body.error!.message).toMatch(/read key/);
    expect((await send(null, batch)).status).toBe(401);
    expect((await send("pm_live_" + "A".repeat(43), batch)).status).toBe(401);
    expect(await rowsOf(seller.org.id)).toEqual([]);

    expect((await send(seller.ingestKey, batch)).status).toBe(200);
    await revokeApiKey(getDb(), { orgId: seller.org.id, keyId: seller.ingestKeyId });
    const revoked = await send(seller.ingestKey, { sessions: [session(seller, pack, "after-revoke")] });
    expect(revoked.status).toBe(401);
    expect((await rowsOf(seller.org.id)).map((r) => r.clientSessionId)).toEqual(["scoped"]);
  });

  it("lets an ingest key read nothing: rows and snapshot downloads are 403 even for the org's own subscription", async () => {
    const buyer = await makeDataBuyer({ rows: 5 });
    const ingestKey = await createApiKey(getDb(), { orgId: buyer.org.id, userId: buyer.user.id, label: "ingest", scope: "ingest" });
    const rows = await fetch(`${server.url}/v1/packs/${buyer.pack.slug}/rows`, { headers: { authorization: `Bearer ${ingestKey.secret}` } });
    expect(rows.status).toBe(403);
    expect(((await rows.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/ingest key/) });
    const asRead = await fetch(`${server.url}/v1/packs/${buyer.pack.slug}/rows`, { headers: { authorization: `Bearer ${buyer.key}` } });
    expect(asRead.status).toBe(200);

    const pack = await makePack();
    await addPackRows(pack.id, 3);
    await subscribe(buyer.org.id, pack.id);
    const made = await makePackSnapshot(getDb(), getSnapshotStorage(), { packId: pack.id });
    const download = (key: string) => fetch(`${server.url}/v1/snapshots/${made.files[0]!.id}/download`, { headers: { authorization: `Bearer ${key}` } });
    const refused = await download(ingestKey.secret);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const allowed = await download(buyer.key);
    expect(allowed.status).toBe(200);
    await allowed.arrayBuffer();
  });
});

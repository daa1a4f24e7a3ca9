// The download route over HTTP, as Next serves it: content, metering all or nothing, access, and
// a file that streams (the client has its first bytes before storage has produced the last).
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { NextApiRequest, NextApiResponse } from "next";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/server/db";
import { createApiKey } from "~/server/services/api-key/create-api-key";
import { revokeApiKey } from "~/server/services/api-key/revoke-api-key";
import { makePackSnapshot } from "~/server/services/snapshot/make-pack-snapshot";
import { createSnapshotStorage, getSnapshotStorage, type SnapshotStorage } from "~/server/storage";
import { addMember, makePack, makeUser, makeUserInOrg } from "~/test/factories";
import { startApiServer } from "~/test/next-api";
import { sessionCookie, startRestServer } from "~/test/rest";
import { startTestS3, type TestS3 } from "~/test/s3";
import { addPackRows, subscribe, useTempSnapshotDir } from "~/test/snapshots";
import { createSnapshotDownloadHandler } from "./snapshot-download";

// Next's dynamic route with the id decoded into req.query, for a handler with its own storage.
function asDynamicRoute(handler: (req: NextApiRequest, res: NextApiResponse) => Promise<void>) {
  return (req: NextApiRequest, res: NextApiResponse) => {
    const [id, action, ...rest] = req.query.rest as string[];
    if (action !== "download" || rest.length > 0) return res.status(404).json({ error: { code: "not_found", message: "no route" } });
    req.query.snapshotId = decodeURIComponent(id!);
    return handler(req, res);
  };
}

// Storage the streaming test controls: a file produced chunk by chunk, each one only when allowed.
let gate: { release: () => void; produced: number } | undefined;
const CHUNK = 64 * 1024;
const CHUNKS = 32;
const gated: SnapshotStorage = {
  put: () => Promise.reject(new Error("read only")),
  size: () => Promise.resolve(CHUNK * CHUNKS),
  get: () => {
    const state = { produced: 0, release: () => undefined as void };
    gate = state;
    async function* chunks() {
      for (let i = 0; i < CHUNKS; i++) {
        // The second half only once the test lets it, after the client has received bytes.
        if (i === CHUNKS / 2) await new Promise<void>((resolve) => (state.release = resolve));
        state.produced = i + 1;
        yield Buffer.alloc(CHUNK, 97 + (i % 26));
      }
    }
    return Promise.resolve(Readable.from(chunks()));
  },
};

let folder: Awaited<ReturnType<typeof useTempSnapshotDir>>;
let s3: TestS3;
let server: Awaited<ReturnType<typeof startRestServer>>;
let gatedServer: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  folder = await useTempSnapshotDir();
  s3 = await startTestS3();
  // /v1 as Next routes it: this route first, the REST catch-all for the rest.
  server = await startRestServer();
  gatedServer = await startApiServer([
    { prefix: "/v1/snapshots/", catchAll: "rest", handler: asDynamicRoute(createSnapshotDownloadHandler({ storage: () => gated })) },
  ]);
});
afterAll(async () => {
  await server?.close();
  await gatedServer?.close();
  await folder?.remove();
  await s3?.stop();
});

async function world(opts: { rows?: number; rowQuota?: number; rowsUsed?: number } = {}) {
  const { user, org } = await makeUserInOrg("member");
  const pack = await makePack({ slug: "urban-trip-flows" });
  const { counter } = await subscribe(org.id, pack.id, { rowQuota: opts.rowQuota ?? 1_000, rowsUsed: opts.rowsUsed ?? 0 });
  await addPackRows(pack.id, opts.rows ?? 40);
  await makePackSnapshot(getDb(), getSnapshotStorage(), { packId: pack.id });
  const snapshots = await getDb().packSnapshot.findMany({ where: { packId: pack.id }, orderBy: { format: "asc" } });
  const headers = { cookie: await sessionCookie(user), "x-pm-org": org.id };
  return { user, org, pack, counter, csv: snapshots[0]!, jsonl: snapshots[1]!, headers };
}

async function stored(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await getSnapshotStorage().get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const rowsUsed = async (counterId: string) => (await getDb().buyerUsageCounter.findUniqueOrThrow({ where: { id: counterId } })).rowsUsed;

async function download(id: string, headers: Record<string, string> = {}, init: RequestInit = {}) {
  return fetch(`${server.url}/v1/snapshots/${encodeURIComponent(id)}/download`, { headers, ...init });
}

describe("GET /v1/snapshots/{id}/download", () => {
  it("streams the stored file with its type, length and name, and counts exactly its rows", async () => {
    const w = await world({ rows: 40 });
    const res = await download(w.jsonl.id, w.headers);
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(await stored(w.jsonl.storageKey))).toBe(true);
    expect(createHash("sha256").update(body).digest("hex")).toBe(w.jsonl.sha256);
    const date = w.jsonl.createdAt.toISOString().slice(0, 10);
    expect(Object.fromEntries(["content-type", "content-length", "content-disposition", "cache-control", "x-snapshot-rows", "x-quota-remaining"].map((h) => [h, res.headers.get(h)]))).toEqual({
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-length": String(w.jsonl.sizeBytes),
      "content-disposition": `attachment; filename="urban-trip-flows-${date}.jsonl"`,
      "cache-control": "private, no-store",
      "x-snapshot-rows": "40",
      "x-quota-remaining": "960",
    });
    expect(await rowsUsed(w.counter.id)).toBe(40);
    const debits = await getDb().usageDebit.findMany({ where: { counterId: w.counter.id } });
    expect(debits.map((d) => [d.rows, d.source, d.apiKeyId])).toEqual([[40, "snapshot", null]]);

    const csv = await download(w.csv.id, w.headers);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(Buffer.from(await csv.arrayBuffer()).equals(await stored(w.csv.storageKey))).toBe(true);
    expect(await rowsUsed(w.counter.id)).toBe(80);
  });

  it("all or nothing: rows that do not all fit are 429 quota_exceeded and count nothing; exactly what remains fits", async () => {
    const w = await world({ rows: 40, rowQuota: 100, rowsUsed: 61 });
    const refused = await download(w.csv.id, w.headers);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: { code: "quota_exceeded", message: "This snapshot has 40 rows and 39 remain in this billing period: nothing was counted." },
    });
    expect(await rowsUsed(w.counter.id)).toBe(61);
    expect(await getDb().usageDebit.count()).toBe(0);

    await getDb().buyerUsageCounter.update({ where: { id: w.counter.id }, data: { rowsUsed: 60 } });
    const fits = await download(w.csv.id, w.headers);
    expect(fits.status).toBe(200);
    await fits.arrayBuffer();
    expect(await rowsUsed(w.counter.id)).toBe(100);
    expect((await download(w.csv.id, w.headers)).status).toBe(429);
    expect(await rowsUsed(w.counter.id)).toBe(100);
  });

  it("is 401 without a session, not_found for another org or an unknown id, and served to a member", async () => {
    const w = await world({ rows: 3 });
    const anonymous = await download(w.csv.id, { "x-pm-org": w.org.id });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: "unauthorized", message: "Sign in or send an API key (Authorization: Bearer <key>)." } });

    const stranger = await makeUserInOrg("owner");
    const notFound = { error: { code: "not_found", message: "No snapshot with this id among your packs." } };
    const other = await download(w.csv.id, { cookie: await sessionCookie(stranger.user) });
    expect([other.status, await other.json()]).toEqual([404, notFound]);
    const unknown = await download("c00000000000000000000000", w.headers);
    expect([unknown.status, await unknown.json()]).toEqual([404, notFound]);
    // The stranger naming the buyer's org is not a member of it.
    const named = await download(w.csv.id, { cookie: await sessionCookie(stranger.user), "x-pm-org": w.org.id });
    expect(named.status).toBe(404);
    expect(await rowsUsed(w.counter.id)).toBe(0);

    const member = await makeUser();
    await addMember(member.id, w.org.id, "member");
    const res = await download(w.csv.id, { cookie: await sessionCookie(member), "x-pm-org": w.org.id });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(await rowsUsed(w.counter.id)).toBe(3);
  });

  it("takes an API key instead of a session: the key's org, the debit records the key, a revoked key fails at once", async () => {
    const w = await world({ rows: 6 });
    const key = await createApiKey(getDb(), { orgId: w.org.id, userId: w.user.id, label: "Nightly export" });
    const res = await download(w.jsonl.id, { authorization: `Bearer ${key.secret}` });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(await stored(w.jsonl.storageKey))).toBe(true);
    expect((await getDb().usageDebit.findMany()).map((d) => [d.rows, d.apiKeyId])).toEqual([[6, key.id]]);

    const stranger = await makeUserInOrg("owner");
    const foreignKey = await createApiKey(getDb(), { orgId: stranger.org.id, userId: stranger.user.id, label: "Theirs" });
    expect((await download(w.jsonl.id, { authorization: `Bearer ${foreignKey.secret}`, "x-pm-org": w.org.id })).status).toBe(404);

    await revokeApiKey(getDb(), { orgId: w.org.id, keyId: key.id });
    for (const authorization of [`Bearer ${key.secret}`, "Bearer pm_live_nope", "Basic abc", "Bearer"]) {
      const refused = await download(w.jsonl.id, { authorization, cookie: w.headers.cookie });
      expect([authorization, refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([authorization, 401, "unauthorized"]);
    }
    expect(await rowsUsed(w.counter.id)).toBe(6);
  });

  it("is not_found once the subscription has ended", async () => {
    const w = await world({ rows: 3 });
    await getDb().buyerSubscription.updateMany({ where: { buyerOrgId: w.org.id }, data: { status: "canceled" } });
    expect((await download(w.csv.id, w.headers)).status).toBe(404);
  });

  it("leaves other paths under /v1/snapshots to the REST catch-all", async () => {
    const w = await world({ rows: 1 });
    for (const path of [`/v1/snapshots/${w.csv.id}`, `/v1/snapshots/${w.csv.id}/download/more`, "/v1/snapshots"]) {
      const res = await fetch(`${server.url}${path}`, { headers: w.headers });
      expect([path, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([path, 404, "not_found"]);
    }
  });

  it("answers another method with 405 and a malformed id with 400, in JSON", async () => {
    const w = await world({ rows: 1 });
    const post = await download(w.csv.id, w.headers, { method: "POST" });
    expect([post.status, post.headers.get("allow"), ((await post.json()) as { error: { code: string } }).error.code]).toEqual([405, "GET", "method_not_allowed"]);
    const nul = await download("a\u0000b", w.headers);
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ error: { code: "invalid_request", issues: [{ path: "snapshotId" }] } });
    expect(await rowsUsed(w.counter.id)).toBe(0);
  });

  it("is a 500 that counts nothing when the stored file is missing", async () => {
    const w = await world({ rows: 5 });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await folder.remove();
    const res = await download(w.csv.id, w.headers);
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([500, "internal_error"]);
    expect(await rowsUsed(w.counter.id)).toBe(0);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    folder = await useTempSnapshotDir();
  });

  it("streams: the client receives the first bytes before storage has produced the last", async () => {
    const { user, org } = await makeUserInOrg("member");
    // No privacy threshold: this pack's snapshot is made up, it has no rows (so no contributors).
    const pack = await makePack({ minContributors: 0 });
    const { counter } = await subscribe(org.id, pack.id, { rowQuota: 10 });
    const snapshot = await getDb().packSnapshot.create({
      data: { packId: pack.id, format: "csv", rowCount: 10, maxRowId: 10n, sizeBytes: BigInt(CHUNK * CHUNKS), sha256: "0".repeat(64), storageKey: `packs/${pack.id}/gated.csv` },
    });
    const res = await fetch(`${gatedServer.url}/v1/snapshots/${snapshot.id}/download`, { headers: { cookie: await sessionCookie(user), "x-pm-org": org.id } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = 0;
    while (received < CHUNK) received += (await reader.read()).value!.length;
    // Half the file was produced and the client already reads it: nothing waits for the whole file.
    expect(gate!.produced).toBeLessThanOrEqual(CHUNKS / 2);
    gate!.release();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += chunk.value.length;
    expect(received).toBe(CHUNK * CHUNKS);
    expect(await rowsUsed(counter.id)).toBe(10);
  });

  it("serves a file stored in S3-compatible storage", async () => {
    for (const [name, value] of Object.entries(s3.env)) vi.stubEnv(name, value);
    try {
      const w = await world({ rows: 1_200, rowQuota: 5_000 });
      expect(w.csv.storageKey).toMatch(/^packs\//);
      const res = await download(w.csv.id, w.headers);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(await stored(w.csv.storageKey))).toBe(true);
      expect(createHash("sha256").update(body).digest("hex")).toBe(w.csv.sha256);
      // It was S3's file: the local folder has none.
      expect(await createSnapshotStorage({ kind: "local", dir: folder.dir }).size(w.csv.storageKey)).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

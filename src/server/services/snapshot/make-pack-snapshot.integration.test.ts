import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/server/db";
import { createSnapshotStorage, type SnapshotStorage } from "~/server/storage";
import { makePack, makeUser } from "~/test/factories";
import { startTestS3, type TestS3 } from "~/test/s3";
import { addPackRows, useTempSnapshotDir } from "~/test/snapshots";
import { makePackSnapshot } from "./make-pack-snapshot";

let folder: Awaited<ReturnType<typeof useTempSnapshotDir>>;
let s3: TestS3;
beforeAll(async () => {
  folder = await useTempSnapshotDir();
  s3 = await startTestS3();
});
afterAll(async () => {
  await folder?.remove();
  await s3?.stop();
});
afterEach(() => vi.restoreAllMocks());

const local = () => createSnapshotStorage({ kind: "local", dir: folder.dir });

async function text(storage: SnapshotStorage, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

// Rows that CSV has to quote or escape, and values of every JSON type.
const TRICKY = [
  { city: "Oslo", trips: 12 },
  { city: 'São Paulo, "SP"', trips: 0 },
  { city: "line\nbreak", trips: -3.5 },
  { city: null, trips: true },
  { city: "Zürich 🚲", trips: { peak: 7 }, extra: "not a column" },
];

describe("making a pack snapshot", () => {
  it("writes the rows' data as CSV (the schema's columns) and JSON Lines, with counts, sizes and hashes of the stored files", async () => {
    const pack = await makePack();
    const { contributor, product } = await addPackRows(pack.id, TRICKY.length, (i) => TRICKY[i]!);
    const admin = await makeUser();
    const storage = local();
    const result = await makePackSnapshot(getDb(), storage, { packId: pack.id, createdById: admin.id });
    expect(result.state).toBe("created");

    const rows = await getDb().packSnapshot.findMany({ where: { packId: pack.id }, orderBy: { format: "asc" } });
    expect(rows.map((r) => [r.format, r.rowCount, r.createdById])).toEqual([
      ["csv", 5, admin.id],
      ["jsonl", 5, admin.id],
    ]);
    const csv = await text(storage, rows[0]!.storageKey);
    const jsonl = await text(storage, rows[1]!.storageKey);
    expect(csv).toBe(
      ["city,trips", "Oslo,12", '"São Paulo, ""SP""",0', '"line\nbreak",-3.5', ",true", 'Zürich 🚲,"{""peak"":7}"', ""].join("\n"),
    );
    expect(jsonl.split("\n").slice(0, -1).map((line) => JSON.parse(line) as unknown)).toEqual(TRICKY);
    for (const [row, content] of [[rows[0]!, csv], [rows[1]!, jsonl]] as const) {
      expect(row.sizeBytes).toBe(BigInt(Buffer.byteLength(content)));
      expect(row.sha256).toBe(sha256(content));
      expect(await storage.size(row.storageKey)).toBe(Number(row.sizeBytes));
    }
    for (const secret of [contributor.id, contributor.name, product.id, product.name]) {
      expect(csv).not.toContain(secret);
      expect(jsonl).not.toContain(secret);
    }
    expect(result.files.map((f) => [f.format, f.rowCount, f.sizeBytes])).toEqual(rows.map((r) => [r.format, 5, Number(r.sizeBytes)]));
  });

  it("reads rows in keyset batches and streams each batch to storage as it is read", async () => {
    const pack = await makePack();
    await addPackRows(pack.id, 7);
    const db = getDb();
    const reads = vi.spyOn(db.packRow, "findMany");
    // A storage that records the chunks it receives (lines per chunk) and their total size.
    const chunks: Record<string, number[]> = {};
    const sizes: Record<string, number> = {};
    const recording: SnapshotStorage = {
      async put(key, body) {
        const format = key.slice(key.lastIndexOf(".") + 1);
        for await (const chunk of body) {
          (chunks[format] ??= []).push((chunk as Buffer).toString("utf8").split("\n").length - 1);
          sizes[key] = (sizes[key] ?? 0) + (chunk as Buffer).length;
        }
      },
      get: () => Promise.reject(new Error("unused")),
      size: (key) => Promise.resolve(sizes[key] ?? null),
    };
    await makePackSnapshot(db, recording, { packId: pack.id, batchRows: 3 });
    // 7 rows in batches of 3: three reads, each after the last id seen, never past the fixed row id,
    // never selecting the contributor.
    expect(reads).toHaveBeenCalledTimes(3);
    const calls = reads.mock.calls.map(([args]) => args!);
    const wheres = calls.map((args) => args.where as { id: { gt: bigint; lte: bigint } });
    expect(calls.map((args) => [args.take, args.select])).toEqual(Array(3).fill([3, { id: true, data: true }]));
    expect(wheres[0]!.id.gt).toBe(0n);
    expect(wheres[1]!.id.gt).toBeGreaterThan(wheres[0]!.id.gt);
    expect(wheres[2]!.id.gt).toBeGreaterThan(wheres[1]!.id.gt);
    expect(new Set(wheres.map((w) => w.id.lte)).size).toBe(1);
    // Each batch reached storage as its own chunk: the header, then 3, 3 and 1 rows.
    expect(chunks).toEqual({ csv: [1, 3, 3, 1], jsonl: [3, 3, 1] });
  });

  it("made twice at the same row id (a retry) stores one snapshot; new rows make a new one", async () => {
    const pack = await makePack();
    await addPackRows(pack.id, 4);
    const storage = local();
    const first = await makePackSnapshot(getDb(), storage, { packId: pack.id });
    const again = await makePackSnapshot(getDb(), storage, { packId: pack.id });
    expect(again).toEqual({ ...first, state: "exists" });
    expect(await getDb().packSnapshot.count({ where: { packId: pack.id } })).toBe(2);

    await addPackRows(pack.id, 3);
    // A retry of the first run (its row id fixed earlier) still finds the first snapshot.
    const retry = await makePackSnapshot(getDb(), storage, { packId: pack.id, maxRowId: BigInt(first.maxRowId!) });
    expect(retry.state).toBe("exists");
    const next = await makePackSnapshot(getDb(), storage, { packId: pack.id });
    expect(next.state).toBe("created");
    expect(next.files.map((f) => f.rowCount)).toEqual([7, 7]);
    expect(await getDb().packSnapshot.count({ where: { packId: pack.id } })).toBe(4);
  });

  it("includes only rows up to the fixed row id, whatever arrives meanwhile", async () => {
    const pack = await makePack();
    await addPackRows(pack.id, 3);
    const { _max } = await getDb().packRow.aggregate({ where: { packId: pack.id }, _max: { id: true } });
    await addPackRows(pack.id, 2);
    const result = await makePackSnapshot(getDb(), local(), { packId: pack.id, maxRowId: _max.id! });
    expect(result.files.map((f) => f.rowCount)).toEqual([3, 3]);
  });

  it("is immutable: the database refuses any update of a snapshot row", async () => {
    const pack = await makePack();
    await addPackRows(pack.id, 2);
    await makePackSnapshot(getDb(), local(), { packId: pack.id });
    const row = await getDb().packSnapshot.findFirstOrThrow({ where: { packId: pack.id } });
    await expect(getDb().packSnapshot.update({ where: { id: row.id }, data: { rowCount: 1 } })).rejects.toThrow(/immutable/);
    await expect(getDb().$executeRaw`UPDATE "pack_snapshots" SET "storageKey" = 'elsewhere' WHERE "id" = ${row.id}`).rejects.toThrow(/immutable/);
    expect(await getDb().packSnapshot.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("records nothing when a file cannot be stored", async () => {
    const pack = await makePack();
    await addPackRows(pack.id, 5);
    const storage = local();
    const broken: SnapshotStorage = {
      put: (key, body, opts) => (key.endsWith(".jsonl") ? Promise.reject(new Error("disk full")) : storage.put(key, body, opts)),
      get: (key) => storage.get(key),
      size: (key) => storage.size(key),
    };
    await expect(makePackSnapshot(getDb(), broken, { packId: pack.id, batchRows: 2 })).rejects.toThrow("disk full");
    expect(await getDb().packSnapshot.count()).toBe(0);
  });

  it("makes nothing for a pack without rows, and not_found for an unknown pack", async () => {
    const pack = await makePack({ minContributors: 0 });
    expect(await makePackSnapshot(getDb(), local(), { packId: pack.id })).toEqual({ state: "empty", packId: pack.id, maxRowId: null, files: [] });
    await expect(makePackSnapshot(getDb(), local(), { packId: "nope" })).rejects.toMatchObject({ appCode: "not_found" });
  });

  it("stores the same files in S3-compatible storage", async () => {
    const pack = await makePack();
    await addPackRows(pack.id, 2_500);
    const storage = createSnapshotStorage(s3.config);
    const result = await makePackSnapshot(getDb(), storage, { packId: pack.id });
    const rows = await getDb().packSnapshot.findMany({ where: { packId: pack.id }, orderBy: { format: "asc" } });
    expect(result.files.map((f) => f.rowCount)).toEqual([2_500, 2_500]);
    for (const row of rows) {
      const content = await text(storage, row.storageKey);
      expect(sha256(content)).toBe(row.sha256);
      expect(await storage.size(row.storageKey)).toBe(Number(row.sizeBytes));
    }
    expect((await text(storage, rows[1]!.storageKey)).split("\n")[2_499]).toBe('{"city":"City 2499","trips":2499}');
  });
});

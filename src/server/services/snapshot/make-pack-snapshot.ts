// A snapshot: a pack's rows up to a fixed row id, written once as CSV and as JSON Lines. Rows are
// read in id order in keyset batches and streamed to storage as they come, both files in one pass
// (never the whole pack in memory), counting rows and bytes and hashing each file on the way. The
// database rows are inserted only once both files are stored, so no row ever points at a missing
// or partial file; the deterministic storage key makes a retry at the same row id a no-op.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import type { SnapshotStorage } from "~/server/storage";
import { isPackAvailable } from "../pack/pack-availability";
import { ZRowSchema } from "../pack/pack-schemas";
import { CONTENT_TYPES, encodeHeader, encodeRows, SNAPSHOT_FORMATS, snapshotStorageKey } from "./snapshot-files";
import type { SnapshotFormat } from "./snapshot-schemas";

export const SNAPSHOT_BATCH_ROWS = 1_000;

export type MakeSnapshotInput = {
  packId: string;
  // The last row included. Unset: the pack's newest row now. A workflow fixes it in an earlier
  // step so that its retries make the same snapshot.
  maxRowId?: bigint;
  // The admin who asked; null for the daily run.
  createdById?: string | null;
  batchRows?: number;
};

// JSON-safe (a workflow step's result): ids and counts, sizes as numbers.
export type MakeSnapshotResult = {
  // collecting: the pack is below its privacy threshold, so nothing is made (pack-availability.ts).
  state: "created" | "exists" | "empty" | "collecting";
  packId: string;
  maxRowId: string | null;
  files: Array<{ id: string; format: SnapshotFormat; rowCount: number; sizeBytes: number; sha256: string }>;
};

type Sink = {
  format: SnapshotFormat;
  key: string;
  stream: PassThrough;
  hash: ReturnType<typeof createHash>;
  sizeBytes: number;
};

export async function newestRowId(db: Db, packId: string): Promise<bigint | null> {
  const { _max } = await db.packRow.aggregate({ where: { packId }, _max: { id: true } });
  return _max.id;
}

async function storedFiles(db: Db, keys: string[]) {
  const rows = await db.packSnapshot.findMany({
    where: { storageKey: { in: keys } },
    orderBy: { format: "asc" },
    select: { id: true, format: true, rowCount: true, sizeBytes: true, sha256: true },
  });
  return rows.map((row) => ({ ...row, sizeBytes: Number(row.sizeBytes) }));
}

export async function makePackSnapshot(db: Db, storage: SnapshotStorage, input: MakeSnapshotInput): Promise<MakeSnapshotResult> {
  const pack = await db.pack.findUnique({ where: { id: input.packId }, select: { id: true, rowSchema: true } });
  if (!pack) throw new AppError("not_found", `No pack ${input.packId}.`);
  if (!(await isPackAvailable(db, pack.id))) return { state: "collecting", packId: pack.id, maxRowId: null, files: [] };
  const maxRowId = input.maxRowId ?? (await newestRowId(db, pack.id));
  if (maxRowId === null) return { state: "empty", packId: pack.id, maxRowId: null, files: [] };

  const keys = SNAPSHOT_FORMATS.map((format) => snapshotStorageKey(pack.id, maxRowId, format));
  const existing = await storedFiles(db, keys);
  const result = { packId: pack.id, maxRowId: maxRowId.toString() };
  if (existing.length === SNAPSHOT_FORMATS.length) return { ...result, state: "exists", files: existing };

  const columns = ZRowSchema.parse(pack.rowSchema).map((column) => column.name);
  // Only the missing files: a file a row already refers to is never written again.
  const missing = SNAPSHOT_FORMATS.filter((format) => !existing.some((file) => file.format === format));
  const sinks: Sink[] = missing.map((format) => ({
    format,
    key: snapshotStorageKey(pack.id, maxRowId, format),
    stream: new PassThrough(),
    hash: createHash("sha256"),
    sizeBytes: 0,
  }));
  // A failed run destroys the streams with its error; their consumers see it through their own
  // listeners, and a consumer that already gave up must not turn it into an uncaught exception.
  for (const sink of sinks) sink.stream.on("error", () => undefined);
  const puts = sinks.map((sink) => storage.put(sink.key, sink.stream, { contentType: CONTENT_TYPES[sink.format] }));
  // Rejects as soon as any upload fails, so a write waiting for room never waits forever.
  const failed = new Promise<never>((_, reject) => puts.forEach((put) => put.catch(reject)));
  failed.catch(() => undefined);

  async function write(sink: Sink, text: string) {
    if (text === "") return;
    const bytes = Buffer.from(text, "utf8");
    sink.hash.update(bytes);
    sink.sizeBytes += bytes.length;
    // Backpressure: wait until storage has taken what it was given before reading more rows.
    if (!sink.stream.write(bytes)) await Promise.race([once(sink.stream, "drain"), failed]);
  }

  let rowCount = 0;
  try {
    for (const sink of sinks) await write(sink, encodeHeader(sink.format, columns));
    const take = input.batchRows ?? SNAPSHOT_BATCH_ROWS;
    for (let after = 0n; ; ) {
      const batch = await db.packRow.findMany({
        where: { packId: pack.id, id: { gt: after, lte: maxRowId } },
        orderBy: { id: "asc" },
        take,
        // The buyer's columns only: the contributor and product never reach a file.
        select: { id: true, data: true },
      });
      if (batch.length === 0) break;
      const data = batch.map((row) => row.data);
      for (const sink of sinks) await write(sink, encodeRows(sink.format, data, columns));
      rowCount += batch.length;
      after = batch[batch.length - 1]!.id;
      if (batch.length < take) break;
    }
    for (const sink of sinks) sink.stream.end();
    await Promise.all(puts);
  } catch (error) {
    for (const sink of sinks) sink.stream.destroy(error instanceof Error ? error : new Error(String(error)));
    await Promise.allSettled(puts);
    throw error;
  }

  // Stored means stored whole: a storage that lost bytes fails the run before any row refers to it.
  for (const sink of sinks) {
    const stored = await storage.size(sink.key);
    if (stored !== sink.sizeBytes) throw new Error(`Snapshot file ${sink.key} has ${stored} bytes stored, ${sink.sizeBytes} written`);
  }
  // skipDuplicates: a concurrent run at the same row id that finished first keeps its rows.
  await db.packSnapshot.createMany({
    data: sinks.map((sink) => ({
      packId: pack.id,
      format: sink.format,
      rowCount,
      maxRowId,
      sizeBytes: BigInt(sink.sizeBytes),
      sha256: sink.hash.digest("hex"),
      storageKey: sink.key,
      createdById: input.createdById ?? null,
    })),
    skipDuplicates: true,
  });
  return { ...result, state: "created", files: await storedFiles(db, keys) };
}

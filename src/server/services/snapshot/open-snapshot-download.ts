// Downloading a snapshot: the org must be able to read its pack now, and the file's rows are
// counted against the current period's quota all or nothing (DESIGN.md §4 "Use"): if they do not
// all fit, quota_exceeded and nothing is counted. The file is opened before counting, so a file
// that cannot be read is never charged; the caller streams the body it gets back.
import type { Readable } from "node:stream";
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import type { SnapshotStorage } from "~/server/storage";
import { formatCount } from "~/lib/format";
import { findCurrentCounter } from "../usage/current-counter";
import { debitQuota } from "../usage/debit-quota";
import { assertPackAvailable } from "../pack/pack-availability";
import { findReadableSubscription } from "./pack-access";
import { CONTENT_TYPES, downloadFilename } from "./snapshot-files";

export type SnapshotDownload = {
  body: Readable;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  rowCount: number;
  remaining: number;
};

// The same answer for a snapshot that does not exist and one of a pack the org cannot read.
export const SNAPSHOT_NOT_FOUND = "No snapshot with this id among your packs.";

export async function openSnapshotDownload(
  db: Db,
  storage: SnapshotStorage,
  input: { orgId: string; snapshotId: string; apiKeyId?: string | null; now?: Date },
): Promise<SnapshotDownload> {
  const snapshot = await db.packSnapshot.findUnique({
    where: { id: input.snapshotId },
    select: { packId: true, format: true, rowCount: true, sizeBytes: true, sha256: true, storageKey: true, createdAt: true, pack: { select: { slug: true } } },
  });
  const subscription = snapshot && (await findReadableSubscription(db, { orgId: input.orgId, packId: snapshot.packId, now: input.now }));
  if (!snapshot || !subscription) throw new AppError("not_found", SNAPSHOT_NOT_FOUND);
  await assertPackAvailable(db, snapshot.packId);
  const counter = await findCurrentCounter(db, { subscription, now: input.now });
  if (!counter) {
    throw new AppError("quota_exceeded", "No billing period with a row quota is open for this subscription yet; nothing was counted.");
  }

  const body = await storage.get(snapshot.storageKey);
  try {
    const debit = await debitQuota(db, { counterId: counter.id, rows: snapshot.rowCount, mode: "all_or_nothing", source: "snapshot", apiKeyId: input.apiKeyId });
    if (debit.granted !== snapshot.rowCount) {
      throw new AppError(
        "quota_exceeded",
        `This snapshot has ${formatCount(snapshot.rowCount)} rows and ${formatCount(debit.remaining)} remain in this billing period: nothing was counted.`,
      );
    }
    return {
      body,
      filename: downloadFilename(snapshot.pack.slug, snapshot.createdAt, snapshot.format),
      contentType: CONTENT_TYPES[snapshot.format],
      sizeBytes: Number(snapshot.sizeBytes),
      sha256: snapshot.sha256,
      rowCount: snapshot.rowCount,
      remaining: debit.remaining,
    };
  } catch (error) {
    body.destroy();
    throw error;
  }
}

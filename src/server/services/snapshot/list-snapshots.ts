// A pack's snapshots, newest first, for an org that may read the pack now.
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { assertPackAvailable } from "../pack/pack-availability";
import { findReadableSubscription } from "./pack-access";
import { downloadPath } from "./snapshot-files";
import type { Snapshot } from "./snapshot-schemas";

// A month of daily snapshots in both formats, and a few made on demand.
export const SNAPSHOT_LIST_LIMIT = 80;

export const PACK_NOT_READABLE = "No pack with this id among your subscriptions.";

export async function listSnapshots(db: Db, input: { orgId: string; packId: string; now?: Date }): Promise<{ snapshots: Snapshot[] }> {
  if (!(await findReadableSubscription(db, input))) throw new AppError("not_found", PACK_NOT_READABLE);
  await assertPackAvailable(db, input.packId);
  const rows = await db.packSnapshot.findMany({
    where: { packId: input.packId },
    orderBy: [{ createdAt: "desc" }, { maxRowId: "desc" }, { format: "asc" }],
    take: SNAPSHOT_LIST_LIMIT,
    select: { id: true, format: true, rowCount: true, sizeBytes: true, sha256: true, maxRowId: true, createdAt: true },
  });
  return {
    snapshots: rows.map((row) => ({
      ...row,
      sizeBytes: Number(row.sizeBytes),
      maxRowId: row.maxRowId.toString(),
      downloadPath: downloadPath(row.id),
    })),
  };
}

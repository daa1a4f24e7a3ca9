// An admin asks for a snapshot now. The files are made by a workflow (inngest/functions/
// snapshot-pack.ts), not in the request: a big pack takes longer than a request should. The event
// goes through the outbox under an id naming the pack and its newest row, so clicking twice, or
// asking while the same rows are being snapshotted, queues one run.
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
// Not "~/server/outbox" (nor its relay kick): the routers must not load the Inngest client, which
// reads its environment once when created. The relay picks the event up within its 2 s tick.
import { enqueueEvent } from "~/server/outbox/enqueue-event";
import { snapshotRequested } from "../../../../inngest/events";
import { PACK_NOT_READABLE } from "./list-snapshots";
import { newestRowId } from "./make-pack-snapshot";
import { assertPackAvailable } from "../pack/pack-availability";
import { findReadableSubscription } from "./pack-access";
import { SNAPSHOT_FORMATS } from "./snapshot-files";
import type { SnapshotRequest } from "./snapshot-schemas";

export async function requestSnapshot(db: Db, input: { orgId: string; packId: string; userId: string }): Promise<SnapshotRequest> {
  if (!(await findReadableSubscription(db, input))) throw new AppError("not_found", PACK_NOT_READABLE);
  await assertPackAvailable(db, input.packId);
  const maxRowId = await newestRowId(db, input.packId);
  if (maxRowId === null) return { state: "empty", maxRowId: null };
  const made = await db.packSnapshot.count({ where: { packId: input.packId, maxRowId } });
  if (made >= SNAPSHOT_FORMATS.length) return { state: "ready", maxRowId: maxRowId.toString() };
  await enqueueEvent(db, {
    id: `snapshot-requested:${input.packId}:${maxRowId}`,
    name: snapshotRequested.name,
    data: { packId: input.packId, maxRowId: maxRowId.toString(), requestedById: input.userId },
  });
  return { state: "queued", maxRowId: maxRowId.toString() };
}

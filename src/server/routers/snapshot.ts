import { listSnapshots } from "../services/snapshot/list-snapshots";
import { requestSnapshot } from "../services/snapshot/request-snapshot";
import { ZPackSnapshotsInput, ZSnapshotList, ZSnapshotRequest } from "../services/snapshot/snapshot-schemas";
import { orgAdminProcedure, orgProcedure, router } from "../trpc";

// Files of a pack's rows (CSV and JSON Lines), made daily and on demand; downloaded from
// GET /v1/snapshots/{snapshotId}/download (src/pages/api/v1/snapshots/), which counts their rows.
export const snapshotRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/marketplace/packs/{packId}/snapshots", tags: ["Snapshots"], summary: "A subscribed pack's snapshots: date, rows, size, format, download path", protect: true } })
    .input(ZPackSnapshotsInput)
    .output(ZSnapshotList)
    .query(({ ctx, input }) => listSnapshots(ctx.db, { orgId: ctx.org.id, packId: input.packId })),

  create: orgAdminProcedure
    .meta({ openapi: { method: "POST", path: "/marketplace/packs/{packId}/snapshots", tags: ["Snapshots"], summary: "Make a snapshot of a subscribed pack now (it appears in the list when done)", protect: true } })
    .input(ZPackSnapshotsInput)
    .output(ZSnapshotRequest)
    .mutation(({ ctx, input }) => requestSnapshot(ctx.db, { orgId: ctx.org.id, packId: input.packId, userId: ctx.userId })),
});

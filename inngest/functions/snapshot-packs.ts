// Snapshots of every active pack, daily at 03:00 UTC, and of one pack when an admin asks. The
// first step fixes each pack's last row, so a retried run makes the same snapshots (the maker's
// deterministic keys make a finished one a no-op); then one step per pack.
import { cron } from "inngest";
import { getDb } from "~/server/db";
import { isPackAvailable } from "~/server/services/pack/pack-availability";
import { makePackSnapshot, newestRowId } from "~/server/services/snapshot/make-pack-snapshot";
import { getSnapshotStorage } from "~/server/storage";
import { inngest } from "../client";
import { snapshotRequested } from "../events";

export const SNAPSHOT_CRON = "TZ=UTC 0 3 * * *";

async function planDailySnapshots(): Promise<Array<{ packId: string; maxRowId: string }>> {
  const db = getDb();
  const packs = await db.pack.findMany({ where: { status: "active" }, orderBy: { id: "asc" }, select: { id: true } });
  const plan: Array<{ packId: string; maxRowId: string }> = [];
  for (const pack of packs) {
    // Below its privacy threshold a pack gets no snapshot (its rows are not served either).
    if (!(await isPackAvailable(db, pack.id))) continue;
    const maxRowId = await newestRowId(db, pack.id);
    if (maxRowId !== null) plan.push({ packId: pack.id, maxRowId: maxRowId.toString() });
  }
  return plan;
}

export const snapshotPacks = inngest.createFunction(
  { id: "snapshot-packs", name: "Snapshots: every active pack, daily", triggers: [cron(SNAPSHOT_CRON)], retries: 3 },
  async ({ step }) => {
    const plan = await step.run("plan", planDailySnapshots);
    const states: Record<string, string> = {};
    for (const { packId, maxRowId } of plan) {
      const made = await step.run(`snapshot-${packId}`, () =>
        makePackSnapshot(getDb(), getSnapshotStorage(), { packId, maxRowId: BigInt(maxRowId) }),
      );
      states[packId] = made.state;
    }
    return { packs: plan.length, states };
  },
);

export const snapshotPack = inngest.createFunction(
  {
    id: "snapshot-pack",
    name: "Snapshots: one pack, on demand",
    triggers: [snapshotRequested],
    retries: 3,
    // One run per pack at a time: two admins of different orgs asking at once queue, not race.
    concurrency: { key: "event.data.packId", limit: 1 },
  },
  async ({ event, step }) => {
    const { packId, maxRowId, requestedById } = event.data;
    return step.run("make-snapshot", () =>
      makePackSnapshot(getDb(), getSnapshotStorage(), { packId, maxRowId: BigInt(maxRowId), createdById: requestedById }),
    );
  },
);

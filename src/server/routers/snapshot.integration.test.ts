import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makePackSnapshot } from "~/server/services/snapshot/make-pack-snapshot";
import { getSnapshotStorage } from "~/server/storage";
import { addMember, callerFor, makePack, makeUser, makeUserInOrg, sessionFor } from "~/test/factories";
import { addPackRows, subscribe, useTempSnapshotDir } from "~/test/snapshots";
import { snapshotPack } from "../../../inngest/functions/snapshot-packs";

let folder: Awaited<ReturnType<typeof useTempSnapshotDir>>;
beforeAll(async () => {
  folder = await useTempSnapshotDir();
});
afterAll(() => folder?.remove());

async function subscribedAdmin(opts: Parameters<typeof subscribe>[2] = {}) {
  const { user, org } = await makeUserInOrg("admin");
  // No privacy threshold: the pack is readable before it has rows.
  const pack = await makePack({ slug: `urban-trips-${user.id.slice(-6)}`, minContributors: 0 });
  await subscribe(org.id, pack.id, opts);
  return { user, org, pack, caller: callerFor(sessionFor(user), org.id) };
}

describe("snapshot.list", () => {
  it("lists a subscribed pack's snapshots newest first: date, rows, size, format and where to download", async () => {
    const { pack, caller } = await subscribedAdmin();
    await addPackRows(pack.id, 3);
    await makePackSnapshot(getDb(), getSnapshotStorage(), { packId: pack.id });
    await addPackRows(pack.id, 2);
    await makePackSnapshot(getDb(), getSnapshotStorage(), { packId: pack.id });
    const { snapshots } = await caller.snapshot.list({ packId: pack.id });
    expect(snapshots.map((s) => [s.format, s.rowCount])).toEqual([
      ["csv", 5],
      ["jsonl", 5],
      ["csv", 3],
      ["jsonl", 3],
    ]);
    const stored = await getDb().packSnapshot.findUniqueOrThrow({ where: { id: snapshots[0]!.id } });
    expect(snapshots[0]).toEqual({
      id: stored.id,
      format: "csv",
      rowCount: 5,
      sizeBytes: Number(stored.sizeBytes),
      sha256: stored.sha256,
      maxRowId: stored.maxRowId.toString(),
      createdAt: stored.createdAt,
      downloadPath: `/v1/snapshots/${stored.id}/download`,
    });
    expect(snapshots[0]).not.toHaveProperty("storageKey");
  });

  it("is not_found for another org's pack, a pack the org does not subscribe to, and an ended subscription", async () => {
    const { pack, caller, org } = await subscribedAdmin();
    const stranger = await makeUserInOrg("owner");
    await expect(callerFor(sessionFor(stranger.user), stranger.org.id).snapshot.list({ packId: pack.id })).rejects.toMatchObject({ appCode: "not_found" });
    const unsubscribed = await makePack();
    await expect(caller.snapshot.list({ packId: unsubscribed.id })).rejects.toMatchObject({ appCode: "not_found" });
    const ended = await makePack();
    await subscribe(org.id, ended.id, { status: "canceled" });
    await expect(caller.snapshot.list({ packId: ended.id })).rejects.toMatchObject({ appCode: "not_found" });
  });

  it("is readable by a member", async () => {
    const { pack, org } = await subscribedAdmin();
    const member = await makeUser();
    await addMember(member.id, org.id, "member");
    expect(await callerFor(sessionFor(member), org.id).snapshot.list({ packId: pack.id })).toEqual({ snapshots: [] });
  });
});

describe("snapshot.create", () => {
  it("queues one run for the pack's current rows however often it is asked; the list shows the files once it is done", async () => {
    const { pack, caller, user } = await subscribedAdmin();
    await addPackRows(pack.id, 4);
    const first = await caller.snapshot.create({ packId: pack.id });
    expect(first).toEqual({ state: "queued", maxRowId: expect.stringMatching(/^\d+$/) });
    expect(await caller.snapshot.create({ packId: pack.id })).toEqual(first);
    const events = await getDb().outboxEvent.findMany();
    expect(events.map((e) => [e.id, e.name, e.data])).toEqual([
      [`snapshot-requested:${pack.id}:${first.maxRowId}`, "snapshot/pack.requested", { packId: pack.id, maxRowId: first.maxRowId, requestedById: user.id }],
    ]);

    // What Inngest does with the event.
    await new InngestTestEngine({ function: snapshotPack }).execute({ events: [{ name: events[0]!.name, data: events[0]!.data as never }] });
    const { snapshots } = await caller.snapshot.list({ packId: pack.id });
    expect(snapshots.map((s) => [s.format, s.rowCount, s.maxRowId])).toEqual([
      ["csv", 4, first.maxRowId],
      ["jsonl", 4, first.maxRowId],
    ]);
    // Nothing new since: the snapshot is ready, no run is queued.
    expect(await caller.snapshot.create({ packId: pack.id })).toEqual({ state: "ready", maxRowId: first.maxRowId });
    expect(await getDb().outboxEvent.count()).toBe(1);
  });

  it("says a pack without rows has nothing to snapshot yet", async () => {
    const { pack, caller } = await subscribedAdmin();
    expect(await caller.snapshot.create({ packId: pack.id })).toEqual({ state: "empty", maxRowId: null });
    expect(await getDb().outboxEvent.count()).toBe(0);
  });

  it("is for admins and owners of an org that can read the pack", async () => {
    const { pack, org } = await subscribedAdmin();
    const member = await makeUser();
    await addMember(member.id, org.id, "member");
    await expect(callerFor(sessionFor(member), org.id).snapshot.create({ packId: pack.id })).rejects.toMatchObject({ appCode: "forbidden" });
    const stranger = await makeUserInOrg("owner");
    await expect(callerFor(sessionFor(stranger.user), stranger.org.id).snapshot.create({ packId: pack.id })).rejects.toMatchObject({ appCode: "not_found" });
    expect(await getDb().outboxEvent.count()).toBe(0);
  });
});

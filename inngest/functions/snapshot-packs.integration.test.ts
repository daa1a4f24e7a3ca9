import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { getSnapshotStorage } from "~/server/storage";
import { makePack, makeUser } from "~/test/factories";
import { addPackRows, useTempSnapshotDir } from "~/test/snapshots";
import { snapshotPack, snapshotPacks } from "./snapshot-packs";

let folder: Awaited<ReturnType<typeof useTempSnapshotDir>>;
beforeAll(async () => {
  folder = await useTempSnapshotDir();
});
afterAll(() => folder?.remove());

describe("snapshot-packs (daily cron)", () => {
  it("snapshots every active pack with rows, one step each, and a rerun makes nothing new", async () => {
    const a = await makePack();
    const b = await makePack();
    const empty = await makePack();
    const retired = await makePack({ status: "retired" });
    await addPackRows(a.id, 3);
    await addPackRows(b.id, 2);
    await addPackRows(retired.id, 2);

    const first = await new InngestTestEngine({ function: snapshotPacks }).execute();
    expect(first.result).toEqual({ packs: 2, states: { [a.id]: "created", [b.id]: "created" } });
    expect(first.ctx.step.run).toHaveBeenCalledTimes(3);
    const db = getDb();
    const rows = await db.packSnapshot.findMany({ orderBy: { format: "asc" } });
    const made = (packId: string) => rows.filter((r) => r.packId === packId).map((r) => [r.format, r.rowCount, r.createdById]);
    expect(made(a.id)).toEqual([["csv", 3, null], ["jsonl", 3, null]]);
    expect(made(b.id)).toEqual([["csv", 2, null], ["jsonl", 2, null]]);
    expect(rows).toHaveLength(4);
    expect(made(empty.id).concat(made(retired.id))).toEqual([]);
    for (const row of rows) expect(await getSnapshotStorage().size(row.storageKey)).toBe(Number(row.sizeBytes));

    // A retry of the whole run (or tomorrow's run with no new rows) finds the same snapshots.
    const again = await new InngestTestEngine({ function: snapshotPacks }).execute();
    expect(again.result).toEqual({ packs: 2, states: { [a.id]: "exists", [b.id]: "exists" } });
    expect(await db.packSnapshot.count()).toBe(4);
  });

  it("a retry of one pack's step makes the snapshot planned in the first step, not one with rows added since", async () => {
    const pack = await makePack();
    await addPackRows(pack.id, 2);
    const engine = new InngestTestEngine({ function: snapshotPacks });
    const planned = await engine.executeStep("plan");
    await addPackRows(pack.id, 5);
    const { result } = await new InngestTestEngine({ function: snapshotPacks, steps: [{ id: "plan", handler: () => planned.result }] }).execute();
    expect(result).toEqual({ packs: 1, states: { [pack.id]: "created" } });
    expect((await getDb().packSnapshot.findMany()).map((r) => r.rowCount)).toEqual([2, 2]);
  });
});

describe("snapshot-pack (on demand)", () => {
  it("makes the requested pack's snapshot up to the requested row, recording who asked", async () => {
    const pack = await makePack();
    await addPackRows(pack.id, 4);
    const admin = await makeUser();
    const { _max } = await getDb().packRow.aggregate({ where: { packId: pack.id }, _max: { id: true } });
    await addPackRows(pack.id, 1);
    const t = new InngestTestEngine({ function: snapshotPack });
    const { result } = await t.execute({
      events: [{ name: "snapshot/pack.requested", data: { packId: pack.id, maxRowId: String(_max.id), requestedById: admin.id } }],
    });
    expect(result).toMatchObject({ state: "created", packId: pack.id, maxRowId: String(_max.id) });
    const rows = await getDb().packSnapshot.findMany({ orderBy: { format: "asc" } });
    expect(rows.map((r) => [r.format, r.rowCount, r.createdById])).toEqual([
      ["csv", 4, admin.id],
      ["jsonl", 4, admin.id],
    ]);
  });
});

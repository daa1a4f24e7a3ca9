import { describe, expect, it } from "vitest";
import { createDb, getDb } from "~/server/db";
import { enqueueEvent, type OutboxMessage } from "./enqueue-event";
import { RELAY_BACKOFF, relayOutbox } from "./relay";

const message = (id: string): OutboxMessage => ({ id, name: "test/thing.happened", data: { id } });

describe("enqueueEvent", () => {
  it("writes the event with the caller's transaction, and only if it commits", async () => {
    const db = getDb();
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEvent(tx, message("rolled-back"));
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    await db.$transaction((tx) => enqueueEvent(tx, message("committed")));
    expect((await db.outboxEvent.findMany()).map((e) => e.id)).toEqual(["committed"]);
  });

  it("treats the same id twice as a no-op that leaves the transaction usable", async () => {
    const db = getDb();
    const results = await db.$transaction(async (tx) => {
      const first = await enqueueEvent(tx, message("dup"));
      const second = await enqueueEvent(tx, { ...message("dup"), data: { changed: true } });
      const other = await enqueueEvent(tx, message("after-dup"));
      return [first, second, other];
    });
    expect(results).toEqual([{ created: true }, { created: false }, { created: true }]);
    expect(await db.outboxEvent.findUniqueOrThrow({ where: { id: "dup" } })).toMatchObject({ data: { id: "dup" }, attempts: 0 });
  });
});

describe("relayOutbox", () => {
  it("sends due rows with their ids and marks them delivered, once", async () => {
    const db = getDb();
    await enqueueEvent(db, message("a"));
    await enqueueEvent(db, message("b"));
    const sent: OutboxMessage[] = [];
    const result = await relayOutbox(db, { send: async (m) => sent.push(m) });
    expect(result).toEqual({ claimed: 2, delivered: ["a", "b"], failed: [] });
    expect(sent).toEqual([message("a"), message("b")]);
    expect((await db.outboxEvent.findMany()).every((e) => e.deliveredAt && e.lastError === null)).toBe(true);
    expect(await relayOutbox(db, { send: async (m) => sent.push(m) })).toEqual({ claimed: 0, delivered: [], failed: [] });
  });

  it("records a failure and retries on a growing schedule, not before", async () => {
    const db = getDb();
    await enqueueEvent(db, message("flaky"));
    const t0 = new Date();
    const failing = async () => {
      throw new Error("Inngest is unreachable");
    };
    expect((await relayOutbox(db, { send: failing, now: t0 })).failed).toEqual(["flaky"]);
    let row = await db.outboxEvent.findUniqueOrThrow({ where: { id: "flaky" } });
    expect(row).toMatchObject({ attempts: 1, deliveredAt: null, lastError: "Error: Inngest is unreachable" });
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + RELAY_BACKOFF.baseMs);

    const justBefore = new Date(row.nextAttemptAt.getTime() - 1);
    expect((await relayOutbox(db, { send: failing, now: justBefore })).claimed).toBe(0);
    const t1 = row.nextAttemptAt;
    await relayOutbox(db, { send: failing, now: t1 });
    row = await db.outboxEvent.findUniqueOrThrow({ where: { id: "flaky" } });
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt.getTime()).toBe(t1.getTime() + 2 * RELAY_BACKOFF.baseMs);

    const result = await relayOutbox(db, { send: async () => undefined, now: row.nextAttemptAt });
    expect(result.delivered).toEqual(["flaky"]);
    row = await db.outboxEvent.findUniqueOrThrow({ where: { id: "flaky" } });
    expect(row).toMatchObject({ attempts: 2, lastError: null });
    expect(row.deliveredAt).not.toBeNull();
  });

  it("gives up on a send that never answers and retries it later", async () => {
    const db = getDb();
    await enqueueEvent(db, message("hangs"));
    const result = await relayOutbox(db, { send: () => new Promise(() => undefined), sendTimeoutMs: 50 });
    expect(result.failed).toEqual(["hangs"]);
    expect((await db.outboxEvent.findUniqueOrThrow({ where: { id: "hangs" } })).lastError).toMatch(/timed out after 50 ms/);
  });

  it("never has two relays send the same row at the same time", async () => {
    const url = process.env.DATABASE_URL!;
    const [one, two] = [createDb(url), createDb(url)];
    try {
      for (let i = 0; i < 30; i++) await enqueueEvent(getDb(), message(`row-${String(i).padStart(2, "0")}`));
      const sent: string[] = [];
      const send = async (m: OutboxMessage) => {
        sent.push(m.id);
        await new Promise((resolve) => setTimeout(resolve, 20));
      };
      const drain = async (db: typeof one) => {
        while ((await relayOutbox(db, { send, batchSize: 4 })).claimed > 0);
      };
      await Promise.all([drain(one), drain(two), drain(one), drain(two)]);
      expect(sent).toHaveLength(30);
      expect(new Set(sent).size).toBe(30);
      expect(await getDb().outboxEvent.count({ where: { deliveredAt: null } })).toBe(0);
    } finally {
      await Promise.all([one.$disconnect(), two.$disconnect()]);
    }
  });
});

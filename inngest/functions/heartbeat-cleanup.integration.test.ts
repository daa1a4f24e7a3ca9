import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makeUser } from "~/test/factories";
import { heartbeatCleanup } from "./heartbeat-cleanup";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function seedExpiringRecords() {
  const db = getDb();
  const user = await makeUser();
  const now = Date.now();
  await db.session.createMany({
    data: [
      { sessionToken: "session-expired", userId: user.id, expires: new Date(now - HOUR) },
      { sessionToken: "session-live", userId: user.id, expires: new Date(now + HOUR) },
    ],
  });
  await db.verificationToken.createMany({
    data: [
      { identifier: user.email, token: "token-expired", expires: new Date(now - 1000) },
      { identifier: user.email, token: "token-live", expires: new Date(now + HOUR) },
    ],
  });
  await db.outboxEvent.createMany({
    data: [
      { id: "delivered-long-ago", name: "x", data: {}, deliveredAt: new Date(now - 31 * DAY) },
      { id: "delivered-recently", name: "x", data: {}, deliveredAt: new Date(now - 29 * DAY) },
      { id: "never-delivered", name: "x", data: {}, createdAt: new Date(now - 90 * DAY) },
    ],
  });
}

describe("heartbeat-cleanup", () => {
  it("purges expired tokens and sessions and old delivered outbox rows, one step each, and returns the counts", async () => {
    await seedExpiringRecords();
    const t = new InngestTestEngine({ function: heartbeatCleanup });
    const { result, ctx } = await t.execute();

    expect(result).toEqual({ deleted: { verificationTokens: 1, sessions: 1, deliveredOutboxEvents: 1 } });
    expect(ctx.step.run).toHaveBeenCalledTimes(3);
    const db = getDb();
    expect((await db.session.findMany()).map((s) => s.sessionToken)).toEqual(["session-live"]);
    expect((await db.verificationToken.findMany()).map((v) => v.token)).toEqual(["token-live"]);
    expect((await db.outboxEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.id)).toEqual(["delivered-recently", "never-delivered"]);
  });

  it("can stop after a given step, and a later run finds only what was left", async () => {
    await seedExpiringRecords();
    const partial = await new InngestTestEngine({ function: heartbeatCleanup }).executeStep("purge-sessions");
    expect(partial.result).toEqual({ target: "sessions", deleted: 1 });
    expect(await getDb().outboxEvent.count()).toBe(3);
    const again = await new InngestTestEngine({ function: heartbeatCleanup }).execute();
    expect(again.result).toEqual({ deleted: { verificationTokens: 0, sessions: 0, deliveredOutboxEvents: 1 } });
  });
});

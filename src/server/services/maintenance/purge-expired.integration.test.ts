import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makeUser } from "~/test/factories";
import { DELIVERED_OUTBOX_RETENTION_DAYS, purgeExpired } from "./purge-expired";

const now = new Date("2026-11-26T12:00:00Z");
const ms = (offset: number) => new Date(now.getTime() + offset);

describe("purgeExpired", () => {
  it("deletes what expired strictly before now, and nothing else", async () => {
    const db = getDb();
    const user = await makeUser();
    await db.session.createMany({
      data: [
        { sessionToken: "gone", userId: user.id, expires: ms(-1) },
        { sessionToken: "expires-now", userId: user.id, expires: now },
      ],
    });
    await db.verificationToken.createMany({
      data: [
        { identifier: "a", token: "gone", expires: ms(-1) },
        { identifier: "a", token: "kept", expires: ms(1) },
      ],
    });
    expect(await purgeExpired(db, { target: "sessions", now })).toEqual({ target: "sessions", deleted: 1 });
    expect(await purgeExpired(db, { target: "verificationTokens", now })).toEqual({ target: "verificationTokens", deleted: 1 });
    expect((await db.session.findMany()).map((s) => s.sessionToken)).toEqual(["expires-now"]);
    expect((await db.verificationToken.findMany()).map((t) => t.token)).toEqual(["kept"]);
  });

  it("keeps delivered outbox rows for the retention period and undelivered ones forever", async () => {
    const db = getDb();
    const retention = DELIVERED_OUTBOX_RETENTION_DAYS * 86_400_000;
    await db.outboxEvent.createMany({
      data: [
        { id: "old", name: "x", data: {}, deliveredAt: ms(-retention - 1) },
        { id: "at-cutoff", name: "x", data: {}, deliveredAt: ms(-retention) },
        { id: "pending", name: "x", data: {}, createdAt: ms(-10 * retention) },
      ],
    });
    expect(await purgeExpired(db, { target: "deliveredOutboxEvents", now })).toEqual({ target: "deliveredOutboxEvents", deleted: 1 });
    expect((await db.outboxEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.id)).toEqual(["at-cutoff", "pending"]);
  });
});

import type { Db } from "~/server/db";

// What the hourly heartbeat clears out. Each target is purged on its own (one workflow step
// each), so a failure in one neither rolls back nor repeats the others.
export const PURGE_TARGETS = ["verificationTokens", "sessions", "deliveredOutboxEvents"] as const;
export type PurgeTarget = (typeof PURGE_TARGETS)[number];

// Delivered outbox rows are kept this long so a delivery can still be traced back.
export const DELIVERED_OUTBOX_RETENTION_DAYS = 30;

export type PurgeExpiredInput = { target: PurgeTarget; now?: Date };

export async function purgeExpired(db: Db, input: PurgeExpiredInput): Promise<{ target: PurgeTarget; deleted: number }> {
  const now = input.now ?? new Date();
  const deleted = await purge(db, input.target, now);
  return { target: input.target, deleted };
}

async function purge(db: Db, target: PurgeTarget, now: Date): Promise<number> {
  switch (target) {
    case "verificationTokens":
      return (await db.verificationToken.deleteMany({ where: { expires: { lt: now } } })).count;
    case "sessions":
      return (await db.session.deleteMany({ where: { expires: { lt: now } } })).count;
    case "deliveredOutboxEvents": {
      const cutoff = new Date(now.getTime() - DELIVERED_OUTBOX_RETENTION_DAYS * 86_400_000);
      return (await db.outboxEvent.deleteMany({ where: { deliveredAt: { lt: cutoff } } })).count;
    }
  }
}

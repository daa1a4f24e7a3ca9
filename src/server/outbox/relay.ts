// Delivers outbox rows to Inngest. Any number of relays may run at once (one per app process):
// a row is claimed with FOR UPDATE SKIP LOCKED and leased by pushing its nextAttemptAt forward,
// so no two relays send it at the same time, and a relay that dies mid-send only delays it.
import type { Db } from "~/server/db";
import { backoffMs, type BackoffOptions } from "~/lib/backoff";
import type { OutboxMessage } from "./enqueue-event";

export type SendOutboxEvent = (message: OutboxMessage) => Promise<unknown>;

export type RelayOptions = {
  send: SendOutboxEvent;
  batchSize?: number;
  now?: Date;
  // Longer than any send may take (each is bounded by sendTimeoutMs).
  leaseMs?: number;
  sendTimeoutMs?: number;
  backoff?: BackoffOptions;
  onFailure?: (failure: { id: string; attempts: number; error: string; nextAttemptAt: Date }) => void;
};

export const RELAY_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 5 * 60_000 };

export type RelayResult = { claimed: number; delivered: string[]; failed: string[] };

type ClaimedRow = { id: string; name: string; data: Record<string, unknown>; attempts: number; createdAt: Date };

export async function relayOutbox(db: Db, options: RelayOptions): Promise<RelayResult> {
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000));
  // Timestamps are stored as UTC wall-clock (Prisma's `timestamp(3)`): compare them in UTC,
  // whatever the session's TimeZone.
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "outbox_events" SET "nextAttemptAt" = (${leaseUntil.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    WHERE "id" IN (
      SELECT "id" FROM "outbox_events"
      WHERE "deliveredAt" IS NULL AND "nextAttemptAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY "nextAttemptAt", "createdAt"
      LIMIT ${options.batchSize ?? 20}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "name", "data", "attempts", "createdAt"`;
  // RETURNING has no order: send the oldest first.
  rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));

  const result: RelayResult = { claimed: rows.length, delivered: [], failed: [] };
  const outcomes = await Promise.allSettled(
    rows.map((row) => withTimeout(options.send({ id: row.id, name: row.name, data: row.data }), options.sendTimeoutMs ?? 15_000)),
  );
  const deliveredAt = new Date();
  for (const [i, outcome] of outcomes.entries()) {
    const row = rows[i]!;
    if (outcome.status === "fulfilled") {
      result.delivered.push(row.id);
      continue;
    }
    result.failed.push(row.id);
    const attempts = row.attempts + 1;
    const error = describe(outcome.reason);
    const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts, options.backoff ?? RELAY_BACKOFF));
    await db.outboxEvent.updateMany({
      where: { id: row.id, deliveredAt: null },
      data: { attempts, lastError: error, nextAttemptAt },
    });
    options.onFailure?.({ id: row.id, attempts, error, nextAttemptAt });
  }
  if (result.delivered.length > 0) {
    await db.outboxEvent.updateMany({
      where: { id: { in: result.delivered }, deliveredAt: null },
      data: { deliveredAt, lastError: null },
    });
  }
  return result;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`send timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.slice(0, 1000);
}

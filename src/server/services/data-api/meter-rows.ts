// Counting served rows against the quota, with group commit: concurrent requests of one API key for
// one pack join a batch, and the batch costs a fixed handful of statements whatever its size. A few
// batches per (key, pack) run at a time in a process; requests arriving meanwhile form the next.
//
// Each batch, read fresh from the database (nothing here is cached):
//   1. in one query: the key is not revoked, the org's live subscription to the pack, and its
//      latest started counter; which of them applies now is pickCurrentCounter's rule (the
//      period, the grace rule), the same as findCurrentCounter's;
//   3. one debitQuota for the batch's total, "up to" what remains: the metering core's single
//      statement, exact across processes (the counter's row lock orders batches of every process).
// The rows granted are then shared out in arrival order, so earlier requests get full pages, one
// may get a partial page, and later ones none. Rows granted always equal rows debited.
import type { Db } from "~/server/db";
import type { SubscriptionStatus } from "~/server/db/generated/enums";
import { pickCurrentCounter } from "../usage/current-counter";
import { debitQuota } from "../usage/debit-quota";

export type MeterClaim = { keyId: string; orgId: string; packId: string; rows: number };

export type MeterOutcome =
  | { kind: "granted"; granted: number; rowsUsed: number; rowQuota: number; remaining: number }
  | { kind: "key_revoked" }
  // No live subscription of the key's org to the pack, or one without access now (past due beyond
  // its grace, a duplicate being refunded, no period open).
  | { kind: "no_access"; reason: "no_subscription" | "no_access_now" };

type Pending = { claim: MeterClaim; resolve: (outcome: MeterOutcome) => void; reject: (error: unknown) => void };

type KeyAndSubscription = {
  keyValid: boolean;
  subscriptionId: string | null;
  status: SubscriptionStatus | null;
  currentPeriodStart: Date | null;
  isDuplicate: boolean | null;
  counterId: string | null;
  rowsUsed: number | null;
  rowQuota: number | null;
  periodStart: Date | null;
  periodEnd: Date | null;
};

// The key, the org's live subscription to the pack and its latest started counter, in one round trip.
async function readKeyAndSubscription(db: Db, claim: MeterClaim, now: Date): Promise<KeyAndSubscription | undefined> {
  const [row] = await db.$queryRaw<KeyAndSubscription[]>`
    SELECT (k."revokedAt" IS NULL) AS "keyValid", s."id" AS "subscriptionId", s."status"::text AS "status",
           s."currentPeriodStart", s."isDuplicate",
           c."id" AS "counterId", c."rowsUsed", c."rowQuota", c."periodStart", c."periodEnd"
    FROM "api_keys" k
    LEFT JOIN "buyer_subscriptions" s ON s."buyerOrgId" = k."orgId" AND s."packId" = ${claim.packId} AND s."liveSlot" = true
    LEFT JOIN LATERAL (
      SELECT "id", "rowsUsed", "rowQuota", "periodStart", "periodEnd" FROM "buyer_usage_counters"
      WHERE "subscriptionId" = s."id" AND "periodStart" <= ${now}
      ORDER BY "periodStart" DESC LIMIT 1
    ) c ON true
    WHERE k."id" = ${claim.keyId} AND k."orgId" = ${claim.orgId}`;
  return row;
}

async function meterBatch(db: Db, batch: Pending[]): Promise<MeterOutcome[]> {
  const first = batch[0]!.claim;
  const now = new Date();
  const found = await readKeyAndSubscription(db, first, now);
  if (!found?.keyValid) return batch.map(() => ({ kind: "key_revoked" }));
  if (!found.subscriptionId || !found.status) return batch.map(() => ({ kind: "no_access", reason: "no_subscription" }));
  const latest =
    found.counterId && found.rowsUsed !== null && found.rowQuota !== null && found.periodStart && found.periodEnd
      ? { id: found.counterId, rowsUsed: found.rowsUsed, rowQuota: found.rowQuota, periodStart: found.periodStart, periodEnd: found.periodEnd }
      : null;
  const subscription = { status: found.status, currentPeriodStart: found.currentPeriodStart, isDuplicate: found.isDuplicate ?? false };
  const counter = pickCurrentCounter(subscription, latest, now);
  if (!counter) return batch.map(() => ({ kind: "no_access", reason: "no_access_now" }));
  const wanted = batch.reduce((sum, p) => sum + p.claim.rows, 0);
  const debit =
    wanted > 0
      ? await debitQuota(db, { counterId: counter.id, rows: wanted, mode: "up_to", source: "api", apiKeyId: first.keyId })
      : { granted: 0, rowsUsed: counter.rowsUsed, rowQuota: counter.rowQuota, remaining: counter.rowQuota - counter.rowsUsed };
  let left = debit.granted;
  return batch.map(({ claim }) => {
    const granted = Math.min(claim.rows, left);
    left -= granted;
    return { kind: "granted", granted, rowsUsed: debit.rowsUsed, rowQuota: debit.rowQuota, remaining: debit.remaining };
  });
}

// Batches that may run at once for one org's pack (all its keys together). One would be the
// classic group commit, but then a request waits for the batch in flight before its own even
// starts; the counter's row lock keeps overlapping batches exact. More would only queue on that
// lock while holding pool connections that page reads need.
const MAX_BATCHES_IN_FLIGHT = 3;

// One lane per (key, pack): a batch carries one key, so its debit is logged with that key.
type Lane = { group: string; waiting: Pending[]; scheduled: boolean };
type Group = { inFlight: number; blocked: Set<string> };

export class RowMeter {
  private readonly lanes = new Map<string, Lane>();
  private readonly groups = new Map<string, Group>();

  constructor(private readonly db: () => Db) {}

  // How many of `claim.rows` the request may serve.
  meter(claim: MeterClaim): Promise<MeterOutcome> {
    return new Promise((resolve, reject) => {
      const key = `${claim.keyId}\u0000${claim.packId}`;
      let lane = this.lanes.get(key);
      if (!lane) {
        lane = { group: `${claim.orgId}\u0000${claim.packId}`, waiting: [], scheduled: false };
        this.lanes.set(key, lane);
      }
      lane.waiting.push({ claim, resolve, reject });
      this.schedule(key, lane);
    });
  }

  private groupOf(name: string): Group {
    let group = this.groups.get(name);
    if (!group) {
      group = { inFlight: 0, blocked: new Set() };
      this.groups.set(name, group);
    }
    return group;
  }

  private schedule(key: string, lane: Lane): void {
    if (lane.scheduled || lane.waiting.length === 0) return;
    const group = this.groupOf(lane.group);
    if (group.inFlight >= MAX_BATCHES_IN_FLIGHT) {
      group.blocked.add(key);
      return;
    }
    lane.scheduled = true;
    group.inFlight++;
    // Requests that arrive in the same turn of the event loop join this batch.
    setImmediate(() => {
      lane.scheduled = false;
      const batch = lane.waiting.splice(0);
      void meterBatch(this.db(), batch)
        .then(
          (outcomes) => batch.forEach((p, i) => p.resolve(outcomes[i]!)),
          (error: unknown) => batch.forEach((p) => p.reject(error)),
        )
        .finally(() => {
          group.inFlight--;
          if (lane.waiting.length > 0) this.schedule(key, lane);
          else if (!lane.scheduled && this.lanes.get(key) === lane) this.lanes.delete(key);
          for (const blocked of [...group.blocked]) {
            group.blocked.delete(blocked);
            const other = this.lanes.get(blocked);
            if (other) this.schedule(blocked, other);
          }
          if (group.inFlight === 0 && group.blocked.size === 0) this.groups.delete(lane.group);
        });
    });
  }
}

// One Stripe event, start to finish: stored by id before anything else, then handled once, in one
// transaction holding the lock of its subscription (or connected account), with its follow-up
// written to the outbox. Safe to call twice, or concurrently, in any number of processes.
import type Stripe from "stripe";
import type { Db, Prisma } from "~/server/db";
import { inLockedTransaction } from "~/server/services/lock";
import { stripeEventFollowup } from "../../../inngest/events";
// The module, not the outbox index: enqueueing needs no Inngest client (importing the index creates it).
import { enqueueEvent } from "~/server/outbox/enqueue-event";
import { connectAccountLockKey } from "~/server/services/connect/sync-connect-account";
import { connectHandlerFor, handlerFor } from "./handlers";
import type { HandlerOutcome, Tx } from "./handlers/types";
import { subscriptionLockKey } from "./handlers/subscription-changed";
import { isPermanentStripeError } from "./client";

// "failed" and "dead" are answered 2xx too: Stripe's retries could not change the outcome.
export type ProcessResult = "processed" | "duplicate" | "ignored" | "failed" | "dead";

// Failed attempts (each a delivery or a replay) before an event is given up as dead. Stripe itself
// retries for three days; past this, `npm run webhooks -- replay <id>` is the way back.
export const MAX_EVENT_ATTEMPTS = 8;

const stripeFollowupEventId = (stripeEventId: string) => `stripe-event-followup:${stripeEventId}`;

async function storeStripeEvent(db: Db, event: Stripe.Event) {
  await db.stripeEvent.createMany({
    data: [{ id: event.id, type: event.type, account: event.account ?? null, payload: event as unknown as Prisma.InputJsonObject }],
    skipDuplicates: true,
  });
}

// Records an outcome that needs no transaction, unless another delivery settled the event first.
async function settle(db: Db, eventId: string, status: "ignored" | "failed", reason: string): Promise<ProcessResult> {
  const { count } = await db.stripeEvent.updateMany({ where: { id: eventId, status: "pending" }, data: { status, error: reason, processedAt: new Date() } });
  return count === 1 ? status : "duplicate";
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

// A transient failure is thrown (the webhook answers 500 and Stripe redelivers) until the event has
// failed MAX_EVENT_ATTEMPTS times; then it is dead. A failure Stripe's retries cannot fix (Stripe no
// longer has the object) settles the event as failed at once.
async function recordFailure(db: Db, event: Stripe.Event, error: unknown): Promise<ProcessResult> {
  if (isPermanentStripeError(error)) return settle(db, event.id, "failed", describe(error));
  const row = await db.stripeEvent.update({
    where: { id: event.id },
    data: { attempts: { increment: 1 }, error: describe(error) },
    select: { attempts: true, status: true },
  });
  if (row.status === "pending" && row.attempts >= MAX_EVENT_ATTEMPTS) {
    // Past the limit (or a replay of a dead event that failed again): answered 2xx from now on.
    await db.stripeEvent.updateMany({ where: { id: event.id, status: "pending" }, data: { status: "dead" } });
    console.error(`[stripe] event ${event.id} (${event.type}) is dead after ${row.attempts} attempts: ${describe(error)}`);
    return "dead";
  }
  throw error;
}

// What handling an event takes: the lock of the one thing it is about, and the work under it.
type Plan = { lockKey: string; apply: (tx: Tx) => Promise<HandlerOutcome>; followUp: boolean };

// Events of connected accounts (they carry `account`; Stripe sends them to the Connect endpoint)
// are about an account, every other event about a subscription.
async function planFor(stripe: Stripe, event: Stripe.Event): Promise<Plan | { ignored: string }> {
  if (event.account) {
    const handler = connectHandlerFor(event);
    if (!handler) return { ignored: `Pack Market does not handle ${event.type} events of connected accounts.` };
    const accountId = handler.accountOf(event);
    if (!accountId) return { ignored: "The event is about no connected account." };
    return { lockKey: connectAccountLockKey(accountId), apply: (tx) => handler.apply({ tx, stripe, event, accountId }), followUp: false };
  }
  const handler = handlerFor(event);
  if (!handler) return { ignored: `Pack Market does not handle ${event.type} events.` };
  // Work on one subscription runs one transaction at a time: see handlers/types.ts for the rule.
  const subscriptionId = await handler.subscriptionOf(stripe, event);
  if (!subscriptionId) return { ignored: "The event is about no subscription." };
  return {
    lockKey: handler.lockName ? handler.lockName(subscriptionId) : subscriptionLockKey(subscriptionId),
    apply: (tx) => handler.apply({ tx, stripe, event, subscriptionId }),
    followUp: Boolean(handler.followUp),
  };
}

export async function processStripeEvent(db: Db, stripe: Stripe, event: Stripe.Event): Promise<ProcessResult> {
  await storeStripeEvent(db, event);
  const stored = await db.stripeEvent.findUniqueOrThrow({ where: { id: event.id }, select: { status: true } });
  if (stored.status !== "pending") return "duplicate";

  try {
    const plan = await planFor(stripe, event);
    if ("ignored" in plan) return await settle(db, event.id, "ignored", plan.ignored);
    return await inLockedTransaction(db, plan.lockKey, async (tx): Promise<ProcessResult> => {
      // Concurrent deliveries of one event queue here; the second sees it settled and stops.
      const [row] = await tx.$queryRaw<Array<{ status: string }>>`
        SELECT "status"::text FROM "stripe_events" WHERE "id" = ${event.id} FOR UPDATE`;
      if (row?.status !== "pending") return "duplicate";
      const outcome = await plan.apply(tx);
      if (outcome) {
        await tx.stripeEvent.update({ where: { id: event.id }, data: { status: "ignored", error: outcome.ignored, processedAt: new Date() } });
        return "ignored";
      }
      if (plan.followUp) {
        await enqueueEvent(tx, { id: stripeFollowupEventId(event.id), name: stripeEventFollowup.name, data: { stripeEventId: event.id } });
      }
      await tx.stripeEvent.update({ where: { id: event.id }, data: { status: "processed", processedAt: new Date(), error: null } });
      return "processed";
    });
  } catch (error) {
    return recordFailure(db, event, error);
  }
}

// One Stripe event, start to finish: stored by id before anything else, then handled once, in one
// transaction holding its subscription's lock, with its follow-up written to the outbox. Safe to
// call twice, or concurrently, in any number of processes.
import type Stripe from "stripe";
import type { Db, Prisma } from "~/server/db";
import { inLockedTransaction } from "~/server/services/lock";
import { stripeEventFollowup } from "../../../inngest/events";
import { enqueueEvent } from "~/server/outbox";
import { handlerFor } from "./handlers";
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

export async function processStripeEvent(db: Db, stripe: Stripe, event: Stripe.Event): Promise<ProcessResult> {
  await storeStripeEvent(db, event);
  const stored = await db.stripeEvent.findUniqueOrThrow({ where: { id: event.id }, select: { status: true } });
  if (stored.status !== "pending") return "duplicate";

  const handler = handlerFor(event);
  if (!handler) return settle(db, event.id, "ignored", `Pack Market does not handle ${event.type} events.`);
  try {
    const subscriptionId = await handler.subscriptionOf(stripe, event);
    if (!subscriptionId) return await settle(db, event.id, "ignored", "The event is about no subscription.");
    // Work on one subscription runs one transaction at a time: see handlers/types.ts for the rule.
    return await inLockedTransaction(db, subscriptionLockKey(subscriptionId), async (tx): Promise<ProcessResult> => {
      // Concurrent deliveries of one event queue here; the second sees it settled and stops.
      const [row] = await tx.$queryRaw<Array<{ status: string }>>`
        SELECT "status"::text FROM "stripe_events" WHERE "id" = ${event.id} FOR UPDATE`;
      if (row?.status !== "pending") return "duplicate";
      const outcome = await handler.apply({ tx, stripe, event, subscriptionId });
      if (outcome) {
        await tx.stripeEvent.update({ where: { id: event.id }, data: { status: "ignored", error: outcome.ignored, processedAt: new Date() } });
        return "ignored";
      }
      if (handler.followUp) {
        await enqueueEvent(tx, { id: stripeFollowupEventId(event.id), name: stripeEventFollowup.name, data: { stripeEventId: event.id } });
      }
      await tx.stripeEvent.update({ where: { id: event.id }, data: { status: "processed", processedAt: new Date(), error: null } });
      return "processed";
    });
  } catch (error) {
    return recordFailure(db, event, error);
  }
}

// Events that did not end well: failed for good (Stripe no longer has the object), dead after
// MAX_EVENT_ATTEMPTS transient failures, or still retrying. `npm run webhooks` lists them and
// replays one once its cause is fixed.
import type Stripe from "stripe";
import type { Db } from "~/server/db";
import { processStripeEvent, type ProcessResult } from "./process-event";

export async function listUnsettledStripeEvents(db: Db, input: { limit?: number } = {}) {
  return db.stripeEvent.findMany({
    where: { OR: [{ status: { in: ["failed", "dead"] } }, { status: "pending", attempts: { gt: 0 } }] },
    orderBy: { receivedAt: "desc" },
    take: input.limit ?? 50,
    select: { id: true, type: true, status: true, attempts: true, error: true, receivedAt: true },
  });
}

// Handles a stored event again from its stored payload (handlers fetch the current objects, so an
// old payload is fine). A processed or ignored event is left alone.
export async function replayStripeEvent(db: Db, stripe: Stripe, input: { eventId: string }): Promise<ProcessResult | "not_found"> {
  const stored = await db.stripeEvent.findUnique({ where: { id: input.eventId }, select: { payload: true, status: true } });
  if (!stored) return "not_found";
  if (stored.status === "processed" || stored.status === "ignored") return "duplicate";
  await db.stripeEvent.update({ where: { id: input.eventId }, data: { status: "pending" } });
  return processStripeEvent(db, stripe, stored.payload as unknown as Stripe.Event);
}

// One Stripe event, start to finish: stored by id before anything else, handled once, in one
// transaction with its follow-up written to the outbox. Safe to call twice, or concurrently.
import type Stripe from "stripe";
import type { Db, Prisma } from "~/server/db";
import { stripeEventFollowup } from "../../../inngest/events";
import { enqueueEvent } from "~/server/outbox";
import { handlerFor } from "./handlers";

export type ProcessResult = "processed" | "duplicate" | "ignored";

const stripeFollowupEventId = (stripeEventId: string) => `stripe-event-followup:${stripeEventId}`;

async function storeStripeEvent(db: Db, event: Stripe.Event) {
  await db.stripeEvent.createMany({
    data: [{ id: event.id, type: event.type, account: event.account ?? null, payload: event as unknown as Prisma.InputJsonObject }],
    skipDuplicates: true,
  });
}

export async function processStripeEvent(db: Db, stripe: Stripe, event: Stripe.Event): Promise<ProcessResult> {
  await storeStripeEvent(db, event);
  const stored = await db.stripeEvent.findUniqueOrThrow({ where: { id: event.id }, select: { processedAt: true } });
  if (stored.processedAt) return "duplicate";

  const handler = handlerFor(event);
  try {
    // Network first, outside the transaction; the writes below are then short.
    const loaded = handler ? await handler.load(stripe, event) : undefined;
    return await db.$transaction(async (tx) => {
      // Concurrent deliveries of one event queue here; the second sees processedAt and stops.
      const [row] = await tx.$queryRaw<Array<{ processedAt: Date | null }>>`
        SELECT "processedAt" FROM "stripe_events" WHERE "id" = ${event.id} FOR UPDATE`;
      if (row?.processedAt) return "duplicate";
      if (handler) await handler.apply(tx, loaded, event);
      if (handler?.followUp) {
        await enqueueEvent(tx, { id: stripeFollowupEventId(event.id), name: stripeEventFollowup.name, data: { stripeEventId: event.id } });
      }
      await tx.stripeEvent.update({ where: { id: event.id }, data: { processedAt: new Date(), error: null } });
      return handler ? "processed" : "ignored";
    });
  } catch (error) {
    await db.stripeEvent
      .update({ where: { id: event.id }, data: { error: error instanceof Error ? error.message.slice(0, 2000) : String(error) } })
      .catch(() => undefined);
    throw error;
  }
}

// POST /api/webhooks/stripe (and /stripe-connect): verify the signature over the raw body, then
// process. A bad signature, or a signed body that is not an event, is 400 and stores nothing; a
// transient failure is 500 so Stripe retries; an event that can never succeed is settled and 200.
import type Stripe from "stripe";
import { z } from "zod";
import { getDb, type Db } from "~/server/db";
import { restErrorBody } from "~/server/errors";
import { kickOutboxRelay } from "~/server/outbox";
import { getStripe } from "./client";
import { processStripeEvent } from "./process-event";

export type WebhookResponse = { status: number; body: unknown };

type WebhookInput = { rawBody: Buffer; signature: string | undefined; secret: string; db?: Db };

// What every Stripe event has; anything else signed with our secret is still not an event.
const ZStripeEvent = z.object({
  id: z.string().regex(/^evt_\w{1,250}$/),
  object: z.literal("event"),
  type: z.string().min(1).max(200),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const invalid = (message: string): WebhookResponse => ({ status: 400, body: restErrorBody({ code: "invalid_request", message }) });

export async function handleStripeWebhook(input: WebhookInput): Promise<WebhookResponse> {
  const stripe = getStripe();
  let event: Stripe.Event;
  try {
    if (!input.signature) throw new Error("missing");
    event = stripe.webhooks.constructEvent(input.rawBody, input.signature, input.secret);
  } catch {
    return invalid("Missing or invalid Stripe-Signature header.");
  }
  if (!ZStripeEvent.safeParse(event).success) return invalid("The signed body is not a Stripe event.");
  try {
    const result = await processStripeEvent(input.db ?? getDb(), stripe, event);
    // A follow-up may have been written to the outbox: send it now rather than at the next tick.
    if (result === "processed") kickOutboxRelay();
    return { status: 200, body: { received: true, result } };
  } catch (error) {
    console.error(`[stripe] event ${event.id} (${event.type}) failed; Stripe will retry:`, error);
    return { status: 500, body: restErrorBody({ code: "internal_error", message: "Could not process the event; it will be retried." }) };
  }
}

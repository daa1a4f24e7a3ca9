// The events that start workflows, with their payload schemas (zod, checked by the SDK before a
// function runs). Code that causes one writes it to the outbox (src/server/outbox) in its own
// transaction, under a deterministic id; Inngest runs a function once per event id.
import { eventType } from "inngest";
import { z } from "zod";

// Slow follow-up work for a stored Stripe event (DESIGN.md §4 "Webhook", §7), written by
// src/server/stripe/process-event.ts with the id `stripe-event-followup:<Stripe event id>`.
export const stripeEventFollowup = eventType("stripe/event.followup", {
  schema: z.object({ stripeEventId: z.string().min(1) }),
});

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

// A second live subscription to a pack the org already has (two Checkout Sessions both paid):
// written by services/subscription/sync-subscription.ts with the id
// `duplicate-subscription:<Stripe subscription id>`; the workflow cancels it, refunds it and tells
// the buyer.
export const subscriptionDuplicateFound = eventType("subscription/duplicate.found", {
  schema: z.object({ subscriptionId: z.string().min(1) }),
});

// A period's usage crossed 80% or 100% of its quota (once each per period): written by
// services/usage/debit-quota.ts with the id `usage-alert:<counter id>:<percent>`.
export const usageAlertRaised = eventType("usage/alert.raised", {
  schema: z.object({ counterId: z.string().min(1), thresholdPct: z.number().int() }),
});

// An admin asked for a snapshot of a pack now: written by services/snapshot/request-snapshot.ts
// with the id `snapshot-requested:<pack id>:<max row id>`; the workflow makes the files up to
// that row (the same row id as the request, so its retries make the same snapshot).
export const snapshotRequested = eventType("snapshot/pack.requested", {
  schema: z.object({ packId: z.string().min(1), maxRowId: z.string().regex(/^\d+$/), requestedById: z.string().min(1) }),
});

// A platform operator asked for the payout run of a month now (besides the cron on the 5th):
// written by services/payout/request-payout-run.ts with the id `payout-run-requested:<run id>`,
// together with the payout_runs row the admin page follows.
export const payoutRunRequested = eventType("payout/run.requested", {
  schema: z.object({ runId: z.string().min(1), month: z.string().regex(/^\d{4}-\d{2}$/), requestedById: z.string().min(1) }),
});

// One org's payout within a payout run: sent by the run's fan-out step (one event per statement to
// pay, so a month of 10,000 sellers stays within Inngest's 1,000 steps per run) with the id
// `payout-org:<run id>:<statement id>`; a re-run of the month has a new run id and so pays again
// whatever is still owed, while a retried fan-out step starts each org's payout once.
export const payoutOrgRequested = eventType("payout/org.requested", {
  schema: z.object({ runId: z.string().min(1), month: z.string().regex(/^\d{4}-\d{2}$/), statementId: z.string().min(1), orgId: z.string().min(1) }),
});

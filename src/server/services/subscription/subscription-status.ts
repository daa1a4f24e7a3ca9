// What each subscription status means for us, defined once: which statuses hold the org's one live
// subscription to a pack, which grant rows, and the order My Packs lists them in.
import type { SubscriptionStatus } from "~/server/db/generated/enums";

// Statuses that hold (or are about to regain) access: buying the pack again would double-charge.
// The same list is in the buyer_subscriptions_live_slot trigger (migration 20261201142000_hardening).
export const LIVE_STATUSES = ["active", "trialing", "past_due", "unpaid", "paused"] as const satisfies readonly SubscriptionStatus[];

export function isLive(status: SubscriptionStatus): boolean {
  return (LIVE_STATUSES as readonly SubscriptionStatus[]).includes(status);
}

// My Packs lists what needs attention first.
export const STATUS_ORDER: Record<SubscriptionStatus, number> = {
  past_due: 0,
  active: 1,
  trialing: 2,
  unpaid: 3,
  paused: 4,
  canceled: 5,
  incomplete: 6,
  incomplete_expired: 7,
};

export const PAST_DUE_GRACE_DAYS = 7;

export type AccessInput = { status: SubscriptionStatus; currentPeriodStart: Date | null; isDuplicate?: boolean };

// A past-due subscription keeps access for a grace period counted from the start of the period
// whose payment failed.
export function graceEndsAt(sub: AccessInput): Date | null {
  if (sub.status !== "past_due" || !sub.currentPeriodStart) return null;
  return new Date(sub.currentPeriodStart.getTime() + PAST_DUE_GRACE_DAYS * 86_400_000);
}

// Who may read rows: an active (or trialing) subscription, or a past-due one within its grace;
// never a duplicate, which is being canceled and refunded.
export function hasAccess(sub: AccessInput, now: Date = new Date()): boolean {
  if (sub.isDuplicate) return false;
  if (sub.status === "active" || sub.status === "trialing") return true;
  const grace = graceEndsAt(sub);
  return grace !== null && now < grace;
}

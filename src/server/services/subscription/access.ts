// Who may read rows: an active (or trialing) subscription, or a past-due one within its grace
// period, counted from the start of the period whose payment failed.
import type { SubscriptionStatus } from "~/server/db/generated/enums";

export const PAST_DUE_GRACE_DAYS = 7;

export type AccessInput = { status: SubscriptionStatus; currentPeriodStart: Date | null };

export function graceEndsAt(sub: AccessInput): Date | null {
  if (sub.status !== "past_due" || !sub.currentPeriodStart) return null;
  return new Date(sub.currentPeriodStart.getTime() + PAST_DUE_GRACE_DAYS * 86_400_000);
}

export function hasAccess(sub: AccessInput, now: Date = new Date()): boolean {
  if (sub.status === "active" || sub.status === "trialing") return true;
  const grace = graceEndsAt(sub);
  return grace !== null && now < grace;
}

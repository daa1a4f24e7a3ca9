import { monthKey } from "~/lib/month";

// The one key of an org's payout for a month: the Stripe idempotency key, the transfer_group and
// the transfer's metadata all carry it, so the transfer can be found again after Stripe has
// forgotten the idempotency key (24 hours).
export function payoutKey(orgId: string, month: Date): string {
  return `payout:${orgId}:${monthKey(month)}`;
}

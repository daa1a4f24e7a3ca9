// Converges an org's Connect flags on what Stripe says now. Callers hold the account's lock (the
// webhook's account.updated and the onboarding callback alike) and fetch only once they hold it, so
// whoever writes later also fetched later: an older state never overwrites a newer one, whatever
// order events and callbacks arrive in.
import type Stripe from "stripe";
import type { Db, Prisma } from "~/server/db";
import { inLockedTransaction } from "../lock";

type Tx = Prisma.TransactionClient;

export const connectAccountLockKey = (accountId: string) => `stripe-account:${accountId}`;

export type SyncedAccount = { orgId: string; detailsSubmitted: boolean; payoutsEnabled: boolean; requirementsDue: string[] };

// Holding the account's lock in `tx`. Null when no org has this account (not one of ours).
export async function convergeConnectAccount(tx: Tx, stripe: Stripe, accountId: string): Promise<SyncedAccount | null> {
  const profile = await tx.orgBillingProfile.findUnique({ where: { stripeConnectId: accountId }, select: { orgId: true } });
  if (!profile) return null;
  const account = await stripe.accounts.retrieve(accountId);
  const detailsSubmitted = account.details_submitted === true;
  const payoutsEnabled = account.payouts_enabled === true;
  await tx.orgBillingProfile.update({
    where: { orgId: profile.orgId },
    data: { connectDetailsSubmitted: detailsSubmitted, connectPayoutsEnabled: payoutsEnabled },
  });
  return { orgId: profile.orgId, detailsSubmitted, payoutsEnabled, requirementsDue: account.requirements?.currently_due ?? [] };
}

export function syncConnectAccount(db: Db, stripe: Stripe, accountId: string): Promise<SyncedAccount | null> {
  return inLockedTransaction(db, connectAccountLockKey(accountId), (tx) => convergeConnectAccount(tx, stripe, accountId));
}

// The org's Stripe Express account: the one it has, or a new one. Two clicks at once, in any number
// of app processes, make one account: creation runs under the org's advisory lock and reads the
// profile again inside it. The idempotency key covers the remaining gap (the account was created but
// the transaction storing its id failed): a retry within Stripe's 24 hours gets the same account.
import type Stripe from "stripe";
import type { Db } from "~/server/db";
import { inLockedTransaction } from "../lock";

// The idempotency key of the org's account. One that replaces an account Stripe no longer has gets
// its own key: the plain one would replay the creation of the account that is gone.
export const connectAccountKey = (orgId: string, replacing?: string) => `connect-account:${orgId}${replacing ? `:replaces:${replacing}` : ""}`;

export async function ensureConnectAccount(
  db: Db,
  stripe: Stripe,
  input: { orgId: string; replacing?: string },
): Promise<{ accountId: string; created: boolean }> {
  const existing = await db.orgBillingProfile.findUnique({ where: { orgId: input.orgId }, select: { stripeConnectId: true } });
  if (existing?.stripeConnectId) return { accountId: existing.stripeConnectId, created: false };

  return inLockedTransaction(db, `connect-account:${input.orgId}`, async (tx) => {
    const profile = await tx.orgBillingProfile.findUnique({ where: { orgId: input.orgId }, select: { stripeConnectId: true } });
    if (profile?.stripeConnectId) return { accountId: profile.stripeConnectId, created: false };
    // Only what never changes for the org goes in: the same key with other parameters is refused.
    const account = await stripe.accounts.create(
      {
        type: "express",
        capabilities: { transfers: { requested: true } },
        metadata: { orgId: input.orgId },
      },
      { idempotencyKey: connectAccountKey(input.orgId, input.replacing) },
    );
    await tx.orgBillingProfile.upsert({
      where: { orgId: input.orgId },
      create: { orgId: input.orgId, stripeConnectId: account.id },
      update: { stripeConnectId: account.id, connectDetailsSubmitted: false, connectPayoutsEnabled: false },
    });
    return { accountId: account.id, created: true };
  });
}

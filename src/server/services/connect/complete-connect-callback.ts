// Where Stripe's onboarding returns the seller (GET /v1/marketplace/payouts/connect/callback and the
// callback page). Returning proves nothing (Stripe sends users back whether or not they finished),
// so the account is fetched again and its flags recorded; the answer says whether payouts are on.
import type Stripe from "stripe";
import type { Db } from "~/server/db";
import { isStripeMissingResource } from "~/server/stripe/client";
import { connectStatusOf, type ConnectCallback } from "./connect-schemas";
import { forgetConnectAccount } from "./forget-connect-account";
import { syncConnectAccount } from "./sync-connect-account";

export async function completeConnectCallback(db: Db, stripe: Stripe, input: { orgId: string }): Promise<ConnectCallback> {
  const profile = await db.orgBillingProfile.findUnique({ where: { orgId: input.orgId }, select: { stripeConnectId: true } });
  const accountId = profile?.stripeConnectId;
  if (!accountId) return { ...connectStatusOf(null), requirementsDue: [] };
  let synced;
  try {
    synced = await syncConnectAccount(db, stripe, accountId);
  } catch (error) {
    if (!isStripeMissingResource(error)) throw error;
    // Stripe no longer has it: not connected any more; "Connect" makes a new one.
    await forgetConnectAccount(db, { orgId: input.orgId, accountId });
    return { ...connectStatusOf(null), requirementsDue: [] };
  }
  const status = connectStatusOf({
    stripeConnectId: accountId,
    connectDetailsSubmitted: synced?.detailsSubmitted ?? false,
    connectPayoutsEnabled: synced?.payoutsEnabled ?? false,
  });
  return { ...status, requirementsDue: synced?.requirementsDue ?? [] };
}

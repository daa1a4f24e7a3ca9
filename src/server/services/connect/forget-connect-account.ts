// Stripe no longer has the org's account (deleted from the dashboard, or a dev fake that was
// reset): the stored id points at nothing, so it is dropped and the next "Connect" starts afresh.
// Conditional on the id, so an account a concurrent request just stored is never dropped.
import type { Db } from "~/server/db";

export async function forgetConnectAccount(db: Db, input: { orgId: string; accountId: string }) {
  await db.orgBillingProfile.updateMany({
    where: { orgId: input.orgId, stripeConnectId: input.accountId },
    data: { stripeConnectId: null, connectDetailsSubmitted: false, connectPayoutsEnabled: false },
  });
}

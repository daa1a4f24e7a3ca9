// "Open Stripe dashboard": a one-time login link to the seller's Express dashboard (payout
// schedule, bank account, tax forms). Stripe only makes one for an account that finished onboarding.
import type Stripe from "stripe";
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";

export async function createDashboardLink(db: Db, stripe: Stripe, input: { orgId: string }) {
  const profile = await db.orgBillingProfile.findUnique({
    where: { orgId: input.orgId },
    select: { stripeConnectId: true, connectDetailsSubmitted: true },
  });
  if (!profile?.stripeConnectId) throw new AppError("invalid_request", "Connect a Stripe account first.");
  if (!profile.connectDetailsSubmitted) throw new AppError("invalid_request", "Finish Stripe onboarding first: the dashboard opens once your details are submitted.");
  const link = await stripe.accounts.createLoginLink(profile.stripeConnectId);
  return { url: link.url };
}

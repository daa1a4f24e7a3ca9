// "Manage billing": Stripe's customer portal, where a buyer changes card or cancels at period end.
import type Stripe from "stripe";
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";

export async function createBillingPortalSession(db: Db, stripe: Stripe, input: { orgId: string; returnUrl: string }) {
  const profile = await db.orgBillingProfile.findUnique({ where: { orgId: input.orgId }, select: { stripeCustomerId: true } });
  if (!profile?.stripeCustomerId) {
    throw new AppError("invalid_request", "Your org has no billing account yet: subscribe to a pack first.");
  }
  const session = await stripe.billingPortal.sessions.create({ customer: profile.stripeCustomerId, return_url: input.returnUrl });
  return { url: session.url };
}

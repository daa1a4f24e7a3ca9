// The success page polls this until the webhook has created the subscription.
import type Stripe from "stripe";
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { isStripeMissingResource } from "~/server/stripe/client";
import { idOf } from "~/server/stripe/ids";

export async function getCheckoutStatus(db: Db, stripe: Stripe, input: { orgId: string; sessionId: string }) {
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.retrieve(input.sessionId);
  } catch (error) {
    if (isStripeMissingResource(error)) throw new AppError("not_found", "No such checkout session.");
    throw error;
  }
  // Another org's session is not found, like any other org's data.
  if (session.client_reference_id !== input.orgId) throw new AppError("not_found", "No such checkout session.");
  if (session.status === "expired") return { state: "expired" as const, pack: null };
  const subscriptionId = idOf(session.subscription);
  const row = subscriptionId
    ? await db.buyerSubscription.findFirst({
        where: { stripeSubscriptionId: subscriptionId, buyerOrgId: input.orgId },
        select: { pack: { select: { slug: true, title: true } } },
      })
    : null;
  return row ? { state: "complete" as const, pack: row.pack } : { state: "pending" as const, pack: null };
}

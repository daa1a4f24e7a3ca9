// "Subscribe & Get Access": a Stripe Checkout Session in subscription mode for one pack tier.
// The tRPC mutation and POST /v1/marketplace/packs/{packId}/checkout-session both call this.
import type Stripe from "stripe";
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { ensureStripePrice } from "~/server/stripe/ensure-price";
import type { SubscriptionMetadata } from "~/server/stripe/subscription-metadata";
import type { CreateCheckoutInput } from "./subscription-schemas";

// A double click (or a retried request) within this window gets the same Checkout Session back.
export const CHECKOUT_IDEMPOTENCY_WINDOW_MS = 60_000;

// Statuses that already give (or are about to give) access: buying again would double-charge.
const LIVE_STATUSES = ["active", "trialing", "past_due", "unpaid", "paused"] as const;

type Input = CreateCheckoutInput & { orgId: string; orgName: string; userEmail: string; appUrl: string; now?: Date };

async function ensureCustomer(db: Db, stripe: Stripe, input: Input): Promise<string> {
  const profile = await db.orgBillingProfile.findUnique({ where: { orgId: input.orgId }, select: { stripeCustomerId: true } });
  if (profile?.stripeCustomerId) return profile.stripeCustomerId;
  const customer = await stripe.customers.create(
    { name: input.orgName, email: input.userEmail, metadata: { orgId: input.orgId } },
    { idempotencyKey: `customer:${input.orgId}` },
  );
  await db.orgBillingProfile.upsert({
    where: { orgId: input.orgId },
    create: { orgId: input.orgId, stripeCustomerId: customer.id },
    update: { stripeCustomerId: customer.id },
  });
  return customer.id;
}

export async function createCheckoutSession(db: Db, stripe: Stripe, input: Input) {
  const tier = await db.packTier.findFirst({
    where: { packId: input.packId, tier: input.tier, pack: { status: "active" } },
    select: { id: true, tier: true, priceCents: true, currency: true, stripePriceId: true, pack: { select: { id: true, slug: true, title: true } } },
  });
  if (!tier) throw new AppError("invalid_request", `Pack ${input.packId} has no ${input.tier} tier for sale.`);

  const existing = await db.buyerSubscription.findFirst({
    where: { buyerOrgId: input.orgId, packId: input.packId, status: { in: [...LIVE_STATUSES] } },
    select: { id: true },
  });
  if (existing) {
    throw new AppError(
      "invalid_request",
      "Your org already subscribes to this pack. To change tier or cancel, use Manage billing in My Packs.",
    );
  }

  const customerId = await ensureCustomer(db, stripe, input);
  const priceId = await ensureStripePrice(db, stripe, tier);
  const metadata: SubscriptionMetadata = { buyerOrgId: input.orgId, packId: tier.pack.id, tierId: tier.id };
  const window = Math.floor((input.now ?? new Date()).getTime() / CHECKOUT_IDEMPOTENCY_WINDOW_MS);
  const session = await stripe.checkout.sessions.create(
    {
      mode: "subscription",
      customer: customerId,
      client_reference_id: input.orgId,
      line_items: [{ price: priceId, quantity: 1 }],
      metadata,
      subscription_data: { metadata },
      success_url: `${input.appUrl}/app/marketplace/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${input.appUrl}/marketplace/packs/${tier.pack.slug}?checkout=canceled`,
    },
    { idempotencyKey: `checkout:${input.orgId}:${tier.pack.id}:${tier.tier}:${window}` },
  );
  if (!session.url) throw new AppError("internal_error", "Stripe returned a Checkout Session without a URL.");
  return { id: session.id, url: session.url };
}

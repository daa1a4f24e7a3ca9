// "Subscribe & Get Access": a Stripe Checkout Session in subscription mode for one pack tier.
// The tRPC mutation and POST /v1/marketplace/packs/{packId}/checkout-session both call this.
import type Stripe from "stripe";
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { COLLECTING_CONTRIBUTORS, isPackAvailable } from "../pack/pack-availability";
import { ensureStripePrice } from "~/server/stripe/ensure-price";
import type { SubscriptionMetadata } from "~/server/stripe/subscription-metadata";
import { inLockedTransaction } from "../lock";
import type { CreateCheckoutInput } from "./subscription-schemas";
import { LIVE_STATUSES } from "./subscription-status";

// Sessions Stripe would expire within this margin are not handed out again.
const REUSE_MARGIN_MS = 5 * 60_000;

const ALREADY_SUBSCRIBED =
  "Your org already subscribes to this pack. Use Change tier on the pack's page to switch tiers, or Manage billing in My Packs to cancel.";

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

// One open Checkout Session per (org, pack), kept in open_checkouts: every click, in any tab or
// process, gets the open one back while it is open and for the same tier; choosing another tier
// expires it through Stripe before opening the next. Work on one (org, pack) runs one at a time.
export async function createCheckoutSession(db: Db, stripe: Stripe, input: Input) {
  const tier = await db.packTier.findFirst({
    where: { packId: input.packId, tier: input.tier, pack: { status: "active" } },
    select: { id: true, tier: true, priceCents: true, currency: true, stripePriceId: true, pack: { select: { id: true, slug: true, title: true } } },
  });
  if (!tier) throw new AppError("invalid_request", `Pack ${input.packId} has no ${input.tier} tier for sale.`);
  // Below its privacy threshold a pack has no rows to sell yet.
  if (!(await isPackAvailable(db, input.packId))) throw new AppError("invalid_request", COLLECTING_CONTRIBUTORS);

  const customerId = await ensureCustomer(db, stripe, input);
  const priceId = await ensureStripePrice(db, stripe, tier);
  const now = input.now ?? new Date();

  return inLockedTransaction(db, `checkout:${input.orgId}:${tier.pack.id}`, async (tx) => {
    const live = await tx.buyerSubscription.findFirst({
      where: { buyerOrgId: input.orgId, packId: tier.pack.id, status: { in: [...LIVE_STATUSES] }, isDuplicate: false },
      select: { id: true },
    });
    if (live) throw new AppError("invalid_request", ALREADY_SUBSCRIBED);

    const open = await tx.openCheckout.findUnique({ where: { orgId_packId: { orgId: input.orgId, packId: tier.pack.id } } });
    if (open) {
      const previous = await stripe.checkout.sessions.retrieve(open.stripeSessionId);
      // Paid, and its subscription is on its way through the webhook.
      if (previous.status === "complete") throw new AppError("invalid_request", ALREADY_SUBSCRIBED);
      const reusable = previous.status === "open" && previous.url && previous.expires_at * 1000 > now.getTime() + REUSE_MARGIN_MS;
      if (reusable && open.tierId === tier.id) return { id: previous.id, url: previous.url! };
      if (previous.status === "open") {
        await stripe.checkout.sessions.expire(previous.id, {}, { idempotencyKey: `checkout-expire:${previous.id}` });
      }
    }

    // The generation makes a retry after a crash get the same session, and a new choice a new one.
    const generation = (open?.generation ?? 0) + 1;
    const metadata: SubscriptionMetadata = { buyerOrgId: input.orgId, packId: tier.pack.id, tierId: tier.id };
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
      { idempotencyKey: `checkout:${input.orgId}:${tier.pack.id}:${generation}` },
    );
    if (!session.url) throw new AppError("internal_error", "Stripe returned a Checkout Session without a URL.");
    const row = { tierId: tier.id, stripeSessionId: session.id, url: session.url, expiresAt: new Date(session.expires_at * 1000), generation };
    await tx.openCheckout.upsert({
      where: { orgId_packId: { orgId: input.orgId, packId: tier.pack.id } },
      create: { orgId: input.orgId, packId: tier.pack.id, ...row },
      update: row,
    });
    return { id: session.id, url: session.url };
  });
}

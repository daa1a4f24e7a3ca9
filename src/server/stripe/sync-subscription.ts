// Converges our BuyerSubscription row on Stripe's current subscription object. Every handler that
// touches a subscription re-fetches it and calls this, so the order events arrive in never matters.
import type Stripe from "stripe";
import type { Prisma } from "~/server/db";
import { SubscriptionStatus } from "~/server/db/generated/enums";
import { readSubscriptionMetadata } from "./subscription-metadata";

type Tx = Prisma.TransactionClient;

const fromUnix = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

// Stripe may add statuses; one we do not know grants nothing, like "incomplete".
export function toSubscriptionStatus(status: string): SubscriptionStatus {
  return (Object.values(SubscriptionStatus) as string[]).includes(status) ? (status as SubscriptionStatus) : "incomplete";
}

// Returns the row's id, or null when the subscription is not one of ours.
export async function syncSubscription(tx: Tx, subscription: Stripe.Subscription): Promise<string | null> {
  const meta = readSubscriptionMetadata(subscription.metadata);
  if (!meta) return null;
  const item = subscription.items.data[0];
  // The tier follows the price (a portal plan change moves it); the metadata is the fallback.
  const priceId = item?.price.id;
  const tierByPrice = priceId
    ? await tx.packTier.findFirst({ where: { stripePriceId: priceId, packId: meta.packId }, select: { id: true } })
    : null;
  const tierId = tierByPrice?.id ?? meta.tierId;
  const state = {
    status: toSubscriptionStatus(subscription.status),
    tierId,
    stripeCustomerId: idOf(subscription.customer) ?? "",
    currentPeriodStart: fromUnix(item?.current_period_start),
    currentPeriodEnd: fromUnix(item?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
  };
  const row = await tx.buyerSubscription.upsert({
    where: { stripeSubscriptionId: subscription.id },
    create: { ...state, stripeSubscriptionId: subscription.id, buyerOrgId: meta.buyerOrgId, packId: meta.packId },
    update: state,
    select: { id: true },
  });
  await tx.orgBillingProfile.upsert({
    where: { orgId: meta.buyerOrgId },
    create: { orgId: meta.buyerOrgId, stripeCustomerId: state.stripeCustomerId },
    update: { stripeCustomerId: state.stripeCustomerId },
  });
  return row.id;
}

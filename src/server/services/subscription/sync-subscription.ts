// Converges our BuyerSubscription row on Stripe's current subscription object. Callers hold the
// subscription's lock and fetched the object after taking it (src/server/stripe/process-event.ts),
// so the newest state is always the one written last.
import type Stripe from "stripe";
import type { Prisma } from "~/server/db";
import { SubscriptionStatus } from "~/server/db/generated/enums";
import { enqueueEvent } from "~/server/outbox";
import { idOf } from "~/server/stripe/ids";
import { readSubscriptionMetadata } from "~/server/stripe/subscription-metadata";
import { subscriptionDuplicateFound } from "../../../../inngest/events";
import { lockKey } from "../lock";
import { isLive } from "./subscription-status";

type Tx = Prisma.TransactionClient;

const fromUnix = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

// Stripe may add statuses; one we do not know grants nothing, like "incomplete".
export function toSubscriptionStatus(status: string): SubscriptionStatus {
  return (Object.values(SubscriptionStatus) as string[]).includes(status) ? (status as SubscriptionStatus) : "incomplete";
}

export type SyncedSubscription = { id: string; packId: string; buyerOrgId: string; isDuplicate: boolean; rowQuota: number };

// Returns the row, or null when the subscription is not one of ours (no Pack Market metadata).
export async function syncSubscription(tx: Tx, subscription: Stripe.Subscription): Promise<SyncedSubscription | null> {
  const meta = readSubscriptionMetadata(subscription.metadata);
  if (!meta) return null;
  const item = subscription.items.data[0];
  // The tier follows the price (a portal plan change moves it); the metadata is the fallback.
  const priceId = item?.price.id;
  const tierByPrice = priceId
    ? await tx.packTier.findFirst({ where: { stripePriceId: priceId, packId: meta.packId }, select: { id: true } })
    : null;
  const state = {
    status: toSubscriptionStatus(subscription.status),
    tierId: tierByPrice?.id ?? meta.tierId,
    stripeCustomerId: idOf(subscription.customer) ?? "",
    currentPeriodStart: fromUnix(item?.current_period_start),
    currentPeriodEnd: fromUnix(item?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
  };

  // One live subscription per (org, pack): whoever reaches this point second for the same pack,
  // in any process, waits here and then sees the first one's row.
  await lockKey(tx, `subscription-slot:${meta.buyerOrgId}:${meta.packId}`);
  const existing = await tx.buyerSubscription.findUnique({
    where: { stripeSubscriptionId: subscription.id },
    select: { id: true, isDuplicate: true },
  });
  let isDuplicate = existing?.isDuplicate ?? false;
  if (!isDuplicate && isLive(state.status)) {
    const holder = await tx.buyerSubscription.findFirst({
      where: { buyerOrgId: meta.buyerOrgId, packId: meta.packId, liveSlot: true, stripeSubscriptionId: { not: subscription.id } },
      select: { id: true },
    });
    isDuplicate = holder !== null;
  }

  const row = await tx.buyerSubscription.upsert({
    where: { stripeSubscriptionId: subscription.id },
    create: { ...state, isDuplicate, stripeSubscriptionId: subscription.id, buyerOrgId: meta.buyerOrgId, packId: meta.packId },
    update: { ...state, isDuplicate },
    select: { id: true, packId: true, buyerOrgId: true, isDuplicate: true, tier: { select: { rowQuota: true } } },
  });
  if (isDuplicate && !existing?.isDuplicate) {
    await enqueueEvent(tx, {
      id: `duplicate-subscription:${subscription.id}`,
      name: subscriptionDuplicateFound.name,
      data: { subscriptionId: row.id },
    });
  }
  await tx.orgBillingProfile.upsert({
    where: { orgId: meta.buyerOrgId },
    create: { orgId: meta.buyerOrgId, stripeCustomerId: state.stripeCustomerId },
    update: { stripeCustomerId: state.stripeCustomerId },
  });
  return { id: row.id, packId: row.packId, buyerOrgId: row.buyerOrgId, isDuplicate: row.isDuplicate, rowQuota: row.tier.rowQuota };
}

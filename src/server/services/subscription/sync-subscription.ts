// Converges our BuyerSubscription row on Stripe's current subscription object. Callers hold the
// subscription's lock and fetched the object after taking it (src/server/stripe/process-event.ts),
// so the newest state is always the one written last.
import type Stripe from "stripe";
import type { Prisma } from "~/server/db";
import { SubscriptionStatus } from "~/server/db/generated/enums";
// The module, not the outbox index: enqueueing needs no Inngest client (importing the index creates it).
import { enqueueEvent } from "~/server/outbox/enqueue-event";
import { idOf } from "~/server/stripe/ids";
import { readSubscriptionMetadata, type SubscriptionMetadata } from "~/server/stripe/subscription-metadata";
import { applyTierToPeriod } from "../usage/apply-period-tier";
import { subscriptionDuplicateFound } from "../../../../inngest/events";
import { lockKey } from "../lock";
import { isLive } from "./subscription-status";

type Tx = Prisma.TransactionClient;

const fromUnix = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

// Stripe may add statuses; one we do not know grants nothing, like "incomplete".
export function toSubscriptionStatus(status: string): SubscriptionStatus {
  return (Object.values(SubscriptionStatus) as string[]).includes(status) ? (status as SubscriptionStatus) : "incomplete";
}

export type SyncedSubscription = { id: string; packId: string; buyerOrgId: string; isDuplicate: boolean; tierId: string; rowQuota: number };

// The tier follows the price (a plan change in the app or the portal moves it): the tier whose
// current price it is, else the tier the price was made for (a tier whose amount changed since has a
// new price, the old one stays on old subscriptions), else the metadata.
export async function tierOfPrice(
  tx: Tx,
  price: { id: string; metadata?: Record<string, string> | null } | undefined,
  meta: Pick<SubscriptionMetadata, "packId" | "tierId">,
): Promise<string> {
  if (!price) return meta.tierId;
  const current = await tx.packTier.findFirst({ where: { stripePriceId: price.id, packId: meta.packId }, select: { id: true } });
  if (current) return current.id;
  const madeFor = price.metadata?.tierId;
  const original = madeFor ? await tx.packTier.findFirst({ where: { id: madeFor, packId: meta.packId }, select: { id: true } }) : null;
  return original?.id ?? meta.tierId;
}

// Returns the row, or null when the subscription is not one of ours (no Pack Market metadata).
export async function syncSubscription(tx: Tx, subscription: Stripe.Subscription): Promise<SyncedSubscription | null> {
  const meta = readSubscriptionMetadata(subscription.metadata);
  if (!meta) return null;
  const item = subscription.items.data[0];
  const state = {
    status: toSubscriptionStatus(subscription.status),
    tierId: await tierOfPrice(tx, item?.price, meta),
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
    select: { id: true, packId: true, buyerOrgId: true, isDuplicate: true, tierId: true, tier: { select: { rowQuota: true } } },
  });
  // An upgrade applies to the period under way at once; a downgrade waits for the next one.
  if (!isDuplicate && state.currentPeriodStart) {
    await applyTierToPeriod(tx, { subscriptionId: row.id, periodStart: state.currentPeriodStart, tierId: row.tierId });
  }
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
  return {
    id: row.id,
    packId: row.packId,
    buyerOrgId: row.buyerOrgId,
    isDuplicate: row.isDuplicate,
    tierId: row.tierId,
    rowQuota: row.tier.rowQuota,
  };
}

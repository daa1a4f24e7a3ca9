// "Change tier": one Stripe subscription update of the item's price.
// - Upgrade (a tier that costs more than the period's): billed now for the rest of the period
//   (always_invoice), refused by Stripe if the card declines (error_if_incomplete), and the period's
//   quota rises at once (usage/apply-period-tier.ts, run by the sync).
// - Downgrade: the new price with nothing billed (proration none): Stripe bills it from the next
//   renewal, whose invoice opens a period with the new tier's quota; this period keeps its quota.
// - Back to the period's own tier while a downgrade waits: the downgrade is called off.
// - The tier already billed: nothing to do, and no error (a retry is safe).
// Our rows then converge exactly as a webhook would (same lock, fetched after the change), so the
// page shows the change at once; the events that follow find nothing left to do.
import Stripe from "stripe";
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { formatDate } from "~/lib/format";
import { ensureStripePrice } from "~/server/stripe/ensure-price";
import { convergeSubscriptionNow } from "~/server/stripe/handlers/subscription-changed";
import { findLiveSubscription, toPackSubscription } from "./get-pack-subscription";
import type { ChangeTierInput, PackSubscription } from "./subscription-schemas";
import { isUpgrade } from "./tier-change";

const TIER_NAMES = { standard: "Standard", pro: "Pro", enterprise: "Enterprise" } as const;

type Outcome = "upgraded" | "scheduled" | "unscheduled" | "unchanged";

async function priceFor(db: Db, stripe: Stripe, tierId: string): Promise<string> {
  const tier = await db.packTier.findUniqueOrThrow({
    where: { id: tierId },
    select: { id: true, tier: true, priceCents: true, currency: true, stripePriceId: true, pack: { select: { id: true, slug: true, title: true } } },
  });
  return ensureStripePrice(db, stripe, tier);
}

export async function changeSubscriptionTier(
  db: Db,
  stripe: Stripe,
  input: ChangeTierInput & { orgId: string; now?: Date },
): Promise<{ outcome: Outcome; subscription: PackSubscription }> {
  const row = await findLiveSubscription(db, input);
  if (!row) throw new AppError("not_found", "Your org has no subscription to this pack.");
  if (row.status !== "active" && row.status !== "trialing") {
    throw new AppError("invalid_request", `Your subscription is ${row.status.replace("_", " ")}: settle it in Manage billing before changing tier.`);
  }
  if (row.cancelAtPeriodEnd) {
    const ends = row.currentPeriodEnd ? ` on ${formatDate(row.currentPeriodEnd)}` : "";
    throw new AppError("invalid_request", `Your subscription ends${ends}: resume it in Manage billing before changing tier.`);
  }
  const target = row.pack.tiers.find((t) => t.tier === input.tier);
  if (!target) throw new AppError("invalid_request", `This pack has no ${TIER_NAMES[input.tier]} tier.`);
  const view = toPackSubscription(row, input.now);
  // Already billed at that tier (now, or from a downgrade waiting for the period's end).
  if (target.id === row.tier.id) return { outcome: "unchanged", subscription: view };
  const upgrade = isUpgrade(view.tier, target);
  const outcome: Outcome = upgrade ? "upgraded" : target.id === view.tier.id ? "unscheduled" : "scheduled";

  const subscription = await stripe.subscriptions.retrieve(row.stripeSubscriptionId).catch((error: unknown) => {
    // Our row names a subscription Stripe does not have (deleted there): nothing to change.
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") {
      throw new AppError("not_found", "Stripe has no record of this subscription any more, so its tier cannot change.");
    }
    throw error;
  });
  const item = subscription.items.data[0];
  if (!item) throw new AppError("internal_error", "The Stripe subscription has no item.");
  // A double click sends the same keys: Stripe makes one change. The period and the item's current
  // price tell one change from a later one to the same tier.
  let itemPrice = item.price.id;
  if (upgrade && view.scheduledChange) {
    // A downgrade is waiting (Stripe already bills the lower price): back to the period's tier
    // first, so the upgrade is prorated from what this period was paid at.
    const periodPrice = await priceFor(db, stripe, view.tier.id);
    await stripe.subscriptions.update(
      subscription.id,
      { items: [{ id: item.id, price: periodPrice }], proration_behavior: "none", metadata: { tierId: view.tier.id } },
      { idempotencyKey: `tier-change:${subscription.id}:${item.current_period_start}:${item.price.id}:${periodPrice}` },
    );
    itemPrice = periodPrice;
  }
  const price = await priceFor(db, stripe, target.id);
  try {
    await stripe.subscriptions.update(
      subscription.id,
      {
        items: [{ id: item.id, price }],
        proration_behavior: upgrade ? "always_invoice" : "none",
        ...(upgrade ? { payment_behavior: "error_if_incomplete" as const } : {}),
        metadata: { tierId: target.id },
      },
      { idempotencyKey: `tier-change:${subscription.id}:${item.current_period_start}:${itemPrice}:${price}` },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      throw new AppError("invalid_request", `Stripe refused the tier change: ${error.message}`);
    }
    if (error instanceof Stripe.errors.StripeCardError) {
      throw new AppError(
        "invalid_request",
        `Your card was declined, so you are still on ${TIER_NAMES[view.tier.tier]}. Update your card in Manage billing, then try again.`,
      );
    }
    throw error;
  }
  await convergeSubscriptionNow(db, stripe, subscription.id);
  const after = await findLiveSubscription(db, input);
  if (!after) throw new AppError("not_found", "Your org has no subscription to this pack.");
  return { outcome, subscription: toPackSubscription(after, input.now) };
}

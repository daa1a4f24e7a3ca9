// Each pack tier sells through one recurring monthly Stripe price, found by a stable lookup key
// (so a second call, a second process or a re-created dev fake never makes a duplicate).
import type Stripe from "stripe";
import { invalidateCatalogue } from "~/server/cache/catalogue";
import type { Db } from "~/server/db";

export const priceLookupKey = (packSlug: string, tier: string) => `pack:${packSlug}:${tier}`;

type TierForPrice = {
  id: string;
  tier: string;
  priceCents: number;
  currency: string;
  stripePriceId: string | null;
  pack: { id: string; slug: string; title: string };
};

export async function ensureStripePrice(db: Db, stripe: Stripe, tier: TierForPrice): Promise<string> {
  const lookupKey = priceLookupKey(tier.pack.slug, tier.tier);
  const existing = (await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })).data[0];
  const matches = existing && existing.unit_amount === tier.priceCents && existing.currency === tier.currency;
  const price = matches
    ? existing
    : await stripe.prices.create(
        {
          currency: tier.currency,
          unit_amount: tier.priceCents,
          recurring: { interval: "month" },
          lookup_key: lookupKey,
          // A changed amount takes the key over from the old price, which stays on old subscriptions.
          transfer_lookup_key: true,
          product_data: { name: `${tier.pack.title} (${tier.tier})`, metadata: { packId: tier.pack.id, tier: tier.tier } },
          metadata: { packId: tier.pack.id, tierId: tier.id },
        },
        { idempotencyKey: `price:${lookupKey}:${tier.priceCents}:${tier.currency}` },
      );
  if (price.id !== tier.stripePriceId) {
    await db.packTier.update({ where: { id: tier.id }, data: { stripePriceId: price.id } });
    // The catalogue shows no price id today, but a cached tier must never be older than its row.
    await invalidateCatalogue();
  }
  return price.id;
}

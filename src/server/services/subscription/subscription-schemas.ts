import { z } from "zod";
import { ZTierName } from "../pack/pack-schemas";
import { ZText } from "../../validation/text";

export const ZCreateCheckoutInput = z.object({
  packId: ZText.trim().min(1).max(64),
  tier: ZTierName,
});

export const ZCheckoutSession = z.object({ id: z.string(), url: z.string().url() });

export const ZCheckoutStatusInput = z.object({ sessionId: ZText.trim().min(1).max(255) });

export const ZCheckoutStatus = z.object({
  state: z.enum(["pending", "complete", "expired"]),
  pack: z.object({ slug: z.string(), title: z.string() }).nullable(),
});

export const ZSubscriptionStatus = z.enum([
  "incomplete",
  "incomplete_expired",
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "paused",
]);

export const ZMyPack = z.object({
  subscriptionId: z.string(),
  pack: z.object({ id: z.string(), slug: z.string(), title: z.string(), category: z.string() }),
  tier: z.object({ tier: ZTierName, priceCents: z.number().int(), currency: z.string() }),
  status: ZSubscriptionStatus,
  hasAccess: z.boolean(),
  // A second live subscription to a pack the org already has: canceled and refunded at once.
  isDuplicate: z.boolean(),
  graceEndsAt: z.date().nullable(),
  currentPeriodEnd: z.date().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  usage: z.object({
    rowsUsed: z.number().int(),
    rowQuota: z.number().int(),
    periodStart: z.date().nullable(),
    // Quota alerts raised this period (80, 100), each once.
    alerts: z.array(z.number().int()),
  }),
});

export const ZMyPacks = z.object({
  packs: z.array(ZMyPack),
  totals: z.object({ rowsUsed: z.number().int(), rowQuota: z.number().int() }),
});

export const ZBillingPortalInput = z.object({ returnPath: ZText.startsWith("/").max(200).optional() });
export const ZBillingPortal = z.object({ url: z.string().url() });

export type CreateCheckoutInput = z.infer<typeof ZCreateCheckoutInput>;
export type MyPack = z.infer<typeof ZMyPack>;

export const ZPackSubscriptionInput = z.object({ packId: ZText.trim().min(1).max(64) });

const ZSubscriptionTier = z.object({
  id: z.string(),
  tier: ZTierName,
  priceCents: z.number().int(),
  currency: z.string(),
  rowQuota: z.number().int(),
});

export const ZPackSubscription = z.object({
  subscriptionId: z.string(),
  pack: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
  status: ZSubscriptionStatus,
  hasAccess: z.boolean(),
  // The tier the billing period under way was bought at (or upgraded to): what the org has now.
  tier: ZSubscriptionTier,
  // The tier Stripe bills from the next period on; differs from `tier` while a downgrade waits.
  billedTier: ZSubscriptionTier,
  // A downgrade that takes effect when the period ends.
  scheduledChange: z.object({ tier: ZSubscriptionTier, at: z.date() }).nullable(),
  currentPeriodEnd: z.date().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  usage: z.object({ rowsUsed: z.number().int(), rowQuota: z.number().int() }).nullable(),
  // Every tier of the pack, cheapest first: what the change-tier dialog offers.
  tiers: z.array(ZSubscriptionTier),
});

// `subscription` is null when the org has no live subscription to the pack.
export const ZPackSubscriptionResult = z.object({ subscription: ZPackSubscription.nullable() });

export const ZChangeTierInput = z.object({ packId: ZText.trim().min(1).max(64), tier: ZTierName });

export const ZChangeTierResult = z.object({
  // "upgraded": billed now (prorated) and the quota raised now; "scheduled": from the period's end;
  // "unscheduled": a waiting downgrade was called off; "unchanged": the subscription already bills
  // that tier (asking twice is not an error).
  outcome: z.enum(["upgraded", "scheduled", "unscheduled", "unchanged"]),
  subscription: ZPackSubscription,
});

export const ZSubscribedPackIds = z.object({ packIds: z.array(z.string()) });

export type PackSubscription = z.infer<typeof ZPackSubscription>;
export type ChangeTierInput = z.infer<typeof ZChangeTierInput>;

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

import { z } from "zod";
import { ZTierName } from "../pack/pack-schemas";
import { ZSubscriptionStatus } from "../subscription/subscription-schemas";

export const ZOrgOverview = z.object({
  buying: z.object({
    // Live subscriptions with this period's usage.
    subscriptions: z.array(
      z.object({
        subscriptionId: z.string(),
        pack: z.object({ slug: z.string(), title: z.string() }),
        tier: ZTierName,
        status: ZSubscriptionStatus,
        currentPeriodEnd: z.date().nullable(),
        rowsUsed: z.number().int(),
        rowQuota: z.number().int(),
      }),
    ),
    // Subscriptions whose payment failed.
    needsAttention: z.number().int(),
  }),
  // The org's live read keys (for the data API) and when one was last used.
  apiKeys: z.object({ active: z.number().int(), lastUsedAt: z.date().nullable() }),
  // Null for an org that sells nothing (no products).
  selling: z
    .object({
      products: z.number().int(),
      month: z.date(),
      sessionsThisMonth: z.number().int(),
      contributions: z.array(z.object({ pack: z.object({ id: z.string(), slug: z.string(), title: z.string() }), sessions: z.number().int() })),
      nextPayout: z
        .object({
          month: z.date(),
          amountCents: z.number().int(),
          currency: z.string(),
          status: z.enum(["draft", "finalized", "paid", "carried_forward", "failed"]),
          payoutOn: z.date(),
        })
        .nullable(),
    })
    .nullable(),
});

export type OrgOverview = z.infer<typeof ZOrgOverview>;

// What the usage API says about each subscription that can read rows: this period's figures, the
// alerts raised in it and its rows per UTC day.
import { z } from "zod";
import { ZText } from "../../validation/text";
import { ZSubscriptionStatus } from "../subscription/subscription-schemas";

export const ZUsageInput = z.object({
  // A pack's slug or id: only that pack's subscription.
  pack: ZText.trim().min(1).max(64).optional(),
});

export const ZUsageAlert = z.object({ thresholdPct: z.number().int(), raisedAt: z.date() });

export const ZDailyRows = z.object({ day: z.iso.date(), rows: z.number().int() });

export const ZPackUsage = z.object({
  subscriptionId: z.string(),
  pack: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
  status: ZSubscriptionStatus,
  period: z.object({ start: z.date(), end: z.date() }),
  rowsUsed: z.number().int(),
  rowQuota: z.number().int(),
  remaining: z.number().int(),
  // Whole percent, rounded down: 100 only when the quota is used up.
  percent: z.number().int(),
  alerts: z.array(ZUsageAlert),
  daily: z.array(ZDailyRows),
});

export const ZUsage = z.object({ packs: z.array(ZPackUsage) });

export type UsageInput = z.infer<typeof ZUsageInput>;
export type PackUsage = z.infer<typeof ZPackUsage>;
export type Usage = z.infer<typeof ZUsage>;

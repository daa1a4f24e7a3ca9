// What leaves the server about a pack. Contributor identities never do: only their count.
import { z } from "zod";
import { ZText } from "../../validation/text";

export const ZColumnType = z.enum(["string", "integer", "number", "boolean", "timestamp", "date"]);
export const ZPackColumn = z.object({ name: z.string(), type: ZColumnType, description: z.string() });
export const ZRowSchema = z.array(ZPackColumn);
export const ZSampleRows = z.array(z.record(z.string(), z.unknown()));

export const ZTierName = z.enum(["standard", "pro", "enterprise"]);

export const ZPackTier = z.object({
  id: z.string(),
  tier: ZTierName,
  priceCents: z.number().int(),
  currency: z.string(),
  rowQuota: z.number().int(),
});

export const ZPackCard = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  category: z.string(),
  contributorsCount: z.number().int(),
  columnsCount: z.number().int(),
  priceFrom: z.object({ amountCents: z.number().int(), currency: z.string() }).nullable(),
});

export const ZPackList = z.object({ packs: z.array(ZPackCard), categories: z.array(z.string()) });

export const ZPackDetail = ZPackCard.extend({
  description: z.string(),
  revenueShareBps: z.number().int(),
  rowSchema: ZRowSchema,
  sampleRows: ZSampleRows,
  tiers: z.array(ZPackTier),
  updatedAt: z.date(),
  available: z
    .boolean()
    .describe("false while the pack is collecting contributors: below its privacy threshold its rows and snapshots are not served, so there is nothing to subscribe to yet"),
});

// The search box enforces it too (maxLength): a longer query is refused with this message.
export const SEARCH_MAX_LENGTH = 100;

export const ZListPacksInput = z.object({
  search: ZText.trim().max(SEARCH_MAX_LENGTH, `Search for at most ${SEARCH_MAX_LENGTH} characters.`).optional(),
  category: ZText.trim().max(60).optional(),
});

export const ZGetPackInput = z.object({ slug: ZText.trim().min(1).max(120) });

export type PackCard = z.infer<typeof ZPackCard>;
export type PackDetail = z.infer<typeof ZPackDetail>;
export type ListPacksInput = z.infer<typeof ZListPacksInput>;
export type PackColumn = z.infer<typeof ZPackColumn>;

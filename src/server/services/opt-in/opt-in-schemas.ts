// The opt-in state of a seller org: its global marketplace switch and, for each of its products and
// each active pack, whether that product contributes to that pack. Every change is kept as a period
// (marketplace_opt_in_periods, pack_opt_in_periods) so any past month can be recomputed.
import { z } from "zod";
import { ZText } from "~/server/validation/text";

const ZId = ZText.trim().min(1).max(64);

export const ZOptInChange = z.object({
  productId: ZId,
  packId: ZId,
  enabled: z.boolean().describe("true opts the product into the pack from now on; false stops it contributing from now on"),
});

export const MAX_CHANGES = 200;

export const ZSetOptInInput = z
  .object({
    marketplaceOptIn: z.boolean().optional().describe("The global switch: off means none of your products contributes to any pack"),
    changes: z
      .array(ZOptInChange)
      .max(MAX_CHANGES, `Send at most ${MAX_CHANGES} changes at once`)
      .optional()
      .describe("Cells to set, each product × pack at most once; cells not listed keep their state"),
  })
  .refine((input) => input.marketplaceOptIn !== undefined || (input.changes?.length ?? 0) > 0, {
    message: "Send marketplaceOptIn, changes or both",
    path: ["changes"],
  });

export const ZEarningsEstimate = z
  .object({
    amountCents: z.number().int().describe("What the product would have earned from the pack over the window: an estimate, not a promise"),
    currency: z.string(),
    windowDays: z.number().int(),
    productSessions: z.number().int().describe("The product's sessions in the window (in this pack if it contributed to it before, else in any pack)"),
    packSessions: z.number().int().describe("Every contributor's sessions in the pack in the window, the product's own excluded"),
    grossCents: z.number().int().describe("The pack's revenue in the window"),
    poolCents: z.number().int().describe("The contributors' part of that revenue: floor(gross × revenueShareBps / 10000)"),
  })
  .describe("Before a product is opted into a pack: its share of the pack's pool had it contributed its recent sessions");

export const ZOptInCell = z.object({
  productId: z.string(),
  packId: z.string(),
  enabled: z.boolean(),
  enabledSince: z.date().nullable().describe("Start of the current period when enabled"),
  changedAt: z.date().nullable().describe("When the toggle last changed; null if it never was on"),
  estimate: ZEarningsEstimate.nullable().describe("Only for cells that are off"),
});

export const ZOptInState = z.object({
  marketplaceOptIn: z.boolean(),
  marketplaceOptInSince: z.date().nullable().describe("Start of the current period when the switch is on"),
  products: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
  packs: z.array(
    z.object({ id: z.string(), slug: z.string(), title: z.string(), category: z.string(), revenueShareBps: z.number().int() }),
  ),
  cells: z.array(ZOptInCell),
});

export type OptInChange = z.infer<typeof ZOptInChange>;
export type SetOptInInput = z.infer<typeof ZSetOptInInput>;
export type EarningsEstimate = z.infer<typeof ZEarningsEstimate>;
export type OptInCell = z.infer<typeof ZOptInCell>;
export type OptInState = z.infer<typeof ZOptInState>;

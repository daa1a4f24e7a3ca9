// What a seller sees of its contributions: its own sessions per pack and month, its share of each
// pack's sessions, an estimate of its revenue share, and aggregate figures of the packs it feeds.
// Never another contributor's identity or count: only totals over every contributor.
import { z } from "zod";
import { ZMonthInput } from "~/server/validation/month";

export const ZContributionsInput = z.object({
  month: ZMonthInput.optional().describe("The month, YYYY-MM or any day of it as YYYY-MM-DD (UTC); default this month"),
});

const ZMoney = z.object({ amountCents: z.number().int(), currency: z.string() });

export const ZPackContribution = z.object({
  pack: z.object({ id: z.string(), slug: z.string(), title: z.string(), revenueShareBps: z.number().int() }),
  sessions: z.number().int().describe("Your sessions in the pack this month, all your products together"),
  products: z.array(z.object({ id: z.string(), name: z.string(), sessions: z.number().int() })),
  packSessions: z.number().int().describe("Every contributor's sessions in the pack this month, yours included"),
  shareBps: z.number().int().describe("Your part of the pack's sessions, in basis points (rounded down)"),
  revenue: z
    .object({
      grossCents: z.number().int().describe("The pack's revenue of the month so far (paid invoices less refunds)"),
      poolCents: z.number().int().describe("Its contributors' part: floor(gross × revenueShareBps / 10000)"),
      estimateCents: z.number().int().describe("Your share of the pool in proportion to sessions so far: an estimate until the month's statement is final"),
      currency: z.string(),
    }),
  analytics: z.object({
    subscribers: z.number().int().describe("Buyer orgs with a live subscription to the pack now"),
    rowsServed: z.number().int().describe("Rows of the pack buyers read this month (data API and snapshots)"),
  }),
});

export const ZContributionMonth = z.object({
  month: z.iso.date(),
  sessions: z.number().int(),
  packs: z.array(z.object({ packId: z.string(), title: z.string(), sessions: z.number().int() })),
});

export const ZContributions = z.object({
  month: z.iso.date(),
  isCurrentMonth: z.boolean(),
  packs: z.array(ZPackContribution),
  totals: z.object({ sessions: z.number().int(), estimates: z.array(ZMoney) }),
  history: z.array(ZContributionMonth).describe("Your sessions per pack in each of the last 12 months, oldest first"),
});

export type ContributionsInput = z.infer<typeof ZContributionsInput>;
export type PackContribution = z.infer<typeof ZPackContribution>;
export type ContributionMonth = z.infer<typeof ZContributionMonth>;
export type Contributions = z.infer<typeof ZContributions>;

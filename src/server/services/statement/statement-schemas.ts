// What a seller org sees of its monthly statements (DESIGN.md §4): the statement, its lines with
// every figure needed to recompute a share by hand, and where its money went. Read side only: the
// payout run writes statements.
import { z } from "zod";
import { ZMonthInput } from "../../validation/month";

export const ZStatementInput = z.object({ month: ZMonthInput });

export const ZStatementStatus = z.enum(["draft", "finalized", "paid", "carried_forward", "failed"]);

// A month as the API writes it: its first day.
const ZMonth = z.iso.date().meta({ description: "The month's first day", example: "2026-03-01" });

// The statement a carried-forward or clawback line comes from.
export const ZStatementRef = z.object({ id: z.string(), month: ZMonth, status: ZStatementStatus });

export const ZStatementLine = z.object({
  id: z.string(),
  // share: your part of a pack's pool this month. adjustment: a refund that arrived after `source`
  // was finalized, clawed back here (negative). carried_forward: `source`'s amount, not paid then.
  kind: z.enum(["share", "adjustment", "carried_forward"]),
  pack: z.object({ id: z.string(), slug: z.string(), title: z.string() }).nullable(),
  // Your sessions in the pack this month, and all contributors' sessions.
  sessions: z.number().int(),
  packTotalSessions: z.number().int(),
  // sessions / packTotalSessions as a percentage with two decimals ("33.33"); null without sessions.
  sharePercent: z.string().nullable(),
  packGrossCents: z.number().int(),
  // The pack's revenue share and pool: pool = floor(gross × revenueShareBps / 10000).
  revenueShareBps: z.number().int().nullable(),
  poolCents: z.number().int().nullable(),
  shareCents: z.number().int(),
  source: ZStatementRef.nullable(),
});

export const ZStatementTotals = z.object({
  sharesCents: z.number().int(),
  adjustmentsCents: z.number().int(),
  carriedForwardCents: z.number().int(),
  totalCents: z.number().int(),
});

export const ZStatement = z.object({
  id: z.string(),
  month: ZMonth,
  status: ZStatementStatus,
  currency: z.string(),
  totalCents: z.number().int(),
  finalizedAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  // The Stripe transfer that paid it, once one was made.
  transferId: z.string().nullable(),
  updatedAt: z.date(),
  lines: z.array(ZStatementLine),
  totals: ZStatementTotals,
});

export const ZStatementSummary = z.object({
  id: z.string(),
  month: ZMonth,
  status: ZStatementStatus,
  currency: z.string(),
  totalCents: z.number().int(),
  finalizedAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  transferId: z.string().nullable(),
  // The later statement this one's amount was carried into, once there is one.
  carriedInto: ZStatementRef.nullable(),
});

export const ZStatementList = z.object({
  // This month, kept current by the payout run's refresh until it is finalized after the month
  // ends. `exists` is false before the first refresh made its row: then it is an empty draft.
  current: z.object({
    id: z.string().nullable(),
    month: ZMonth,
    status: ZStatementStatus,
    currency: z.string(),
    totalCents: z.number().int(),
    lineCount: z.number().int(),
    updatedAt: z.date().nullable(),
    exists: z.boolean(),
  }),
  // Every earlier month with a statement, newest first.
  statements: z.array(ZStatementSummary),
  // Amounts not paid out (under the minimum, payouts not enabled, negative or a failed transfer)
  // that no finalized statement has taken in yet: they are added to the next one. One per currency.
  carriedForward: z.array(
    z.object({ currency: z.string(), amountCents: z.number().int(), from: z.array(ZStatementRef.extend({ amountCents: z.number().int() })) }),
  ),
});

export type StatementStatus = z.infer<typeof ZStatementStatus>;
export type StatementRef = z.infer<typeof ZStatementRef>;
export type StatementLine = z.infer<typeof ZStatementLine>;
export type Statement = z.infer<typeof ZStatement>;
export type StatementSummary = z.infer<typeof ZStatementSummary>;
export type StatementList = z.infer<typeof ZStatementList>;

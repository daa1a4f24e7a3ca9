// What every read of a statement shows of the statement itself (the payouts list, one statement
// page, its files): Prisma's select for it, so they cannot drift apart.
export const statementHeaderSelect = {
  id: true,
  month: true,
  status: true,
  currency: true,
  totalCents: true,
  finalizedAt: true,
  paidAt: true,
  updatedAt: true,
  payout: { select: { stripeTransferId: true } },
} as const;

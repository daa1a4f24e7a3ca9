// A billing period's usage counter, with the tier's quota copied at the period's start so a later
// price or quota change does not move it. Only an invoice that opens a period starts one: the
// first invoice of a subscription and each renewal. A proration or update invoice never resets
// usage.
import type { Prisma } from "~/server/db";

const PERIOD_OPENING_REASONS = new Set(["subscription_create", "subscription_cycle"]);

export function opensUsagePeriod(billingReason: string | null | undefined): boolean {
  return billingReason != null && PERIOD_OPENING_REASONS.has(billingReason);
}

export async function startUsagePeriod(
  tx: Prisma.TransactionClient,
  input: { subscriptionId: string; periodStart: Date; periodEnd: Date; rowQuota: number; tierId?: string },
): Promise<void> {
  await tx.buyerUsageCounter.createMany({
    data: [
      {
        subscriptionId: input.subscriptionId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        rowQuota: input.rowQuota,
        tierId: input.tierId ?? null,
      },
    ],
    skipDuplicates: true,
  });
}

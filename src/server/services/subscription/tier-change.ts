// What a tier change is, defined once: the app's change-tier action, the webhook's convergence of a
// period and the pages all read it from here.

type Priced = { priceCents: number };

// Moving to a tier that costs more is an upgrade (now, prorated); anything else waits for the
// period's end.
export function isUpgrade(from: Priced, to: Priced): boolean {
  return to.priceCents > from.priceCents;
}

export type TierRef = { id: string; tier: "standard" | "pro" | "enterprise" };

// The subscription bills `billed` from its next period on; the period under way was bought at
// `period` (its usage counter's tier). They differ only while a downgrade waits for the period's end.
export function scheduledChange<T extends TierRef>(input: { billed: T; period: T | null; periodEnd: Date | null }): { tier: T; at: Date } | null {
  if (!input.period || !input.periodEnd || input.period.id === input.billed.id) return null;
  return { tier: input.billed, at: input.periodEnd };
}

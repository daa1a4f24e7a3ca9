// The totals of a month's reconciliation, from Stripe's money in to Stripe's transfers out, in the
// order money flows: one list for `npm run reconcile` and the /admin/payouts page.
export type ReconciliationTotals = {
  stripeInvoicesCents: number;
  stripeRefundsCents: number;
  revenueCents: number;
  poolGrossCents: number;
  poolCents: number;
  shareLinesCents: number;
  statementsCents: number;
  payoutsPaidCents: number;
  transfersNetCents: number;
};

export function reconciliationTotalRows(t: ReconciliationTotals): Array<[label: string, cents: number]> {
  return [
    ["Stripe: invoices paid", t.stripeInvoicesCents],
    ["Stripe: refunds", t.stripeRefundsCents],
    ["Revenue rows", t.revenueCents],
    ["Pools: gross", t.poolGrossCents],
    ["Pools: to share", t.poolCents],
    ["Share lines", t.shareLinesCents],
    ["Statements: totals", t.statementsCents],
    ["Payouts paid", t.payoutsPaidCents],
    ["Stripe: transfers (net)", t.transfersNetCents],
  ];
}

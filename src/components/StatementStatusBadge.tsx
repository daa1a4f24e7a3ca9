// A statement's status as a coloured pill: draft, finalized, paid, carried forward, failed.
import { STATEMENT_STATUS_LABELS } from "~/lib/statement-labels";
import type { StatementStatus } from "~/server/services/statement/statement-schemas";

const STYLES: Record<StatementStatus, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  finalized: "bg-sky-50 text-sky-700 ring-sky-200",
  paid: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  carried_forward: "bg-amber-50 text-amber-800 ring-amber-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

export function StatementStatusBadge({ status }: { status: StatementStatus }) {
  return (
    <span
      data-testid="statement-status"
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}
    >
      {STATEMENT_STATUS_LABELS[status]}
    </span>
  );
}

// Where each status leaves the money, in a sentence.
export const STATEMENT_STATUS_NOTES: Record<StatementStatus, string> = {
  draft: "This month's figures so far: the statement is updated as revenue and sessions come in, and finalized on the 5th of next month.",
  finalized: "Final: the payout to your connected Stripe account is on its way.",
  paid: "Paid to your connected Stripe account.",
  carried_forward: "Not paid out (under the minimum payout, payouts not enabled yet, or negative): the amount is carried into the next statement.",
  failed: "The transfer failed or was reversed: the amount is carried into the next statement.",
};

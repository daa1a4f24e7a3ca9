// How statements and their lines are named, the same on the pages, in the PDF and the CSV's readers.
import { formatMonth } from "./month";
import type { StatementLine, StatementStatus } from "~/server/services/statement/statement-schemas";

export const STATEMENT_STATUS_LABELS: Record<StatementStatus, string> = {
  draft: "Draft",
  finalized: "Finalized",
  paid: "Paid",
  carried_forward: "Carried forward",
  failed: "Failed",
};

// "Clawback: refund on Urban Trips after the February 2026 statement", "Carried forward from January 2026".
export function statementLineDescription(line: Pick<StatementLine, "kind" | "pack" | "source">): string {
  const from = line.source ? formatMonth(line.source.month) : "an earlier month";
  if (line.kind === "adjustment") return `Clawback: refund${line.pack ? ` on ${line.pack.title}` : ""} after the ${from} statement`;
  if (line.kind === "carried_forward") return `Carried forward from ${from}`;
  return line.pack?.title ?? "Pack";
}

// /app/marketplace/payouts/2026-03 for the statement of 2026-03-01 (or of any day of that month).
export function statementHref(month: string): string {
  return `/app/marketplace/payouts/${month.slice(0, 7)}`;
}

// GET /v1/marketplace/statements/2026-03.csv: the statement's file, for the org the request acts for.
export function statementFileHref(month: string, format: "csv" | "pdf"): string {
  return `/v1/marketplace/statements/${month.slice(0, 7)}.${format}`;
}

// A statement as CSV: a header, one record per line, then the totals. Money as decimal strings in
// the currency's major unit with the currency beside it; counts as integers. Lines other than
// shares leave the pack's figures empty.
import { stringify } from "csv-stringify/sync";
import { decimalAmount } from "~/lib/money";
import { monthKey, monthOfDay } from "~/lib/month";
import type { StatementFile } from "./statement-file";

export const STATEMENT_CSV_COLUMNS = [
  "month",
  "status",
  "kind",
  "pack_slug",
  "pack_title",
  "source_month",
  "sessions",
  "pack_total_sessions",
  "share_percent",
  "pack_gross",
  "revenue_share_bps",
  "pool",
  "amount",
  "currency",
] as const;

type Record = { [K in (typeof STATEMENT_CSV_COLUMNS)[number]]?: string | number | null };

export function statementCsv({ statement }: StatementFile): string {
  const money = (cents: number) => decimalAmount(cents, statement.currency);
  const base = { month: monthKey(monthOfDay(statement.month)!), status: statement.status, currency: statement.currency.toUpperCase() };
  const records: Record[] = statement.lines.map((line) => {
    const share = line.kind === "share";
    return {
      ...base,
      kind: line.kind,
      pack_slug: line.pack?.slug,
      pack_title: line.pack?.title,
      source_month: line.source ? line.source.month.slice(0, 7) : null,
      sessions: share ? line.sessions : null,
      pack_total_sessions: share ? line.packTotalSessions : null,
      share_percent: share ? line.sharePercent : null,
      pack_gross: share || line.packGrossCents !== 0 ? money(line.packGrossCents) : null,
      revenue_share_bps: share ? line.revenueShareBps : null,
      pool: share && line.poolCents !== null ? money(line.poolCents) : null,
      amount: money(line.shareCents),
    };
  });
  const { totals } = statement;
  records.push(
    { ...base, kind: "total_shares", amount: money(totals.sharesCents) },
    { ...base, kind: "total_adjustments", amount: money(totals.adjustmentsCents) },
    { ...base, kind: "total_carried_forward", amount: money(totals.carriedForwardCents) },
    { ...base, kind: "total", amount: money(totals.totalCents) },
  );
  return stringify(records, { header: true, columns: [...STATEMENT_CSV_COLUMNS], record_delimiter: "unix" });
}

// One month's statement of an org, with its lines: GET /v1/marketplace/statements?month=, the
// statement page and its CSV and PDF. Another org's statement is simply not there (not_found).
import { monthDay } from "~/lib/month";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { Statement, StatementLine } from "./statement-schemas";
import { statementHeaderSelect } from "./statement-select";

const LINE_ORDER: Record<StatementLine["kind"], number> = { share: 0, adjustment: 1, carried_forward: 2 };

// sessions / total as a percentage with two decimals, rounded half up, in integers: "33.33".
export function sharePercent(sessions: number, total: number): string | null {
  if (total <= 0) return null;
  const hundredths = Math.floor((2 * sessions * 10_000 + total) / (2 * total));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

const statementSelect = {
  ...statementHeaderSelect,
  lines: {
    select: {
      id: true,
      kind: true,
      sessions: true,
      packTotalSessions: true,
      packGrossCents: true,
      shareCents: true,
      pack: { select: { id: true, slug: true, title: true } },
      pool: { select: { revenueShareBps: true, poolCents: true } },
      sourceStatement: { select: { id: true, month: true, status: true } },
    },
  },
} as const;

function sumOf(lines: StatementLine[], kind: StatementLine["kind"]): number {
  return lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.shareCents, 0);
}

export async function getStatement(db: Db, input: { orgId: string; month: Date }): Promise<Statement> {
  const row = await db.orgMonthlyStatement.findUnique({
    where: { orgId_month: { orgId: input.orgId, month: input.month } },
    select: statementSelect,
  });
  if (!row) throw new AppError("not_found", `There is no statement for ${monthDay(input.month).slice(0, 7)}.`);
  const lines: StatementLine[] = row.lines
    .map((line) => ({
      id: line.id,
      kind: line.kind,
      pack: line.pack,
      sessions: line.sessions,
      packTotalSessions: line.packTotalSessions,
      sharePercent: line.kind === "share" ? sharePercent(line.sessions, line.packTotalSessions) : null,
      packGrossCents: line.packGrossCents,
      revenueShareBps: line.pool?.revenueShareBps ?? null,
      poolCents: line.pool?.poolCents ?? null,
      shareCents: line.shareCents,
      source: line.sourceStatement && { ...line.sourceStatement, month: monthDay(line.sourceStatement.month) },
    }))
    .sort(
      (a, b) =>
        LINE_ORDER[a.kind] - LINE_ORDER[b.kind] ||
        (a.pack?.title ?? "").localeCompare(b.pack?.title ?? "") ||
        (a.source?.month ?? "").localeCompare(b.source?.month ?? "") ||
        a.id.localeCompare(b.id),
    );
  return {
    id: row.id,
    month: monthDay(row.month),
    status: row.status,
    currency: row.currency,
    totalCents: row.totalCents,
    finalizedAt: row.finalizedAt,
    paidAt: row.paidAt,
    transferId: row.payout?.stripeTransferId ?? null,
    updatedAt: row.updatedAt,
    lines,
    totals: {
      sharesCents: sumOf(lines, "share"),
      adjustmentsCents: sumOf(lines, "adjustment"),
      carriedForwardCents: sumOf(lines, "carried_forward"),
      totalCents: row.totalCents,
    },
  };
}

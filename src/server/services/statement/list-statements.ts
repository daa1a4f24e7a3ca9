// The payouts page's statements: this month as a live draft (the row the payout run's refresh keeps
// current, or an empty one before its first refresh), every earlier month newest first, and what
// is carried forward into the next statement.
import { monthDay, monthStart } from "~/lib/month";
import type { Db } from "../../db";
import type { StatementList, StatementRef, StatementStatus } from "./statement-schemas";
import { statementHeaderSelect } from "./statement-select";

// A statement whose amount was not paid out: a later statement takes it in as a carried_forward line.
const NOT_PAID_OUT: StatementStatus[] = ["carried_forward", "failed"];

export async function listStatements(db: Db, input: { orgId: string; now?: Date }): Promise<StatementList> {
  const current = monthStart(input.now ?? new Date());
  const rows = await db.orgMonthlyStatement.findMany({
    where: { orgId: input.orgId },
    orderBy: { month: "desc" },
    select: {
      ...statementHeaderSelect,
      _count: { select: { lines: true } },
      laterLines: {
        where: { kind: "carried_forward" },
        select: { statement: { select: { id: true, month: true, status: true } } },
        orderBy: { statement: { month: "asc" } },
      },
    },
  });

  const ref = (s: { id: string; month: Date; status: StatementStatus }): StatementRef => ({ id: s.id, month: monthDay(s.month), status: s.status });
  const currentRow = rows.find((r) => r.month.getTime() === current.getTime());
  const earlier = rows.filter((r) => r !== currentRow);

  const carried = new Map<string, StatementList["carriedForward"][number]>();
  // Oldest first, so each currency's sources read in order.
  for (const row of [...earlier].reverse()) {
    if (!NOT_PAID_OUT.includes(row.status) || row.totalCents === 0) continue;
    // Taken in by a statement that is no longer a draft: that one carries (or paid) it now.
    if (row.laterLines.some((l) => l.statement.status !== "draft")) continue;
    const entry = carried.get(row.currency) ?? { currency: row.currency, amountCents: 0, from: [] };
    entry.amountCents += row.totalCents;
    entry.from.push({ ...ref(row), amountCents: row.totalCents });
    carried.set(row.currency, entry);
  }

  return {
    current: currentRow
      ? {
          id: currentRow.id,
          month: monthDay(current),
          status: currentRow.status,
          currency: currentRow.currency,
          totalCents: currentRow.totalCents,
          lineCount: currentRow._count.lines,
          updatedAt: currentRow.updatedAt,
          exists: true,
        }
      : { id: null, month: monthDay(current), status: "draft", currency: "usd", totalCents: 0, lineCount: 0, updatedAt: null, exists: false },
    statements: earlier.map((row) => ({
      id: row.id,
      month: monthDay(row.month),
      status: row.status,
      currency: row.currency,
      totalCents: row.totalCents,
      finalizedAt: row.finalizedAt,
      paidAt: row.paidAt,
      transferId: row.payout?.stripeTransferId ?? null,
      carriedInto: row.laterLines[0] ? ref(row.laterLines[0].statement) : null,
    })),
    carriedForward: [...carried.values()],
  };
}

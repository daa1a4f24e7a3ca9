// Statements written straight into the database, as the payout run leaves them: pools, a draft
// with its lines, then finalized and paid (or carried forward, or failed) with its payout. For the
// read side's tests (integration and browser), whose figures are worked out by hand below.
import { monthKey } from "~/lib/month";
import type { Db } from "~/server/db";

type Status = "draft" | "finalized" | "paid" | "carried_forward" | "failed";

export type FixtureLine =
  | { kind: "share"; packId: string; sessions: number; packTotalSessions: number; grossCents: number; revenueShareBps: number; poolCents: number; shareCents: number }
  | { kind: "adjustment"; packId: string; sourceStatementId: string; shareCents: number }
  | { kind: "carried_forward"; sourceStatementId: string; shareCents: number };

export async function insertStatement(
  db: Db,
  input: { orgId: string; month: string; status: Status; lines: FixtureLine[]; currency?: string; finalizedAt?: Date; paidAt?: Date; transferId?: string },
) {
  const month = new Date(`${input.month}-01T00:00:00Z`);
  const currency = input.currency ?? "usd";
  const lines = [];
  for (const line of input.lines) {
    if (line.kind === "share") {
      const pool = await db.packMonthlyPool.upsert({
        where: { packId_month_currency: { packId: line.packId, month, currency } },
        create: { packId: line.packId, month, currency, grossCents: line.grossCents, revenueShareBps: line.revenueShareBps, poolCents: line.poolCents, totalSessions: line.packTotalSessions },
        update: {},
      });
      lines.push({ kind: "share" as const, packId: line.packId, poolId: pool.id, sessions: line.sessions, packTotalSessions: line.packTotalSessions, packGrossCents: line.grossCents, shareCents: line.shareCents });
    } else if (line.kind === "adjustment") {
      lines.push({ kind: "adjustment" as const, packId: line.packId, sourceStatementId: line.sourceStatementId, shareCents: line.shareCents });
    } else {
      lines.push({ kind: "carried_forward" as const, sourceStatementId: line.sourceStatementId, shareCents: line.shareCents });
    }
  }
  const totalCents = input.lines.reduce((sum, l) => sum + l.shareCents, 0);
  const statement = await db.orgMonthlyStatement.create({
    data: { orgId: input.orgId, month, currency, totalCents, status: "draft", lines: { create: lines } },
  });
  if (input.status === "draft") return statement;
  // As the payout run moves it: finalized first, then paid, carried forward or failed.
  const finalizedAt = input.finalizedAt ?? new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 5, 6));
  await db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { status: "finalized", finalizedAt } });
  if (input.status === "finalized") return { ...statement, status: input.status };
  if (input.transferId) {
    await db.payout.create({
      data: {
        statementId: statement.id,
        orgId: input.orgId,
        amountCents: totalCents,
        currency,
        stripeTransferId: input.transferId,
        idempotencyKey: `payout:${input.orgId}:${monthKey(month)}`,
        status: input.status === "paid" ? "paid" : "failed",
        attempts: 1,
      },
    });
  }
  await db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { status: input.status, paidAt: input.status === "paid" ? input.paidAt ?? finalizedAt : null } });
  return { ...statement, status: input.status };
}

// Three months of one seller org, in USD:
// - 2026-01, carried forward (3.00 is under the minimum payout): Alpha 30 of 1,000 sessions.
// - 2026-02, paid 131.33 on 2026-03-05 by tr_fixture_feb: Alpha 120 of 480 sessions of a 1,000.00
//   gross at 50% (pool 500.00, share 125.00); Beta 2 of 3 sessions of 10.01 (pool floor(1001 × 0.5)
//   = 500 cents, share 333 of it: 333.33 rounds down, the other contributor's 166.67 takes the
//   leftover cent); January's 3.00 carried in.
// - 2026-03, failed (transfer tr_fixture_mar reversed): Alpha 50 of 500 sessions of 300.00 (pool
//   150.00, share 15.00), and a refund after February was finalized clawed back: −2.50. Total 12.50,
//   carried forward into the next statement.
export async function insertStatementFixture(db: Db, input: { orgId: string; alphaPackId: string; betaPackId: string }) {
  const { orgId, alphaPackId, betaPackId } = input;
  const jan = await insertStatement(db, {
    orgId,
    month: "2026-01",
    status: "carried_forward",
    lines: [{ kind: "share", packId: alphaPackId, sessions: 30, packTotalSessions: 1_000, grossCents: 20_000, revenueShareBps: 5000, poolCents: 10_000, shareCents: 300 }],
  });
  const feb = await insertStatement(db, {
    orgId,
    month: "2026-02",
    status: "paid",
    paidAt: new Date("2026-03-05T06:02:00Z"),
    transferId: "tr_fixture_feb",
    lines: [
      { kind: "share", packId: alphaPackId, sessions: 120, packTotalSessions: 480, grossCents: 100_000, revenueShareBps: 5000, poolCents: 50_000, shareCents: 12_500 },
      { kind: "share", packId: betaPackId, sessions: 2, packTotalSessions: 3, grossCents: 1_001, revenueShareBps: 5000, poolCents: 500, shareCents: 333 },
      { kind: "carried_forward", sourceStatementId: jan.id, shareCents: 300 },
    ],
  });
  const mar = await insertStatement(db, {
    orgId,
    month: "2026-03",
    status: "failed",
    transferId: "tr_fixture_mar",
    lines: [
      { kind: "share", packId: alphaPackId, sessions: 50, packTotalSessions: 500, grossCents: 30_000, revenueShareBps: 5000, poolCents: 15_000, shareCents: 1_500 },
      { kind: "adjustment", packId: alphaPackId, sourceStatementId: feb.id, shareCents: -250 },
    ],
  });
  return { jan, feb, mar };
}

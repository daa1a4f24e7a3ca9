// Finalized statements are immutable at the database: whatever the code does (here raw SQL and
// Prisma), their money fields, lines and pools cannot change; only the allowed status moves pass.
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { addRevenue, contribute, makePackWithShare, makePayee, month } from "~/test/payouts";
import { finalizeStatements } from "./finalize-statements";

async function finalizedMonth() {
  const org = await makePayee({ connectId: "acct_x", payoutsEnabled: true });
  const pack = await makePackWithShare(5000);
  await addRevenue(pack.id, "2026-11", 10_000);
  await contribute(org.id, pack.id, "2026-11", 3);
  await finalizeStatements(getDb(), month("2026-11"));
  const statement = await getDb().orgMonthlyStatement.findFirstOrThrow({ where: { orgId: org.id }, include: { lines: true } });
  const pool = await getDb().packMonthlyPool.findFirstOrThrow({ where: { packId: pack.id } });
  return { org, pack, statement, line: statement.lines[0]!, pool };
}

const refused = /immutable|cannot|no line can be added/;

describe("finalized statements at the database", () => {
  it("refuse an UPDATE of their money fields, by raw SQL and by Prisma", async () => {
    const { statement } = await finalizedMonth();
    expect(statement).toMatchObject({ status: "finalized", totalCents: 5_000 });
    const db = getDb();
    await expect(db.$executeRaw`UPDATE "org_monthly_statements" SET "totalCents" = 999999 WHERE "id" = ${statement.id}`).rejects.toThrow(refused);
    await expect(db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { currency: "eur" } })).rejects.toThrow(refused);
    await expect(db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { month: month("2026-10") } })).rejects.toThrow(refused);
    await expect(db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { status: "draft" } })).rejects.toThrow(refused);
    await expect(db.orgMonthlyStatement.delete({ where: { id: statement.id } })).rejects.toThrow(refused);
    expect(await db.orgMonthlyStatement.findUniqueOrThrow({ where: { id: statement.id } })).toMatchObject({ totalCents: 5_000, status: "finalized", currency: "usd" });
  });

  it("refuse any insert, update or delete of their lines and pools", async () => {
    const { statement, line, pool, pack } = await finalizedMonth();
    const db = getDb();
    await expect(db.statementLine.update({ where: { id: line.id }, data: { shareCents: 1 } })).rejects.toThrow(refused);
    await expect(db.statementLine.delete({ where: { id: line.id } })).rejects.toThrow(refused);
    await expect(db.statementLine.create({ data: { statementId: statement.id, kind: "adjustment", packId: pack.id, shareCents: -100 } })).rejects.toThrow(refused);
    await expect(db.$executeRaw`UPDATE "pack_monthly_pools" SET "poolCents" = 1 WHERE "id" = ${pool.id}`).rejects.toThrow(refused);
    await expect(db.packMonthlyPool.delete({ where: { id: pool.id } })).rejects.toThrow(refused);
    expect(await db.statementLine.findUniqueOrThrow({ where: { id: line.id } })).toMatchObject({ shareCents: 5_000 });
  });

  it("let the status move only finalized → paid (with paidAt) → failed, never back", async () => {
    const { statement } = await finalizedMonth();
    const db = getDb();
    await expect(db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { paidAt: new Date() } })).rejects.toThrow(refused);
    await db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { status: "paid", paidAt: new Date() } });
    await expect(db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { paidAt: new Date(0) } })).rejects.toThrow(refused);
    await expect(db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { status: "carried_forward" } })).rejects.toThrow(refused);
    await db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { status: "failed" } });
    await expect(db.orgMonthlyStatement.update({ where: { id: statement.id }, data: { status: "paid" } })).rejects.toThrow(refused);
  });

  it("leave drafts free to change", async () => {
    const org = await makePayee();
    const draft = await getDb().orgMonthlyStatement.create({ data: { orgId: org.id, month: month("2026-12"), totalCents: 10 } });
    const line = await getDb().statementLine.create({ data: { statementId: draft.id, kind: "carried_forward", shareCents: 10 } });
    await getDb().statementLine.update({ where: { id: line.id }, data: { shareCents: 20 } });
    await getDb().orgMonthlyStatement.update({ where: { id: draft.id }, data: { totalCents: 20 } });
    await getDb().statementLine.delete({ where: { id: line.id } });
    await getDb().orgMonthlyStatement.delete({ where: { id: draft.id } });
  });
});

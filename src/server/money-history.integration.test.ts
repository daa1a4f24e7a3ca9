// Money history outlives the orgs it belongs to: deleting an org that paid or was paid is refused by
// the database, and every timestamp compared across processes carries its time zone.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makeOrg, makePack } from "~/test/factories";

async function orgWithMoney() {
  const db = getDb();
  const org = await makeOrg();
  const pack = await makePack();
  const tier = await db.packTier.findFirstOrThrow({ where: { packId: pack.id, tier: "standard" } });
  return { db, org, pack, tier };
}

describe("money history", () => {
  it("refuses to delete an org with a subscription, and keeps it", async () => {
    const { db, org, pack, tier } = await orgWithMoney();
    await db.buyerSubscription.create({
      data: { buyerOrgId: org.id, packId: pack.id, tierId: tier.id, stripeCustomerId: "cus_1", stripeSubscriptionId: "sub_1", status: "canceled" },
    });
    await expect(db.org.delete({ where: { id: org.id } })).rejects.toThrow();
    expect(await db.buyerSubscription.count({ where: { buyerOrgId: org.id } })).toBe(1);
  });

  it("refuses to delete an org with revenue, a statement or a payout", async () => {
    const { db, org, pack } = await orgWithMoney();
    await db.revenue.create({
      data: { stripeObjectId: "in_1", kind: "invoice", packId: pack.id, buyerOrgId: org.id, month: new Date("2026-11-01"), amountCents: 4900, currency: "usd", occurredAt: new Date() },
    });
    await expect(db.org.delete({ where: { id: org.id } })).rejects.toThrow();

    const seller = await makeOrg();
    const statement = await db.orgMonthlyStatement.create({ data: { orgId: seller.id, month: new Date("2026-10-01"), totalCents: 1200 } });
    await db.payout.create({ data: { statementId: statement.id, orgId: seller.id, amountCents: 1200, currency: "usd", idempotencyKey: `payout:${seller.id}:2026-10` } });
    await expect(db.org.delete({ where: { id: seller.id } })).rejects.toThrow();
    await expect(db.orgMonthlyStatement.delete({ where: { id: statement.id } })).rejects.toThrow();
    expect(await db.payout.count({ where: { orgId: seller.id } })).toBe(1);
  });

  it("stores every timestamp as timestamptz", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string; column_name: string }>(
        `select table_name, column_name from information_schema.columns
         where table_schema = 'public' and data_type = 'timestamp without time zone' and table_name <> '_prisma_migrations'`,
      );
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

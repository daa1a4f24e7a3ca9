// `npm run bench:payout`: one month of 10,000 seller orgs × 20 packs in a fresh database (seeded
// set-based: generate_series, not Prisma row by row), then timed:
//   1. statement computation: pools, 200,000 share lines and 10,000 statements, finalized;
//   2. the payout run: one transfer per payable org against the Stripe fake (latency 0, in a process
//      of its own as Stripe is another machine in production) with the app's Stripe client, through
//      the same service the workflow's payout-pay-org runs call (payStatement: payout row, transfer,
//      record), BENCH_CONCURRENCY (32, that function's concurrency limit) at a time;
//   3. reconciliation of the month (with the fake's API).
// Prints rows/s of each stage and the total; the goal is the whole month under 30 s.
// BENCH_ORGS and BENCH_PACKS change the size. PostgreSQL at 127.0.0.1:5432 as for `npm test`.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../src/server/db/generated/client";
import { payStatement } from "../../src/server/services/payout/pay-statement";
import { reconcileMonth } from "../../src/server/services/reconciliation/reconcile-month";
import { finalizeStatements } from "../../src/server/services/statement/finalize-statements";
import { adminQuery, dropDatabase, LOCAL_POSTGRES_URL, withDatabase } from "../../src/test/database";
import { migrateDeploy } from "../lib/migrate";
import { createStripeClient } from "../../src/server/stripe/client";
import { startStripeFakeProcess } from "./stripe-fake-process";

const ORGS = Number(process.env.BENCH_ORGS ?? 10_000);
const PACKS = Number(process.env.BENCH_PACKS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const MONTH = new Date("2026-11-01T00:00:00Z");

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en-US")}/s`;

async function main() {
  process.env.MIN_PAYOUT_CENTS ??= "1000";
  const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? LOCAL_POSTGRES_URL;
  const name = `pm_bench_payout_${process.pid}_${randomBytes(3).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const databaseUrl = withDatabase(adminUrl, name);
  const fake = await startStripeFakeProcess(ORGS);
  const stripe = createStripeClient({ secretKey: "sk_test_packmarket", apiBase: fake.url });
  // A pool big enough for the payout stage's concurrent per-org transactions (pg's default is 10).
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: CONCURRENCY + 8 }) });
  const sql = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY + 8 });
  try {
    await migrateDeploy(databaseUrl, { quiet: true });
    let t = Date.now();
    const accounts = fake.accounts;
    await db.$executeRawUnsafe(`
      INSERT INTO "packs" ("id", "slug", "title", "summary", "description", "category", "rowSchema", "sampleRows", "revenueShareBps", "updatedAt")
      SELECT 'pack_' || p, 'bench-pack-' || p, 'Pack ' || p, 's', 'd', 'Bench', '[]', '[]', 3000 + (p * 97) % 4000, now()
      FROM generate_series(1, ${PACKS}) p`);
    await db.$executeRawUnsafe(`
      INSERT INTO "orgs" ("id", "slug", "name") SELECT 'org_' || lpad(o::text, 6, '0'), 'bench-org-' || o, 'Seller ' || o FROM generate_series(1, ${ORGS}) o`);
    await db.$executeRaw`
      INSERT INTO "org_billing_profiles" ("orgId", "stripeConnectId", "connectDetailsSubmitted", "connectPayoutsEnabled", "updatedAt")
      SELECT 'org_' || lpad(i::text, 6, '0'), acct, true, (i % 10) <> 0, now()
      FROM unnest(${accounts}::text[]) WITH ORDINALITY AS a(acct, i)`;
    await db.$executeRawUnsafe(`INSERT INTO "products" ("id", "orgId", "name") SELECT 'prod_' || o, 'org_' || lpad(o::text, 6, '0'), 'Main' FROM generate_series(1, ${ORGS}) o`);
    const contributions = await db.$executeRawUnsafe(`
      INSERT INTO "contributions" ("id", "orgId", "productId", "packId", "month", "sessions", "updatedAt")
      SELECT 'c_' || o || '_' || p, 'org_' || lpad(o::text, 6, '0'), 'prod_' || o, 'pack_' || p, DATE '2026-11-01', 1 + ((o * 7919 + p * 104729) % 5000), now()
      FROM generate_series(1, ${ORGS}) o, generate_series(1, ${PACKS}) p`);
    const revenue = await db.$executeRawUnsafe(`
      INSERT INTO "revenue" ("id", "stripeObjectId", "kind", "packId", "month", "amountCents", "currency", "occurredAt")
      SELECT 'r_' || p || '_' || i, 'in_bench_' || p || '_' || i, CASE WHEN i % 50 = 0 THEN 'refund' ELSE 'invoice' END::"RevenueKind", 'pack_' || p, DATE '2026-11-01',
             CASE WHEN i % 50 = 0 THEN -4900 ELSE (ARRAY[4900, 19900, 99900])[1 + i % 3] END, 'usd', TIMESTAMPTZ '2026-11-15'
      FROM generate_series(1, ${PACKS}) p, generate_series(1, 2000) i`);
    console.log(`seeded ${ORGS.toLocaleString("en-US")} orgs × ${PACKS} packs: ${contributions.toLocaleString("en-US")} contributions, ${revenue.toLocaleString("en-US")} revenue rows, ${ORGS.toLocaleString("en-US")} Connect accounts in ${seconds(Date.now() - t)} (not timed below)`);

    const total = Date.now();
    t = Date.now();
    const summary = await finalizeStatements(db, MONTH);
    const computeMs = Date.now() - t;
    const lines = await db.statementLine.count();
    console.log(`1. statements: ${lines.toLocaleString("en-US")} share lines, ${summary.statements.toLocaleString("en-US")} statements (${summary.finalized} to pay, ${summary.carriedForward} carried forward) in ${seconds(computeMs)}: ${rate(lines, computeMs)} lines`);

    t = Date.now();
    const queue = [...summary.toPay];
    let paid = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const outcome = await payStatement(sql, stripe, { statementId: next.statementId });
          if (outcome.state === "paid") paid += 1;
          else throw new Error(`${next.orgId}: ${outcome.state}`);
        }
      }),
    );
    const payMs = Date.now() - t;
    console.log(`2. payout run: ${paid.toLocaleString("en-US")} transfers in ${seconds(payMs)}: ${rate(paid, payMs)} (per org: payout row, transfer, record; the lookup only on later attempts; ${CONCURRENCY} at a time)`);
    const monthMs = Date.now() - total;

    t = Date.now();
    const report = await reconcileMonth(db, MONTH, { stripe });
    const reconMs = Date.now() - t;
    console.log(`3. reconciliation: ${report.ok ? "clean" : `${report.differences.length} differences (revenue here has no Stripe invoices behind it)`} in ${seconds(reconMs)}`);
    console.log(`\nthe month (statements + payouts): ${seconds(monthMs)} (goal < 30 s); ${rate(lines + paid, monthMs)} rows`);
    console.log("Measured on a shared machine: figures move with the load of other work.");
  } finally {
    await db.$disconnect();
    await sql.end();
    await fake.stop();
    await dropDatabase(adminUrl, name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

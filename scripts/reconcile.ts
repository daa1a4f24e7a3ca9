// `npm run reconcile -- <YYYY-MM>`: the month's reconciliation (src/server/services/reconciliation):
// Stripe's paid invoices and refunds (stored events, and Stripe's API when reachable) ↔ revenue rows
// ↔ pools ↔ statement lines ↔ statements ↔ payouts ↔ Stripe transfers, every difference to the
// cent with its cause. Exits 1 when anything does not match (2 on bad usage). `--json` prints the
// report as JSON. Same report as /admin/payouts.
import { formatMoney, STATEMENT_CURRENCY } from "../src/lib/money";
import { parseMonth } from "../src/lib/month";
import { reconciliationTotalRows } from "../src/lib/reconciliation-totals";
import { createDb } from "../src/server/db";
import { reconcileMonth } from "../src/server/services/reconciliation/reconcile-month";
import { getStripe } from "../src/server/stripe/client";
import { applyDevDefaults } from "./lib/dev-cli";

const money = (cents: number) => formatMoney(cents, STATEMENT_CURRENCY);

async function main() {
  applyDevDefaults();
  const args = process.argv.slice(2);
  const month = parseMonth(args.find((a) => !a.startsWith("--")) ?? "");
  if (!month) {
    console.error("Usage: npm run reconcile -- <YYYY-MM> [--json]");
    process.exit(2);
  }
  const db = createDb(process.env.DATABASE_URL!);
  try {
    let stripe = null;
    try {
      stripe = process.env.STRIPE_SECRET_KEY ? getStripe() : null;
    } catch {
      stripe = null;
    }
    const report = await reconcileMonth(db, month, { stripe });
    if (args.includes("--json")) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`Reconciliation of ${report.month} (Stripe API: ${report.stripeApi})`);
      const rows = reconciliationTotalRows(report.totals);
      for (const [label, cents] of rows) console.log(`  ${label.padEnd(26)} ${money(cents).padStart(14)}`);
      for (const note of report.notes) console.log(`  note: ${note}`);
      if (report.ok) console.log("\nEverything matches.");
      else {
        console.log(`\n${report.differences.length} difference(s):`);
        for (const d of report.differences) {
          console.log(`  [${d.check}] ${d.subject}: expected ${money(d.expectedCents)}, found ${money(d.actualCents)} (${d.differenceCents > 0 ? "+" : ""}${money(d.differenceCents)})\n      ${d.cause}`);
        }
      }
    }
    if (!report.ok) process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

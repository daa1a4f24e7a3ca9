// Last month's statements with real figures on a fresh `npm run dev` (DEMO_PAYOUTS in
// prisma/seed-data.ts): the second buyer org buys a few packs through the Stripe fake's Checkout,
// paid during last month (the webhook's events applied in-process, as for the demo subscription),
// and then last month is finalized and paid (to the sellers whose demo Connect account can receive
// payouts: ensureDemoConnectAccounts runs first) by the same services as the payout run. So `npm run reconcile -- <last month>`
// is clean, and this month's live drafts are computed. Never with real Stripe.
//
// Restart-safe: once last month is finalized it does nothing. A database wiped under a kept fake gets
// its purchases back from the fake's event log (ensureDemoSubscription replays it first) and its
// transfers are found again by their payout keys, not made twice.
import type Stripe from "stripe";
import { DEMO_PAYOUTS, ORGS } from "../../prisma/seed-data";
import { addMonths, monthKey, monthStart } from "../../src/lib/month";
import type { Db } from "../../src/server/db";
import { payStatement } from "../../src/server/services/payout/pay-statement";
import { getSqlPool } from "../../src/server/sql-pool";
import { isMonthFinalized } from "../../src/server/services/statement/compute-statements";
import { finalizeStatements } from "../../src/server/services/statement/finalize-statements";
import { refreshDraftStatements } from "../../src/server/services/statement/refresh-draft-statements";
import { createCheckoutSession } from "../../src/server/services/subscription/create-checkout-session";
import type { StripeFake } from "../stripe-fake";
import { replayFakeEvents } from "./demo-subscription";

export type DemoPayoutsDeps = {
  db: Db;
  // The same database as `db`, for the node-postgres pool that pays statements.
  databaseUrl: string;
  stripe: Stripe;
  fake: Pick<StripeFake, "pay" | "events">;
  appUrl: string;
  now?: Date;
};

const orgIdOf = async (db: Db, key: string) => {
  const slug = ORGS.find((o) => o.key === key)?.slug;
  return slug ? (await db.org.findUnique({ where: { slug }, select: { id: true, name: true } })) : null;
};

export async function ensureDemoPayouts(deps: DemoPayoutsDeps): Promise<{ changed: boolean; summary: string }> {
  if (process.env.NODE_ENV === "production") throw new Error("The demo payouts are dev-only.");
  const { db, stripe, fake } = deps;
  const now = deps.now ?? new Date();
  const lastMonth = addMonths(monthStart(now), -1);
  if (await db.$transaction((tx) => isMonthFinalized(tx, lastMonth))) {
    return { changed: false, summary: `${monthKey(lastMonth)} is already finalized, nothing done` };
  }
  const buyer = await orgIdOf(db, DEMO_PAYOUTS.buyer);
  if (!buyer) return { changed: false, summary: "no demo buyer org in the database (seed skipped?), nothing done" };
  const done: string[] = [];

  for (const purchase of DEMO_PAYOUTS.purchases) {
    const tier = await db.packTier.findFirst({ where: { tier: purchase.tier, pack: { slug: purchase.pack, status: "active" } }, select: { packId: true } });
    if (!tier) continue;
    if (await db.buyerSubscription.findFirst({ where: { buyerOrgId: buyer.id, packId: tier.packId }, select: { id: true } })) continue;
    const firstEvent = fake.events().length;
    const session = await createCheckoutSession(db, stripe, {
      packId: tier.packId,
      tier: purchase.tier,
      orgId: buyer.id,
      orgName: buyer.name,
      userEmail: DEMO_PAYOUTS.buyerEmail,
      appUrl: deps.appUrl,
      now,
    });
    const paidAt = new Date(lastMonth.getTime() + (purchase.day - 1) * 86_400_000 + 10 * 3_600_000);
    await fake.pay(session.id, { at: paidAt < now ? paidAt : now });
    await replayFakeEvents(deps, firstEvent);
    done.push(`${buyer.name} bought ${purchase.pack} (${purchase.tier}) on ${paidAt.toISOString().slice(0, 10)}`);
  }

  const summary = await finalizeStatements(db, lastMonth);
  const paid: string[] = [];
  for (const statement of summary.toPay) {
    const outcome = await payStatement(getSqlPool(deps.databaseUrl), stripe, { statementId: statement.statementId });
    if (outcome.state === "paid" || outcome.state === "already_paid") paid.push(String(statement.totalCents));
  }
  done.push(`${monthKey(lastMonth)} finalized: ${summary.statements} statements, ${paid.length} paid, ${summary.carriedForward} carried forward`);
  await refreshDraftStatements(db, now);
  return { changed: true, summary: done.join("; ") };
}

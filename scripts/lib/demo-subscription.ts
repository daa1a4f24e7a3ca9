// The demo buyer org's subscription (DEMO_SUBSCRIPTION in prisma/seed-data.ts), so a fresh
// `npm run dev` shows My Packs, usage and billing with real figures. `npm run dev` calls it after
// the seed, once the local Stripe fake is up and before `next dev` starts; never with real Stripe.
//
// It is bought the way a buyer buys: the app's createCheckoutSession, the fake's Pay button (dated
// `startedDaysAgo` back, so the period has history), and the resulting events applied in-process
// with processStripeEvent, since the app is not up yet. The fake also delivers them to the webhook
// once the app is up: duplicates, acknowledged and ignored. So the fake's portal, its dashboard's
// renewals and the webhook lifecycle work on it like on any subscription.
//
// Restart-safe: when the org has a subscription the fake knows, it does nothing. A database wiped
// under a kept fake is rebuilt from the fake's event log, as the webhook built it; a fake wiped under
// a kept database leaves the old subscription canceled (Stripe no longer has it) and buys anew.
import type Stripe from "stripe";
import { DEMO_SUBSCRIPTION, ORGS, ROWS_PER_PACK } from "../../prisma/seed-data";
import type { Db } from "../../src/server/db";
import type { SubscriptionStatus } from "../../src/server/db/generated/enums";
import { createCheckoutSession } from "../../src/server/services/subscription/create-checkout-session";
import { LIVE_STATUSES } from "../../src/server/services/subscription/subscription-status";
import { findCurrentCounter } from "../../src/server/services/usage/current-counter";
import { rollupUsage } from "../../src/server/services/usage/rollup-usage";
import { isStripeMissingResource } from "../../src/server/stripe/client";
import { processStripeEvent } from "../../src/server/stripe/process-event";
import type { StripeFake } from "../stripe-fake";
import { planDemoUsage, writeDemoUsage } from "./demo-usage";

const DAY_MS = 86_400_000;

export type DemoSubscriptionDeps = {
  db: Db;
  /** The app's Stripe client, pointed at the fake. */
  stripe: Stripe;
  /** The local fake, in this process: its Pay button and its event log. */
  fake: Pick<StripeFake, "pay" | "events">;
  appUrl: string;
  now?: Date;
};

export type DemoSubscriptionResult = { changed: boolean; summary: string };

const subscriptionSelect = { id: true, stripeSubscriptionId: true, status: true, currentPeriodStart: true, isDuplicate: true } as const;
type DemoSub = { id: string; stripeSubscriptionId: string; status: SubscriptionStatus; currentPeriodStart: Date | null; isDuplicate: boolean };

export async function ensureDemoSubscription(deps: DemoSubscriptionDeps): Promise<DemoSubscriptionResult> {
  if (process.env.NODE_ENV === "production") throw new Error("The demo subscription is dev-only.");
  const { db, stripe } = deps;
  const now = deps.now ?? new Date();
  const orgSeed = ORGS.find((o) => o.key === DEMO_SUBSCRIPTION.org);
  const org = orgSeed && (await db.org.findUnique({ where: { slug: orgSeed.slug }, select: { id: true, name: true } }));
  if (!org) return { changed: false, summary: "no demo buyer org in the database (seed skipped?), nothing done" };

  const newest = () =>
    db.buyerSubscription.findFirst({ where: { buyerOrgId: org.id }, orderBy: { createdAt: "desc" }, select: subscriptionSelect });
  const done: string[] = [];
  let sub = await newest();

  if (!sub) {
    const replayed = await replayFakeEvents(deps);
    if (replayed > 0) done.push(`applied ${replayed} events from the Stripe fake's log`);
    sub = await newest();
  } else if (!(await fakeKnows(stripe, sub.stripeSubscriptionId))) {
    await forgetStaleStripeIds(db, org.id);
    done.push(`the Stripe fake no longer has ${sub.stripeSubscriptionId}: marked it canceled`);
    sub = null;
  }
  if (!sub) {
    sub = await buy(deps, org, now);
    done.push(`bought ${DEMO_SUBSCRIPTION.pack} (${DEMO_SUBSCRIPTION.tier}) through the Stripe fake as of ${DEMO_SUBSCRIPTION.startedDaysAgo} days ago`);
  }

  const used = await ensureUsage(deps, sub, now);
  if (used) done.push(`${used.rows} rows read since ${used.since} (${used.pct}% of the quota)`);
  if (done.length === 0) return { changed: false, summary: `${org.name} already has its subscription (${sub.stripeSubscriptionId}), nothing done` };
  return { changed: true, summary: `${org.name}: ${done.join("; ")}` };
}

async function fakeKnows(stripe: Stripe, subscriptionId: string): Promise<boolean> {
  try {
    await stripe.subscriptions.retrieve(subscriptionId);
    return true;
  } catch (error) {
    if (isStripeMissingResource(error)) return false;
    throw error;
  }
}

// The fake's state was reset: its customer, sessions and subscription ids in our rows point at
// nothing. The subscription cannot be asked about any more, so it ends here, as if canceled.
async function forgetStaleStripeIds(db: Db, orgId: string) {
  await db.$transaction([
    db.buyerSubscription.updateMany({
      where: { buyerOrgId: orgId, status: { in: [...LIVE_STATUSES] } },
      data: { status: "canceled", cancelAtPeriodEnd: false },
    }),
    db.openCheckout.deleteMany({ where: { orgId } }),
    db.orgBillingProfile.updateMany({ where: { orgId }, data: { stripeCustomerId: null } }),
  ]);
}

// What the webhook would have received, applied in the fake's order (each event is handled once:
// those already stored are duplicates). Connect events go to another endpoint and are not ours here.
export async function replayFakeEvents(deps: Pick<DemoSubscriptionDeps, "db" | "stripe" | "fake">, from = 0): Promise<number> {
  const events = deps.fake.events().slice(from).filter((e) => !e.account);
  const stored = new Set(
    (await deps.db.stripeEvent.findMany({ where: { id: { in: events.map((e) => e.id) } }, select: { id: true } })).map((e) => e.id),
  );
  let applied = 0;
  for (const event of events) {
    if (stored.has(event.id)) continue;
    const outcome = await processStripeEvent(deps.db, deps.stripe, event);
    if (outcome === "processed") applied += 1;
  }
  return applied;
}

async function buy(deps: DemoSubscriptionDeps, org: { id: string; name: string }, now: Date) {
  const { db, stripe, fake } = deps;
  const tier = await db.packTier.findFirst({
    where: { tier: DEMO_SUBSCRIPTION.tier, pack: { slug: DEMO_SUBSCRIPTION.pack, status: "active" } },
    select: { packId: true },
  });
  if (!tier) throw new Error(`The demo pack ${DEMO_SUBSCRIPTION.pack} has no active ${DEMO_SUBSCRIPTION.tier} tier.`);
  const firstEvent = fake.events().length;
  const session = await createCheckoutSession(db, stripe, {
    packId: tier.packId,
    tier: DEMO_SUBSCRIPTION.tier,
    orgId: org.id,
    orgName: org.name,
    userEmail: DEMO_SUBSCRIPTION.buyerEmail,
    appUrl: deps.appUrl,
    now,
  });
  await fake.pay(session.id, { at: new Date(now.getTime() - DEMO_SUBSCRIPTION.startedDaysAgo * DAY_MS) });
  await replayFakeEvents(deps, firstEvent);
  const sub = await db.buyerSubscription.findFirst({
    where: { buyerOrgId: org.id, packId: tier.packId, status: "active", isDuplicate: false },
    select: subscriptionSelect,
  });
  if (!sub) throw new Error(`Paid Checkout Session ${session.id}, but its events left no active subscription (see npm run webhooks).`);
  return sub;
}

// Only the subscription's first period gets history, and only once: a renewed period or one with
// real reads is left as it is. Written before any rollup saw the counter, as the rollup's marks
// require (rollup-usage.ts): a counter without debits has no UsageDaily rows, so no mark.
async function ensureUsage(deps: DemoSubscriptionDeps, sub: DemoSub, now: Date) {
  const { db } = deps;
  const counters = await db.buyerUsageCounter.count({ where: { subscriptionId: sub.id } });
  if (counters !== 1 || (await db.usageDebit.count({ where: { counter: { subscriptionId: sub.id } } })) > 0) return null;
  const counter = await findCurrentCounter(db, { subscription: sub, now });
  if (!counter) return null;
  const rows = await writeDemoUsage(db, counter.id, (rowQuota) =>
    planDemoUsage({
      seed: counter.id,
      periodStart: counter.periodStart,
      now,
      rowQuota,
      usedShare: DEMO_SUBSCRIPTION.usedShare,
      packRows: ROWS_PER_PACK,
    }),
  );
  if (rows === 0) return null;
  // The chart's days, now rather than at the rollup's next cron run.
  await rollupUsage(db);
  return { rows, since: counter.periodStart.toISOString().slice(0, 10), pct: Math.round((rows / counter.rowQuota) * 100) };
}

// The demo sellers' Stripe Connect accounts (DEMO_CONNECT in prisma/seed-data.ts), so a fresh
// `npm run dev` shows the payouts page connected for one seller and not for another. `npm run dev`
// calls it after the seed, once the local Stripe fake is up and before `next dev` starts; never
// with real Stripe.
//
// Made the way a seller makes one: the app's ensureConnectAccount, the fake's "Complete onboarding",
// and the app's sync recording what the fake then says (the app is not up yet to take the fake's
// account.updated; when it is, that event converges on the same flags).
//
// Restart-safe: an account the fake still has is kept (and onboarded if it should be); an account
// the fake no longer has (its state was wiped) is replaced; a wiped database gets the same account
// back while the fake remembers the creation's idempotency key.
import type Stripe from "stripe";
import { DEMO_CONNECT, ORGS } from "../../prisma/seed-data";
import type { Db } from "../../src/server/db";
import { ensureConnectAccount } from "../../src/server/services/connect/ensure-connect-account";
import { forgetConnectAccount } from "../../src/server/services/connect/forget-connect-account";
import { syncConnectAccount } from "../../src/server/services/connect/sync-connect-account";
import { isStripeMissingResource } from "../../src/server/stripe/client";
import type { StripeFake } from "../stripe-fake";

export type DemoConnectDeps = {
  db: Db;
  /** The app's Stripe client, pointed at the fake. */
  stripe: Stripe;
  /** The local fake, in this process: its onboarding page's "Complete onboarding". */
  fake: Pick<StripeFake, "completeOnboarding">;
};

async function retrieveIfKnown(stripe: Stripe, accountId: string): Promise<Stripe.Account | null> {
  try {
    return await stripe.accounts.retrieve(accountId);
  } catch (error) {
    if (isStripeMissingResource(error)) return null;
    throw error;
  }
}

export async function ensureDemoConnectAccounts(deps: DemoConnectDeps): Promise<{ summary: string }> {
  if (process.env.NODE_ENV === "production") throw new Error("The demo Connect accounts are dev-only.");
  const { db, stripe } = deps;
  const lines: string[] = [];
  for (const demo of DEMO_CONNECT) {
    const orgSeed = ORGS.find((o) => o.key === demo.org);
    const org = orgSeed && (await db.org.findUnique({ where: { slug: orgSeed.slug }, select: { id: true, name: true } }));
    if (!org) {
      lines.push(`no ${demo.org} org in the database (seed skipped?)`);
      continue;
    }
    const profile = await db.orgBillingProfile.findUnique({ where: { orgId: org.id }, select: { stripeConnectId: true } });
    let replacing: string | undefined;
    if (profile?.stripeConnectId && !(await retrieveIfKnown(stripe, profile.stripeConnectId))) {
      await forgetConnectAccount(db, { orgId: org.id, accountId: profile.stripeConnectId });
      replacing = profile.stripeConnectId;
    }
    const { accountId, created } = await ensureConnectAccount(db, stripe, { orgId: org.id, replacing });
    const account = await stripe.accounts.retrieve(accountId);
    const onboard = demo.onboarded && !account.payouts_enabled;
    if (onboard) await deps.fake.completeOnboarding(accountId);
    const synced = await syncConnectAccount(db, stripe, accountId);
    const state = synced?.payoutsEnabled ? "payouts enabled" : "onboarding incomplete";
    lines.push(`${org.name} ${accountId}: ${state}${created || onboard ? "" : " (already set up)"}`);
  }
  return { summary: lines.join("; ") };
}

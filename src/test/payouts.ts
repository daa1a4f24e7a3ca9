// Test data for statements and payouts: seller orgs (optionally with a Connect account that can
// receive payouts), contributions and revenue rows of a month.
import { addMonths } from "~/lib/month";
import { getDb } from "~/server/db";
import { appendPackRows } from "~/server/services/data-api/append-pack-rows";
import { uid } from "./factories";

// A seller org as statements and payouts see it (factories.ts makeSeller makes one that ingests).
export async function makePayee(opts: { id?: string; connectId?: string | null; payoutsEnabled?: boolean } = {}) {
  const id = opts.id ?? `org_${uid()}`;
  const db = getDb();
  const org = await db.org.create({ data: { id, name: `Seller ${id}`, slug: `seller-${id.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${uid()}` } });
  if (opts.connectId !== undefined || opts.payoutsEnabled !== undefined) {
    await db.orgBillingProfile.create({
      data: { orgId: id, stripeConnectId: opts.connectId ?? null, connectDetailsSubmitted: Boolean(opts.payoutsEnabled), connectPayoutsEnabled: Boolean(opts.payoutsEnabled) },
    });
  }
  return org;
}

export async function contribute(orgId: string, packId: string, month: string, sessions: number, productName = "Main product") {
  const db = getDb();
  const product = await db.product.upsert({
    where: { orgId_name: { orgId, name: productName } },
    create: { orgId, name: productName },
    update: {},
  });
  // The sessions as pack rows too, so the contributions rollup (the payout run's first step) finds
  // the same figure this writes.
  const from = new Date(`${month}-01T00:00:00Z`);
  await db.$transaction(async (tx) => {
    await tx.packRow.deleteMany({ where: { contributorOrgId: orgId, productId: product.id, packId, sessionAt: { gte: from, lt: addMonths(from, 1) } } });
    await appendPackRows(
      tx,
      Array.from({ length: sessions }, (_, i) => ({ packId, contributorOrgId: orgId, productId: product.id, data: { n: i }, sessionAt: new Date(from.getTime() + 3_600_000 + i * 1000) })),
    );
  });
  return db.contribution.upsert({
    where: { orgId_productId_packId_month: { orgId, productId: product.id, packId, month: from } },
    create: { orgId, productId: product.id, packId, month: new Date(`${month}-01T00:00:00Z`), sessions },
    update: { sessions },
  });
}

export async function addRevenue(packId: string, month: string, amountCents: number, opts: { currency?: string; id?: string } = {}) {
  const at = new Date(`${month}-15T12:00:00Z`);
  return getDb().revenue.create({
    data: {
      stripeObjectId: opts.id ?? `${amountCents < 0 ? "re" : "in"}_${uid()}`,
      kind: amountCents < 0 ? "refund" : "invoice",
      packId,
      month: new Date(`${month}-01T00:00:00Z`),
      amountCents,
      currency: opts.currency ?? "usd",
      occurredAt: at,
    },
  });
}

export async function makePackWithShare(revenueShareBps: number, id = `pack_${uid()}`) {
  return getDb().pack.create({
    data: { id, slug: `p-${id.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${uid()}`, title: id, summary: "s", description: "d", category: "Tests", revenueShareBps, rowSchema: [], sampleRows: [], minContributors: 0 },
  });
}

export const month = (key: string) => new Date(`${key}-01T00:00:00Z`);

// Lines of an org's statement of a month, comparable across recomputations (no ids).
export async function linesOf(orgId: string, key: string) {
  const st = await getDb().orgMonthlyStatement.findUnique({
    where: { orgId_month: { orgId, month: month(key) } },
    select: { status: true, totalCents: true, lines: { select: { kind: true, packId: true, sessions: true, packTotalSessions: true, packGrossCents: true, shareCents: true, sourceStatementId: true } } },
  });
  if (!st) return null;
  const lines = st.lines.map((l) => ({ ...l })).sort((a, b) => `${a.kind}${a.packId}${a.sourceStatementId}`.localeCompare(`${b.kind}${b.packId}${b.sourceStatementId}`));
  return { status: st.status, totalCents: st.totalCents, lines };
}

// A seller whose Connect account in the Stripe fake has finished onboarding (transfers active).
export async function makeConnectedSeller(stripe: import("stripe").Stripe, opts: { id?: string; onboard?: boolean } = {}) {
  const account = await stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
  if (opts.onboard !== false) {
    const link = await stripe.accountLinks.create({ account: account.id, type: "account_onboarding", refresh_url: "http://localhost:3000/r", return_url: "http://localhost:3000/c" });
    const done = await fetch(`${link.url}/complete`, { method: "POST", redirect: "manual" });
    if (done.status !== 302 && done.status !== 303) throw new Error(`onboarding of ${account.id} failed: ${done.status}`);
  }
  return makePayee({ id: opts.id, connectId: account.id, payoutsEnabled: true });
}

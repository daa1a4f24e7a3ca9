// Reconciliation on a month made the real way: subscriptions bought and paid through the Stripe
// fake (the webhook records the revenue), statements finalized, transfers made. Clean, it matches to
// the cent; with a revenue row missing or an extra transfer, it names the difference and its cause.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { getSqlPool } from "~/server/sql-pool";
import { payStatement } from "~/server/services/payout/pay-statement";
import { finalizeStatements } from "~/server/services/statement/finalize-statements";
import { createCheckoutSession } from "~/server/services/subscription/create-checkout-session";
import { makeOrg, makePack } from "~/test/factories";
import { contribute, makeConnectedSeller, month } from "~/test/payouts";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { reconcileMonth } from "./reconcile-month";

let s: TestStripe;
beforeAll(async () => {
  s = await startTestStripe();
});
afterAll(() => s?.stop());
beforeEach(() => s.fake.reset());

// Two buyers pay for November (Pro 199.00 and Standard 49.00 of one pack, 50% to contributors);
// two connected sellers contributed 3:1; November is finalized and paid.
async function paidNovember() {
  const db = getDb();
  const pack = await makePack();
  for (const [name, tier] of [["Buyer One", "pro"], ["Buyer Two", "standard"]] as const) {
    const buyer = await makeOrg({ name });
    const session = await createCheckoutSession(db, s.stripe, { packId: pack.id, tier, orgId: buyer.id, orgName: buyer.name, userEmail: `owner@${buyer.slug}.example`, appUrl: "http://localhost:3000" });
    await s.fake.pay(session.id, { at: new Date("2026-11-10T12:00:00Z") });
  }
  await s.fake.flushDeliveries();
  const a = await makeConnectedSeller(s.stripe);
  const b = await makeConnectedSeller(s.stripe);
  await contribute(a.id, pack.id, "2026-11", 3);
  await contribute(b.id, pack.id, "2026-11", 1);
  const summary = await finalizeStatements(db, month("2026-11"));
  for (const st of summary.toPay) await payStatement(getSqlPool(), s.stripe, { statementId: st.statementId });
  return { pack, a, b };
}

describe("reconcileMonth", () => {
  it("matches a month made through Stripe to the cent", async () => {
    await paidNovember();
    const report = await reconcileMonth(getDb(), month("2026-11"), { stripe: s.stripe });
    expect(report.differences).toEqual([]);
    expect(report).toMatchObject({
      ok: true,
      stripeApi: "reachable",
      // 19,900 + 4,900 = 24,800 paid; pool 12,400 split 3:1 = 9,300 and 3,100, both paid.
      totals: { stripeInvoicesCents: 24_800, stripeRefundsCents: 0, revenueCents: 24_800, poolGrossCents: 24_800, poolCents: 12_400, shareLinesCents: 12_400, statementsCents: 12_400, payoutsPaidCents: 12_400, transfersNetCents: 12_400 },
    });
    // Without Stripe's API, the stored events alone agree too.
    expect((await reconcileMonth(getDb(), month("2026-11"), { stripe: null })).differences).toEqual([]);
  });

  it("finds an injected missing revenue row and names the invoice", async () => {
    await paidNovember();
    const row = await getDb().revenue.findFirstOrThrow({ where: { amountCents: 4_900 } });
    await getDb().revenue.delete({ where: { id: row.id } });
    const report = await reconcileMonth(getDb(), month("2026-11"), { stripe: s.stripe });
    expect(report.ok).toBe(false);
    expect(report.differences).toContainEqual(
      expect.objectContaining({ check: "stripe ↔ revenue", subject: `invoice ${row.stripeObjectId}`, expectedCents: 4_900, actualCents: 0, differenceCents: -4_900, cause: expect.stringContaining("no revenue row") }),
    );
    // The finalized pool still counts it: that link is named too.
    expect(report.differences).toContainEqual(expect.objectContaining({ check: "revenue ↔ pools", expectedCents: 19_900, actualCents: 24_800 }));
  });

  it("finds an injected extra transfer under a payout key (an org paid twice)", async () => {
    const { a } = await paidNovember();
    const billing = await getDb().orgBillingProfile.findUniqueOrThrow({ where: { orgId: a.id } });
    const key = `payout:${a.id}:2026-11`;
    const extra = await s.stripe.transfers.create({ amount: 9_300, currency: "usd", destination: billing.stripeConnectId!, transfer_group: key, metadata: { payout_key: key, month: "2026-11" } });
    const report = await reconcileMonth(getDb(), month("2026-11"), { stripe: s.stripe });
    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([
      expect.objectContaining({ check: "payouts ↔ transfers", subject: `transfer ${extra.id} (${key})`, expectedCents: 0, actualCents: 9_300, cause: expect.stringContaining("paid twice") }),
    ]);
    expect(report.totals.transfersNetCents - report.totals.payoutsPaidCents).toBe(9_300);
  });
});

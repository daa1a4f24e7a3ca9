// POST /api/webhooks/stripe-connect: events of sellers' connected accounts, verified with the
// Connect endpoint's own secret, stored by id, and account.updated converging the org's flags on
// what Stripe says now, whatever order the events arrive in.
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEV_STRIPE_CONNECT_WEBHOOK_SECRET, DEV_STRIPE_WEBHOOK_SECRET } from "~/env";
import { getDb } from "~/server/db";
import { createConnectLink } from "~/server/services/connect/create-connect-link";
import { makeOrg, uid } from "~/test/factories";
import { startTestStripe, type TestStripe } from "~/test/stripe";

let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
});
afterEach(() => world.fake.setDelivery({ paused: false }));
afterAll(() => world?.stop());

const signer = new Stripe("sk_test_signing_only");

function accountUpdated(account: Stripe.Account, opts: { id?: string; created?: number } = {}) {
  return JSON.stringify({
    id: opts.id ?? `evt_${uid()}`,
    object: "event",
    type: "account.updated",
    account: account.id,
    api_version: "2026-10-28.endive",
    created: opts.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: account, previous_attributes: {} },
  });
}

const sign = (payload: string, secret = DEV_STRIPE_CONNECT_WEBHOOK_SECRET) => signer.webhooks.generateTestHeaderString({ payload, secret });

async function post(payload: string, signature?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["stripe-signature"] = signature;
  const res = await fetch(world.connectWebhookUrl, { method: "POST", headers, body: payload });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

// A seller org with an Express account that has not onboarded; Connect events held back so each
// test decides what the webhook receives.
async function sellerWithAccount() {
  world.fake.setDelivery({ paused: true });
  const org = await makeOrg();
  const { accountId } = await createConnectLink(getDb(), world.stripe, { orgId: org.id, appUrl: "http://localhost:3000" });
  return { orgId: org.id, accountId };
}

const flagsOf = async (orgId: string) =>
  getDb().orgBillingProfile.findUniqueOrThrow({ where: { orgId }, select: { connectDetailsSubmitted: true, connectPayoutsEnabled: true } });

describe("POST /api/webhooks/stripe-connect", () => {
  it("refuses a missing, wrong, platform-secret or tampered signature with 400, storing and changing nothing", async () => {
    const { orgId, accountId } = await sellerWithAccount();
    await world.fake.completeOnboarding(accountId);
    const account = await world.stripe.accounts.retrieve(accountId);
    const payload = accountUpdated(account, { id: "evt_connect_bad_sig" });
    for (const [body, signature] of [
      [payload, undefined],
      [payload, "t=1,v1=deadbeef"],
      [payload, sign(payload, "whsec_wrong")],
      // Signed for the platform endpoint: not valid here.
      [payload, sign(payload, DEV_STRIPE_WEBHOOK_SECRET)],
      [payload.replace('"livemode":false', '"livemode":true'), sign(payload)],
    ] as const) {
      const res = await post(body, signature);
      expect(res).toEqual({ status: 400, body: { error: { code: "invalid_request", message: "Missing or invalid Stripe-Signature header." } } });
    }
    expect(await getDb().stripeEvent.count()).toBe(0);
    expect(await flagsOf(orgId)).toEqual({ connectDetailsSubmitted: false, connectPayoutsEnabled: false });
  });

  it("records payouts enabled from a verified account.updated, once: a duplicate is acknowledged and ignored", async () => {
    const { orgId, accountId } = await sellerWithAccount();
    await world.fake.completeOnboarding(accountId);
    const payload = accountUpdated(await world.stripe.accounts.retrieve(accountId), { id: "evt_connect_good" });
    expect(await post(payload, sign(payload))).toEqual({ status: 200, body: { received: true, result: "processed" } });
    expect(await flagsOf(orgId)).toEqual({ connectDetailsSubmitted: true, connectPayoutsEnabled: true });
    const stored = await getDb().stripeEvent.findUniqueOrThrow({ where: { id: "evt_connect_good" } });
    expect(stored).toMatchObject({ type: "account.updated", account: accountId, status: "processed", error: null });

    expect(await post(payload, sign(payload))).toEqual({ status: 200, body: { received: true, result: "duplicate" } });
    expect(await getDb().stripeEvent.count()).toBe(1);
  });

  it("converges on Stripe's current state whatever order the events come in, one after another or at once", async () => {
    const { orgId, accountId } = await sellerWithAccount();
    const before = await world.stripe.accounts.retrieve(accountId);
    await world.fake.completeOnboarding(accountId);
    const after = await world.stripe.accounts.retrieve(accountId);
    const older = accountUpdated(before, { created: Math.floor(Date.now() / 1000) - 60 });
    const newer = accountUpdated(after);
    // The newer one first, then the stale one, whose payload says payouts are off.
    expect((await post(newer, sign(newer))).body.result).toBe("processed");
    expect((await post(older, sign(older))).body.result).toBe("processed");
    expect(await flagsOf(orgId)).toEqual({ connectDetailsSubmitted: true, connectPayoutsEnabled: true });

    // Both at once, for another seller.
    const second = await sellerWithAccount();
    const stale = accountUpdated(await world.stripe.accounts.retrieve(second.accountId));
    await world.fake.completeOnboarding(second.accountId);
    const fresh = accountUpdated(await world.stripe.accounts.retrieve(second.accountId));
    const results = await Promise.all([post(fresh, sign(fresh)), post(stale, sign(stale)), post(fresh, sign(fresh))]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.body.result).sort()).toEqual(["duplicate", "processed", "processed"]);
    expect(await flagsOf(second.orgId)).toEqual({ connectDetailsSubmitted: true, connectPayoutsEnabled: true });
  });

  it("writes what Stripe says now, not what a late event's payload said, even over a stale row", async () => {
    const { orgId, accountId } = await sellerWithAccount();
    await world.fake.completeOnboarding(accountId);
    const enabled = accountUpdated(await world.stripe.accounts.retrieve(accountId));
    await post(enabled, sign(enabled));
    expect((await flagsOf(orgId)).connectPayoutsEnabled).toBe(true);
    // An old "enabled" event delivered late must not undo what Stripe says now either.
    await getDb().orgBillingProfile.update({ where: { orgId }, data: { connectPayoutsEnabled: false } });
    const late = accountUpdated(await world.stripe.accounts.retrieve(accountId), { created: 1 });
    await post(late, sign(late));
    expect((await flagsOf(orgId)).connectPayoutsEnabled).toBe(true);
  });

  it("ignores, with the reason, an account that is not one of ours and an event type it does not handle", async () => {
    world.fake.setDelivery({ paused: true });
    const stranger = await world.stripe.accounts.create({ type: "express" });
    const payload = accountUpdated(stranger, { id: "evt_connect_stranger" });
    expect((await post(payload, sign(payload))).body).toEqual({ received: true, result: "ignored" });
    expect(await getDb().stripeEvent.findUniqueOrThrow({ where: { id: "evt_connect_stranger" } })).toMatchObject({
      status: "ignored",
      error: "No org of ours has this connected account.",
    });
    const other = payload.replace('"account.updated"', '"payout.paid"').replace("evt_connect_stranger", "evt_connect_payout");
    expect((await post(other, sign(other))).body).toEqual({ received: true, result: "ignored" });
  });

  it("settles an event about an account Stripe no longer has as failed", async () => {
    const { accountId } = await sellerWithAccount();
    const payload = accountUpdated(await world.stripe.accounts.retrieve(accountId), { id: "evt_connect_gone" });
    world.fake.reset();
    expect((await post(payload, sign(payload))).body).toEqual({ received: true, result: "failed" });
    expect((await getDb().stripeEvent.findUniqueOrThrow({ where: { id: "evt_connect_gone" } })).status).toBe("failed");
  });

  it("receives the fake's own account.updated when a seller completes onboarding", async () => {
    const { orgId, accountId } = await sellerWithAccount();
    world.fake.setDelivery({ paused: false });
    const link = await world.stripe.accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      refresh_url: "http://localhost:3000/refresh",
      return_url: "http://localhost:3000/callback",
    });
    await fetch(`${link.url}/complete`, { method: "POST", redirect: "manual" });
    await world.fake.flushDeliveries();
    expect(await flagsOf(orgId)).toEqual({ connectDetailsSubmitted: true, connectPayoutsEnabled: true });
    const events = await getDb().stripeEvent.findMany({ where: { account: accountId }, select: { type: true, status: true } });
    expect(events).toEqual([{ type: "account.updated", status: "processed" }]);
  });
});

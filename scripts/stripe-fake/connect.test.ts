import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.fake.reset());

async function onboardedAccount() {
  const account = await h.stripe.accounts.create({
    type: "express",
    email: "seller@acme.test",
    capabilities: { transfers: { requested: true } },
    metadata: { orgId: "org_seller" },
  });
  const link = await h.stripe.accountLinks.create({
    account: account.id,
    type: "account_onboarding",
    refresh_url: "http://localhost:3000/refresh",
    return_url: "http://localhost:3000/app/marketplace/payouts/connect/callback",
  });
  const done = await fetch(`${link.url}/complete`, { method: "POST", redirect: "manual" });
  return { account, link, done };
}

describe("Connect", () => {
  it("creates an Express account that cannot receive payouts yet", async () => {
    const account = await h.stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
    expect(account).toMatchObject({
      object: "account",
      type: "express",
      details_submitted: false,
      payouts_enabled: false,
      charges_enabled: false,
      capabilities: { transfers: "inactive" },
    });
    expect(account.id).toMatch(/^acct_/);
    expect(account.requirements?.currently_due).toContain("external_account");
    await expect(h.stripe.accounts.create({ type: "standard" })).rejects.toMatchObject({ statusCode: 400, param: "type" });
  });

  it("onboards through the account link and tells the Connect webhook", async () => {
    const account = await h.stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
    const link = await h.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "http://localhost:3000/refresh",
      return_url: "http://localhost:3000/callback",
    });
    expect(link).toMatchObject({ object: "account_link", url: `${h.fake.url}/connect/onboard/${account.id}` });
    expect(link.expires_at).toBeGreaterThan(link.created);
    const html = await (await fetch(link.url)).text();
    expect(html).toMatch(/<button[^>]*>Complete onboarding<\/button>/);

    const done = await fetch(`${link.url}/complete`, { method: "POST", redirect: "manual" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("http://localhost:3000/callback");
    expect(await h.stripe.accounts.retrieve(account.id)).toMatchObject({
      details_submitted: true,
      payouts_enabled: true,
      capabilities: { transfers: "active" },
      requirements: { currently_due: [] },
    });

    await h.fake.flushDeliveries();
    const [event] = h.connect.events as [Stripe.AccountUpdatedEvent];
    expect(event).toMatchObject({
      type: "account.updated",
      account: account.id,
      data: { object: { id: account.id, payouts_enabled: true }, previous_attributes: { payouts_enabled: false } },
    });
    expect(h.platform.events.filter((e) => e.type === "account.updated")).toEqual([]);

    const again = await fetch(link.url);
    expect(again.status).toBe(410);
  });

  it("creates transfers only to accounts that can receive them, honouring idempotency keys", async () => {
    const pending = await h.stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
    await expect(h.stripe.transfers.create({ amount: 1000, currency: "usd", destination: pending.id })).rejects.toMatchObject({
      statusCode: 400,
      param: "destination",
    });

    const { account } = await onboardedAccount();
    const params = {
      amount: 12345,
      currency: "usd",
      destination: account.id,
      transfer_group: "statement_org_seller_2026-10",
      metadata: { statementId: "st_1" },
    };
    const first = await h.stripe.transfers.create(params, { idempotencyKey: "payout:org_seller:2026-10" });
    const again = await h.stripe.transfers.create(params, { idempotencyKey: "payout:org_seller:2026-10" });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({
      object: "transfer",
      amount: 12345,
      currency: "usd",
      destination: account.id,
      transfer_group: "statement_org_seller_2026-10",
      metadata: { statementId: "st_1" },
      reversed: false,
    });
    expect(first.id).toMatch(/^tr_/);
    await expect(h.stripe.transfers.create(
      { ...params, amount: 1 },
      { idempotencyKey: "payout:org_seller:2026-10" },
    )).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);

    expect((await h.stripe.transfers.retrieve(first.id)).amount).toBe(12345);
    expect((await h.stripe.transfers.list({ destination: account.id })).data.map((t) => t.id)).toEqual([first.id]);
    expect((await h.stripe.transfers.list({ transfer_group: "other" })).data).toEqual([]);
    expect(h.fake.events().filter((e) => e.type === "transfer.created")).toHaveLength(1);
  });

  it("sends an expired link to refresh_url", async () => {
    const account = await h.stripe.accounts.create({ type: "express" });
    await h.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "http://localhost:3000/refresh",
      return_url: "http://localhost:3000/callback",
    });
    const realNow = Date.now;
    Date.now = () => realNow() + 10 * 60_000;
    try {
      const res = await fetch(`${h.fake.url}/connect/onboard/${account.id}`, { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("http://localhost:3000/refresh");
    } finally {
      Date.now = realNow;
    }
  });
});

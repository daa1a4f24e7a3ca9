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

describe("transfers for payouts", () => {
  it("creates a transfer once per idempotency key, lists it by transfer_group, and a forgotten key makes a second one", async () => {
    const { account } = await onboardedAccount();
    const params = { amount: 2_500, currency: "usd", destination: account.id, transfer_group: "payout:org_1:2026-11", metadata: { payout_key: "payout:org_1:2026-11" } };
    const first = await h.stripe.transfers.create(params, { idempotencyKey: "payout:org_1:2026-11" });
    const again = await h.stripe.transfers.create(params, { idempotencyKey: "payout:org_1:2026-11" });
    expect(again.id).toBe(first.id);
    await h.stripe.transfers.create({ ...params, transfer_group: "payout:org_2:2026-11" }, { idempotencyKey: "other" });
    const listed = await h.stripe.transfers.list({ transfer_group: "payout:org_1:2026-11" });
    expect(listed.data.map((t) => t.id)).toEqual([first.id]);
    expect(listed.data[0]).toMatchObject({ amount: 2_500, destination: account.id, metadata: { payout_key: "payout:org_1:2026-11" }, reversed: false });

    // Stripe forgets keys after 24 hours: the same key then makes a new transfer (what the app guards against).
    h.fake.forgetIdempotencyKeys();
    const after = await h.stripe.transfers.create(params, { idempotencyKey: "payout:org_1:2026-11" });
    expect(after.id).not.toBe(first.id);
    expect((await h.stripe.transfers.list({ transfer_group: "payout:org_1:2026-11" })).data).toHaveLength(2);
  });

  it("reverses a transfer through the API and the control, and tells the platform endpoint", async () => {
    const { account } = await onboardedAccount();
    const transfer = await h.stripe.transfers.create({ amount: 1_000, currency: "usd", destination: account.id });
    const partial = await h.stripe.transfers.createReversal(transfer.id, { amount: 400 });
    expect(partial).toMatchObject({ object: "transfer_reversal", amount: 400, transfer: transfer.id });
    expect(await h.stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 400, reversed: false });
    await h.fake.reverseTransfer(transfer.id);
    expect(await h.stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 1_000, reversed: true });
    await expect(h.stripe.transfers.createReversal(transfer.id)).rejects.toMatchObject({ statusCode: 400, code: "transfer_already_reversed" });
    await h.fake.flushDeliveries();
    const reversed = h.platform.events.filter((e) => e.type === "transfer.reversed");
    expect(reversed.map((e) => (e.data.object as Stripe.Transfer).amount_reversed)).toEqual([400, 1_000]);
    expect(h.connect.events.filter((e) => e.type === "transfer.reversed")).toEqual([]);
  });
});

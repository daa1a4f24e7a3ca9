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
    expect(link).toMatchObject({ object: "account_link" });
    expect(link.url).toMatch(new RegExp(`^${h.fake.url}/connect/onboard/${account.id}/\\w{24}$`));
    expect(link.expires_at - link.created).toBe(300);
    const html = await (await fetch(link.url)).text();
    expect(html).toMatch(/<button[^>]*>Complete onboarding<\/button>/);

    const done = await fetch(`${link.url}/complete`, { method: "POST", redirect: "manual" });
    expect(done.status).toBe(303);
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

    // Used: like Stripe, a link works once, and the user is sent to make a new one.
    const again = await fetch(link.url, { redirect: "manual" });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("http://localhost:3000/refresh");
    const completeAgain = await fetch(`${link.url}/complete`, { method: "POST", redirect: "manual" });
    expect(completeAgain.headers.get("location")).toBe("http://localhost:3000/refresh");
  });

  it("sends a second visit of a link to refresh_url, and a new link works", async () => {
    const account = await h.stripe.accounts.create({ type: "express" });
    const urls = { refresh_url: "http://localhost:3000/refresh", return_url: "http://localhost:3000/callback" };
    const first = await h.stripe.accountLinks.create({ account: account.id, type: "account_onboarding", ...urls });
    expect((await fetch(first.url, { redirect: "manual" })).status).toBe(200);
    const reload = await fetch(first.url, { redirect: "manual" });
    expect(reload.status).toBe(302);
    expect(reload.headers.get("location")).toBe("http://localhost:3000/refresh");

    const second = await h.stripe.accountLinks.create({ account: account.id, type: "account_onboarding", ...urls });
    expect(second.url).not.toBe(first.url);
    // Viewed, then completed: the form on a viewed page still works.
    expect((await fetch(second.url)).status).toBe(200);
    const done = await fetch(`${second.url}/complete`, { method: "POST", redirect: "manual" });
    expect(done.headers.get("location")).toBe("http://localhost:3000/callback");
    expect((await h.stripe.accounts.retrieve(account.id)).payouts_enabled).toBe(true);

    expect((await fetch(`${h.fake.url}/connect/onboard/${account.id}/nosuchtoken`)).status).toBe(404);
    const other = await h.stripe.accounts.create({ type: "express" });
    expect((await fetch(second.url.replace(account.id, other.id))).status).toBe(404);
  });

  it("expires links on request, and completes onboarding from the controls", async () => {
    const account = await h.stripe.accounts.create({ type: "express", capabilities: { transfers: { requested: true } } });
    const link = await h.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "http://localhost:3000/refresh",
      return_url: "http://localhost:3000/callback",
    });
    const expire = await fetch(`${h.fake.url}/_fake/accounts/${account.id}/expire-links`, { method: "POST" });
    expect(expire.status).toBe(200);
    const res = await fetch(link.url, { redirect: "manual" });
    expect(res.headers.get("location")).toBe("http://localhost:3000/refresh");

    await h.fake.completeOnboarding(account.id);
    expect(await h.stripe.accounts.retrieve(account.id)).toMatchObject({ details_submitted: true, payouts_enabled: true, charges_enabled: true });
    await h.fake.flushDeliveries();
    expect(h.connect.events.filter((e) => e.account === account.id).map((e) => e.type)).toEqual(["account.updated"]);
  });

  it("makes Express dashboard login links only for onboarded accounts", async () => {
    const pending = await h.stripe.accounts.create({ type: "express" });
    await expect(h.stripe.accounts.createLoginLink(pending.id)).rejects.toMatchObject({ statusCode: 400 });
    const { account } = await onboardedAccount();
    const login = await h.stripe.accounts.createLoginLink(account.id);
    expect(login).toMatchObject({ object: "login_link", url: `${h.fake.url}/connect/express/${account.id}` });
    const html = await (await fetch(login.url)).text();
    expect(html).toContain(account.id);
    expect(html).toContain("No transfers yet.");
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
    const link = await h.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "http://localhost:3000/refresh",
      return_url: "http://localhost:3000/callback",
    });
    const realNow = Date.now;
    Date.now = () => realNow() + 10 * 60_000;
    try {
      const res = await fetch(link.url, { redirect: "manual" });
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

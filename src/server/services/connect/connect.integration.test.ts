// Connect for sellers through the REST doors programs use (the pages call the same procedures):
// the onboarding link (one account per org, whatever the clicks), the callback that records what
// Stripe says, and the dashboard link.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ACTIVE_ORG_HEADER } from "~/lib/active-org";
import { getDb } from "~/server/db";
import { addMember, makeUser, makeUserInOrg } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { startTestStripe, type TestStripe } from "~/test/stripe";

let rest: Awaited<ReturnType<typeof startRestServer>>;
let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
  rest = await startRestServer();
});
afterEach(() => world.fake.setDelivery({ paused: false }));
afterAll(async () => {
  await rest?.close();
  await world?.stop();
});

type Json = Record<string, unknown>;

async function call(method: "GET" | "POST", path: string, headers: Record<string, string>) {
  const res = await fetch(`${rest.url}/v1${path}`, {
    method,
    headers: { ...headers, ...(method === "POST" && { "content-type": "application/json" }) },
    body: method === "POST" ? "{}" : undefined,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function seller(role: "owner" | "admin" | "member" = "owner") {
  const { user, org } = await makeUserInOrg("owner");
  let actor = user;
  if (role !== "owner") {
    actor = await makeUser();
    await addMember(actor.id, org.id, role);
  }
  return { org, headers: { cookie: await sessionCookie(actor), [ACTIVE_ORG_HEADER]: org.id } };
}

const accountsOf = async (orgId: string) =>
  (await world.stripe.accounts.list({ limit: 100 })).data.filter((a) => a.metadata?.orgId === orgId);

const profileOf = (orgId: string) =>
  getDb().orgBillingProfile.findUnique({
    where: { orgId },
    select: { stripeConnectId: true, connectDetailsSubmitted: true, connectPayoutsEnabled: true },
  });

describe("POST /v1/marketplace/payouts/connect-link", () => {
  it("creates the org's Express account once, stores it, and returns a fresh onboarding link each time", async () => {
    const { org, headers } = await seller("admin");
    const first = await call("POST", "/marketplace/payouts/connect-link", headers);
    expect(first.status).toBe(200);
    expect(first.body.accountId).toMatch(/^acct_/);
    expect(String(first.body.url)).toMatch(new RegExp(`^${world.fake.url}/connect/onboard/${String(first.body.accountId)}/`));
    expect(new Date(String(first.body.expiresAt)).getTime()).toBeGreaterThan(Date.now());
    expect(await profileOf(org.id)).toEqual({ stripeConnectId: first.body.accountId, connectDetailsSubmitted: false, connectPayoutsEnabled: false });
    const [account] = await accountsOf(org.id);
    expect(account).toMatchObject({ id: first.body.accountId, type: "express", capabilities: { transfers: "inactive" } });

    const second = await call("POST", "/marketplace/payouts/connect-link", headers);
    expect(second.status).toBe(200);
    expect(second.body.accountId).toBe(first.body.accountId);
    expect(second.body.url).not.toBe(first.body.url);
    expect(await accountsOf(org.id)).toHaveLength(1);
  });

  it("sends the seller back to the org's callback, and an expired link to the org's refresh page", async () => {
    const { org, headers } = await seller();
    const { body } = await call("POST", "/marketplace/payouts/connect-link", headers);
    await world.fake.expireAccountLinks(String(body.accountId));
    const expired = await fetch(String(body.url), { redirect: "manual" });
    expect(expired.status).toBe(302);
    expect(expired.headers.get("location")).toBe(`http://localhost:3000/app/marketplace/payouts/connect/refresh?org=${org.id}`);

    const fresh = await call("POST", "/marketplace/payouts/connect-link", headers);
    const done = await fetch(`${String(fresh.body.url)}/complete`, { method: "POST", redirect: "manual" });
    expect(done.headers.get("location")).toBe(`http://localhost:3000/app/marketplace/payouts/connect/callback?org=${org.id}`);
  });

  it("creates one account when many clicks arrive at once", async () => {
    const { org, headers } = await seller();
    const answers = await Promise.all(Array.from({ length: 8 }, () => call("POST", "/marketplace/payouts/connect-link", headers)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const ids = new Set(answers.map((a) => a.body.accountId));
    expect(ids.size).toBe(1);
    const accounts = await accountsOf(org.id);
    expect(accounts.map((a) => a.id)).toEqual([...ids]);
    expect((await profileOf(org.id))?.stripeConnectId).toBe(accounts[0]!.id);
  });

  it("refuses a member with 403 and creates nothing", async () => {
    const { org, headers } = await seller("member");
    const res = await call("POST", "/marketplace/payouts/connect-link", headers);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: "forbidden", message: expect.stringContaining("Only admins and owners") } });
    expect(await accountsOf(org.id)).toEqual([]);
    expect(await profileOf(org.id)).toBeNull();
  });

  it("replaces an account Stripe no longer has", async () => {
    const { org, headers } = await seller();
    const first = await call("POST", "/marketplace/payouts/connect-link", headers);
    world.fake.reset();
    const second = await call("POST", "/marketplace/payouts/connect-link", headers);
    expect(second.status).toBe(200);
    expect(second.body.accountId).not.toBe(first.body.accountId);
    expect((await profileOf(org.id))?.stripeConnectId).toBe(second.body.accountId);
  });
});

describe("GET /v1/marketplace/payouts/connect/callback", () => {
  it("records what Stripe says: incomplete until onboarding is done, then payouts enabled", async () => {
    const { org, headers } = await seller();
    // Only the callback may record the change here: the webhook gets nothing.
    world.fake.setDelivery({ paused: true });
    const link = await call("POST", "/marketplace/payouts/connect-link", headers);
    const accountId = String(link.body.accountId);

    const early = await call("GET", "/marketplace/payouts/connect/callback", headers);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ state: "onboarding_incomplete", accountId, detailsSubmitted: false, payoutsEnabled: false });
    expect(early.body.requirementsDue).toContain("external_account");

    await world.fake.completeOnboarding(accountId);
    expect((await profileOf(org.id))?.connectPayoutsEnabled).toBe(false);
    const done = await call("GET", "/marketplace/payouts/connect/callback", headers);
    expect(done.body).toEqual({ state: "payouts_enabled", accountId, detailsSubmitted: true, payoutsEnabled: true, requirementsDue: [] });
    expect(await profileOf(org.id)).toEqual({ stripeConnectId: accountId, connectDetailsSubmitted: true, connectPayoutsEnabled: true });

    const status = await call("GET", "/marketplace/payouts/connect", headers);
    expect(status.body).toEqual({ state: "payouts_enabled", accountId, detailsSubmitted: true, payoutsEnabled: true });
  });

  it("says not connected for an org without an account, and refuses a member", async () => {
    const { headers } = await seller();
    const res = await call("GET", "/marketplace/payouts/connect/callback", headers);
    expect(res.body).toEqual({ state: "not_connected", accountId: null, detailsSubmitted: false, payoutsEnabled: false, requirementsDue: [] });
    const member = await seller("member");
    expect((await call("GET", "/marketplace/payouts/connect/callback", member.headers)).status).toBe(403);
    // A member still sees where the org stands.
    const status = await call("GET", "/marketplace/payouts/connect", member.headers);
    expect(status).toEqual({ status: 200, body: { state: "not_connected", accountId: null, detailsSubmitted: false, payoutsEnabled: false } });
  });

  it("forgets an account Stripe no longer has", async () => {
    const { org, headers } = await seller();
    await call("POST", "/marketplace/payouts/connect-link", headers);
    world.fake.reset();
    const res = await call("GET", "/marketplace/payouts/connect/callback", headers);
    expect(res.body).toMatchObject({ state: "not_connected", accountId: null });
    expect((await profileOf(org.id))?.stripeConnectId).toBeNull();
  });
});

describe("POST /v1/marketplace/payouts/connect/dashboard-link", () => {
  it("opens the Express dashboard once onboarding is done, not before", async () => {
    const { headers } = await seller();
    const none = await call("POST", "/marketplace/payouts/connect/dashboard-link", headers);
    expect(none).toEqual({ status: 400, body: { error: { code: "invalid_request", message: "Connect a Stripe account first." } } });
    const link = await call("POST", "/marketplace/payouts/connect-link", headers);
    expect((await call("POST", "/marketplace/payouts/connect/dashboard-link", headers)).status).toBe(400);
    await world.fake.completeOnboarding(String(link.body.accountId));
    await call("GET", "/marketplace/payouts/connect/callback", headers);
    const dashboard = await call("POST", "/marketplace/payouts/connect/dashboard-link", headers);
    expect(dashboard).toEqual({ status: 200, body: { url: `${world.fake.url}/connect/express/${String(link.body.accountId)}` } });
  });
});

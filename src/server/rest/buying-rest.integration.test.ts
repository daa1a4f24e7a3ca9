import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePack, makeUserInOrg } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { startTestStripe, type TestStripe } from "~/test/stripe";

let server: Awaited<ReturnType<typeof startRestServer>>;
let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
  server = await startRestServer();
});
afterAll(async () => {
  await server?.close();
  await world?.stop();
});

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function signedIn() {
  const { user, org } = await makeUserInOrg();
  return { user, org, cookie: await sessionCookie(user) };
}

const json = (cookie: string, body: string) => ({
  method: "POST",
  headers: { cookie, "content-type": "application/json" },
  body,
});

describe("REST buying routes", () => {
  it("POST /v1/marketplace/packs/{packId}/checkout-session returns a Checkout URL", async () => {
    const { cookie } = await signedIn();
    const pack = await makePack();
    const res = await call(`/v1/marketplace/packs/${pack.id}/checkout-session`, json(cookie, JSON.stringify({ tier: "pro" })));
    expect(res.status).toBe(200);
    expect(res.body.id).toMatch(/^cs_test_/);
    expect(String(res.body.url)).toContain(world.fake.url);
  });

  it("answers a bad tier, a malformed body and a missing body with 400 invalid_request", async () => {
    const { cookie } = await signedIn();
    const pack = await makePack();
    const path = `/v1/marketplace/packs/${pack.id}/checkout-session`;
    const badTier = await call(path, json(cookie, JSON.stringify({ tier: "platinum" })));
    expect(badTier.status).toBe(400);
    expect(badTier.body).toMatchObject({ error: { code: "invalid_request", issues: [{ path: "tier" }] } });
    const malformed = await call(path, json(cookie, "{not json"));
    expect(malformed.status).toBe(400);
    expect((malformed.body.error as { code: string }).code).toBe("invalid_request");
    const noType = await call(path, { method: "POST", headers: { cookie }, body: "tier=pro" });
    expect(noType.status).toBe(400);
    expect((noType.body.error as { code: string }).code).toBe("invalid_request");
  });

  it("answers an unknown pack with invalid_request and no session with 401", async () => {
    const { cookie } = await signedIn();
    const unknown = await call(`/v1/marketplace/packs/nope/checkout-session`, json(cookie, JSON.stringify({ tier: "pro" })));
    expect(unknown.status).toBe(400);
    expect((unknown.body.error as { message: string }).message).toContain("no pro tier");
    const anonymous = await call(`/v1/marketplace/packs/nope/checkout-session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tier: "pro" }),
    });
    expect(anonymous.status).toBe(401);
  });

  it("GET /v1/marketplace/my-packs lists the org's subscriptions", async () => {
    const { cookie } = await signedIn();
    const res = await call("/v1/marketplace/my-packs", { headers: { cookie } });
    expect(res).toEqual({ status: 200, body: { packs: [], totals: { rowsUsed: 0, rowQuota: 0 } } });
    expect((await call("/v1/marketplace/my-packs")).status).toBe(401);
  });
});

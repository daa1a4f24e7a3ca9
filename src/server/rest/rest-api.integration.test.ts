import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePack, makeUserInOrg, makeOrg } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";

let server: Awaited<ReturnType<typeof startRestServer>>;
beforeAll(async () => {
  server = await startRestServer();
});
afterAll(() => server.close());

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("REST /v1", () => {
  it("lists and filters packs", async () => {
    await makePack({ title: "Ride Hailing Trips", category: "Mobility" });
    await makePack({ title: "Pharmacy Orders", category: "Health" });
    const all = await call("/v1/packs");
    expect(all.status).toBe(200);
    expect((all.body.packs as unknown[]).length).toBe(2);
    const health = await call("/v1/packs?category=Health&search=pharmacy");
    expect((health.body.packs as Array<{ title: string }>).map((p) => p.title)).toEqual(["Pharmacy Orders"]);
  });

  it("returns a pack by slug and not_found for an unknown slug", async () => {
    const pack = await makePack({ title: "Energy Meters" });
    const found = await call(`/v1/packs/${pack.slug}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ slug: pack.slug, title: "Energy Meters" });
    expect(found.body).not.toHaveProperty("optIns");
    const missing = await call("/v1/packs/nope-nope");
    expect(missing).toEqual({ status: 404, body: { error: { code: "not_found", message: 'No pack with slug "nope-nope".' } } });
  });

  it("answers malformed query parameters with invalid_request naming the field", async () => {
    const res = await call(`/v1/packs?search=${"x".repeat(101)}`);
    expect(res.status).toBe(400);
    const error = (res.body as { error: { code: string; message: string; issues: Array<{ path: string }> } }).error;
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain("search");
    expect(error.issues[0]?.path).toBe("search");
  });

  it("answers unknown routes with not_found in the same format", async () => {
    const res = await call("/v1/nothing/here");
    expect(res.status).toBe(404);
    expect((res.body as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("answers protected routes without a session with 401 unauthorized", async () => {
    const res = await call("/v1/orgs");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });
  });

  it("serves a signed-in user's orgs and hides other orgs as not_found", async () => {
    const { user, org } = await makeUserInOrg();
    const foreign = await makeOrg();
    const cookie = await sessionCookie(user);
    const mine = await call("/v1/orgs", { headers: { cookie } });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([{ id: org.id, name: org.name, slug: org.slug, role: "owner" }]);
    const other = await call("/v1/orgs/active", { headers: { cookie, "x-pm-org": foreign.id } });
    expect(other.status).toBe(404);
    expect((other.body as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("never falls back to the first org when the header or cookie names something else", async () => {
    const { user } = await makeUserInOrg();
    const cookie = await sessionCookie(user);
    for (const headers of <Array<Record<string, string>>>[
      { cookie, "x-pm-org": "x".repeat(65) },
      { cookie, "x-pm-org": "y".repeat(4000) },
      { cookie: `${cookie}; pm_org=${"z".repeat(200)}` },
      { cookie: `${cookie}; pm_org=%00` },
    ]) {
      const res = await call("/v1/orgs/active", { headers });
      expect(res.status).toBe(404);
      expect((res.body as { error: { code: string } }).error.code).toBe("not_found");
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { hashApiKey } from "~/server/services/api-key/api-key-secret";
import { authenticateApiKey } from "~/server/services/api-key/authenticate-api-key";
import { addMember, callerFor, makeUser, makeUserInOrg, sessionFor } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";

async function orgWithRoles() {
  const { user: owner, org } = await makeUserInOrg("owner");
  const admin = await makeUser();
  const member = await makeUser({ name: "Mia Member" });
  await addMember(admin.id, org.id, "admin");
  await addMember(member.id, org.id, "member");
  const as = (user: { id: string; email: string }) => callerFor(sessionFor(user), org.id).apiKey;
  return { org, owner, admin, member, as };
}

describe("apiKey procedures", () => {
  it("let an admin create a key that the list then shows without its secret or hash", async () => {
    const { admin, member, as } = await orgWithRoles();
    const created = await as(admin).create({ label: "  Nightly export  " });
    expect(created).toMatchObject({ label: "Nightly export", prefix: created.secret.slice(0, 12), createdBy: { email: admin.email } });

    const listed = await as(member).list();
    expect(listed.keys).toEqual([
      { id: created.id, label: "Nightly export", scope: "read", prefix: created.prefix, createdAt: created.createdAt, lastUsedAt: null, createdBy: created.createdBy },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(12));
    expect(JSON.stringify(listed)).not.toContain(hashApiKey(created.secret));
  });

  it("let an admin choose the scope: read by default, ingest for a seller's program, nothing else", async () => {
    const { admin, as } = await orgWithRoles();
    const ingest = await as(admin).create({ label: "Session sender", scope: "ingest" });
    expect(ingest.scope).toBe("ingest");
    expect((await authenticateApiKey(getDb(), ingest.secret))?.scope).toBe("ingest");
    await expect(as(admin).create({ label: "Bad", scope: "admin" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await as(admin).list()).keys.map((k) => [k.label, k.scope])).toEqual([["Session sender", "ingest"]]);
  });

  it("refuse a member creating or revoking, with the reason", async () => {
    const { owner, member, as } = await orgWithRoles();
    const key = await as(owner).create({ label: "CI" });
    await expect(as(member).create({ label: "Mine" })).rejects.toMatchObject({ appCode: "forbidden", message: expect.stringContaining("admins and owners") });
    await expect(as(member).revoke({ keyId: key.id })).rejects.toMatchObject({ appCode: "forbidden" });
    expect((await as(member).list()).keys.map((k) => k.label)).toEqual(["CI"]);
    expect(await authenticateApiKey(getDb(), key.secret)).not.toBeNull();
  });

  it("revoke a key so that it fails at once and leaves the list", async () => {
    const { admin, owner, as } = await orgWithRoles();
    const key = await as(owner).create({ label: "CI" });
    const revoked = await as(admin).revoke({ keyId: key.id });
    expect(revoked).toEqual({ id: key.id, revokedAt: expect.any(Date) });
    expect(await authenticateApiKey(getDb(), key.secret)).toBeNull();
    expect((await as(owner).list()).keys).toEqual([]);
    expect(await as(owner).revoke({ keyId: key.id })).toEqual(revoked);
  });

  it("answer not_found when an owner names another org's key", async () => {
    const a = await orgWithRoles();
    const b = await orgWithRoles();
    const key = await a.as(a.owner).create({ label: "A's key" });
    await expect(b.as(b.owner).revoke({ keyId: key.id })).rejects.toMatchObject({ appCode: "not_found" });
    expect((await b.as(b.owner).list()).keys).toEqual([]);
    expect(await authenticateApiKey(getDb(), key.secret)).not.toBeNull();
  });

  it("refuse a blank or overlong label with invalid_request", async () => {
    const { owner, as } = await orgWithRoles();
    for (const label of ["", "   ", "x".repeat(101), "CI\u0000", "key \ud800"]) {
      await expect(as(owner).create({ label })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect((await as(owner).create({ label: "x".repeat(100) })).label).toHaveLength(100);
  });
});

describe("REST /v1/marketplace/api-keys", () => {
  let server: Awaited<ReturnType<typeof startRestServer>>;
  beforeAll(async () => {
    server = await startRestServer();
  });
  afterAll(() => server.close());

  async function call(path: string, cookie: string, init: { method?: string; body?: unknown } = {}) {
    const res = await fetch(`${server.url}/v1${path}`, {
      method: init.method ?? "GET",
      headers: { cookie, ...(init.body !== undefined && { "content-type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, text: await res.text() };
  }

  it("creates, lists and deletes a key; the full key is in the create answer only", async () => {
    const { owner, org } = await orgWithRoles();
    const cookie = await sessionCookie(owner);
    const created = await call("/marketplace/api-keys", cookie, { method: "POST", body: { label: "Warehouse sync" } });
    expect(created.status).toBe(200);
    const key = JSON.parse(created.text) as { id: string; secret: string; prefix: string; label: string };
    expect(key).toMatchObject({ label: "Warehouse sync", secret: expect.stringMatching(/^pm_live_/) });
    expect(await authenticateApiKey(getDb(), key.secret)).toEqual({ keyId: key.id, orgId: org.id, scope: "read" });

    const listed = await call("/marketplace/api-keys", cookie);
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.text)).toMatchObject({ keys: [{ id: key.id, prefix: key.prefix, label: "Warehouse sync", lastUsedAt: expect.any(String) }] });
    expect(listed.text).not.toContain(key.secret.slice(12));
    expect(listed.text).not.toContain(hashApiKey(key.secret));

    const deleted = await call(`/marketplace/api-keys/${key.id}`, cookie, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(JSON.parse(deleted.text)).toEqual({ id: key.id, revokedAt: expect.any(String) });
    expect(await authenticateApiKey(getDb(), key.secret)).toBeNull();
    expect(JSON.parse((await call("/marketplace/api-keys", cookie)).text)).toEqual({ keys: [] });
  });

  it("answers a member's create with 403 forbidden and an unknown key with 404 not_found", async () => {
    const { member, owner } = await orgWithRoles();
    const refused = await call("/marketplace/api-keys", await sessionCookie(member), { method: "POST", body: { label: "Mine" } });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "forbidden" } });
    const missing = await call("/marketplace/api-keys/no-such-key", await sessionCookie(owner), { method: "DELETE" });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual({ error: { code: "not_found", message: "No such API key." } });
  });

  it("answers a blank label with 400 invalid_request naming the field", async () => {
    const { owner } = await orgWithRoles();
    const res = await call("/marketplace/api-keys", await sessionCookie(owner), { method: "POST", body: { label: " " } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "invalid_request", issues: [{ path: "label", message: "Give the key a label" }] } });
  });
});

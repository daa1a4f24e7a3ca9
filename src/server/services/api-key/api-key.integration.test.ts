import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makeUser, makeUserInOrg } from "~/test/factories";
import { hashApiKey } from "./api-key-secret";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";

// Every row write to api_keys, counted by the database itself (this file's own database).
beforeAll(async () => {
  await getDb().$executeRawUnsafe(`CREATE TABLE test_api_key_writes (id serial PRIMARY KEY, key_id text NOT NULL)`);
  await getDb().$executeRawUnsafe(`
    CREATE FUNCTION test_count_api_key_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO test_api_key_writes (key_id) VALUES (NEW.id); RETURN NEW; END $$`);
  await getDb().$executeRawUnsafe(
    `CREATE TRIGGER test_count_api_key_write AFTER UPDATE ON api_keys FOR EACH ROW EXECUTE FUNCTION test_count_api_key_write()`,
  );
});

async function writesTo(keyId: string): Promise<number> {
  const rows = await getDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM test_api_key_writes WHERE key_id = $1`, keyId);
  return rows[0]!.n;
}

async function newKey(label = "Reporting job") {
  const { user, org } = await makeUserInOrg("owner");
  const created = await createApiKey(getDb(), { orgId: org.id, userId: user.id, label });
  return { user, org, created };
}

const at = (iso: string) => new Date(iso);

describe("createApiKey", () => {
  it("returns the full key once and stores only its SHA-256 and a short prefix", async () => {
    const { org, user, created } = await newKey();
    expect(created.secret).toMatch(/^pm_live_[0-9A-Za-z]{43}$/);
    expect(created).toMatchObject({ label: "Reporting job", prefix: created.secret.slice(0, 12), lastUsedAt: null });
    expect(created.createdBy).toEqual({ name: user.name, email: user.email });
    expect(created).not.toHaveProperty("hash");

    const rows = await getDb().$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM api_keys WHERE "orgId" = $1`, org.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ hash: hashApiKey(created.secret), prefix: created.secret.slice(0, 12), createdById: user.id });
    expect(JSON.stringify(rows)).not.toContain(created.secret);
    expect(JSON.stringify(rows)).not.toContain(created.secret.slice(12));
  });

  it("makes a read key unless asked for an ingest key, and says which in the list and to authentication", async () => {
    const { org, user, created } = await newKey("Reader");
    const ingest = await createApiKey(getDb(), { orgId: org.id, userId: user.id, label: "Sender", scope: "ingest" });
    expect(created.scope).toBe("read");
    expect(ingest.scope).toBe("ingest");
    const { keys } = await listApiKeys(getDb(), { orgId: org.id });
    expect(keys.map((k) => [k.label, k.scope])).toEqual([
      ["Sender", "ingest"],
      ["Reader", "read"],
    ]);
    expect(await authenticateApiKey(getDb(), ingest.secret)).toEqual({ keyId: ingest.id, orgId: org.id, scope: "ingest" });
  });

  it("makes a different key every time", async () => {
    const { org, user } = await makeUserInOrg();
    const secrets = new Set<string>();
    for (let i = 0; i < 5; i++) secrets.add((await createApiKey(getDb(), { orgId: org.id, userId: user.id, label: `k${i}` })).secret);
    expect(secrets.size).toBe(5);
  });
});

describe("listApiKeys", () => {
  it("lists the org's live keys, newest first, with their creator and never a hash or a key", async () => {
    const { org, user, created: first } = await newKey("First");
    const second = await createApiKey(getDb(), { orgId: org.id, userId: user.id, label: "Second" });
    const revoked = await createApiKey(getDb(), { orgId: org.id, userId: user.id, label: "Gone" });
    await revokeApiKey(getDb(), { orgId: org.id, keyId: revoked.id });
    await newKey("Another org's");

    const { keys } = await listApiKeys(getDb(), { orgId: org.id });
    expect(keys.map((k) => k.label)).toEqual(["Second", "First"]);
    expect(keys[0]).toEqual({
      id: second.id,
      label: "Second",
      scope: "read",
      prefix: second.prefix,
      createdAt: second.createdAt,
      lastUsedAt: null,
      createdBy: { name: user.name, email: user.email },
    });
    const text = JSON.stringify(keys);
    for (const k of [first, second]) {
      expect(text).not.toContain(k.secret);
      expect(text).not.toContain(hashApiKey(k.secret));
    }
  });

  it("keeps a key whose creator was deleted, with no creator", async () => {
    const { org } = await makeUserInOrg();
    const creator = await makeUser();
    await createApiKey(getDb(), { orgId: org.id, userId: creator.id, label: "Orphan" });
    await getDb().user.delete({ where: { id: creator.id } });
    expect((await listApiKeys(getDb(), { orgId: org.id })).keys).toMatchObject([{ label: "Orphan", createdBy: null }]);
  });
});

describe("revokeApiKey", () => {
  it("revokes once: a second revoke succeeds and keeps the first date", async () => {
    const { org, created } = await newKey();
    const first = await revokeApiKey(getDb(), { orgId: org.id, keyId: created.id, now: at("2026-12-01T10:00:00Z") });
    expect(first).toEqual({ id: created.id, revokedAt: at("2026-12-01T10:00:00Z") });
    const again = await revokeApiKey(getDb(), { orgId: org.id, keyId: created.id, now: at("2026-12-02T10:00:00Z") });
    expect(again).toEqual(first);
  });

  it("answers not_found for another org's key and for an unknown id, and revokes nothing", async () => {
    const { created } = await newKey();
    const { org: other } = await makeUserInOrg();
    await expect(revokeApiKey(getDb(), { orgId: other.id, keyId: created.id })).rejects.toMatchObject({ appCode: "not_found" });
    await expect(revokeApiKey(getDb(), { orgId: other.id, keyId: "no-such-key" })).rejects.toMatchObject({ appCode: "not_found" });
    expect(await getDb().apiKey.findUniqueOrThrow({ where: { id: created.id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });
    expect(await authenticateApiKey(getDb(), created.secret)).not.toBeNull();
  });
});

describe("authenticateApiKey", () => {
  it("accepts a live key for its org", async () => {
    const { org, created } = await newKey();
    expect(await authenticateApiKey(getDb(), created.secret)).toEqual({ keyId: created.id, orgId: org.id, scope: "read" });
  });

  it("refuses a key the moment it is revoked", async () => {
    const { org, created } = await newKey();
    expect(await authenticateApiKey(getDb(), created.secret)).not.toBeNull();
    await revokeApiKey(getDb(), { orgId: org.id, keyId: created.id });
    expect(await authenticateApiKey(getDb(), created.secret)).toBeNull();
  });

  it("refuses garbage, near misses and unknown keys", async () => {
    const { created } = await newKey();
    const s = created.secret;
    const lastChar = s.at(-1) === "a" ? "b" : "a";
    const refused: unknown[] = [
      "",
      "pm_live_",
      created.prefix,
      s.slice(0, -1),
      `${s}x`,
      ` ${s}`,
      `${s}\n`,
      `Bearer ${s}`,
      s.toUpperCase(),
      s.slice(0, -1) + lastChar,
      s.replace("pm_live_", "pm_test_"),
      hashApiKey(s),
      "pm_live_" + "A".repeat(43),
      "pm_live_" + "-".repeat(43),
      `${s.slice(0, -1)}\u0000`,
      "x".repeat(100_000),
      undefined,
      null,
      42,
      { key: s },
      [s],
    ];
    for (const value of refused) expect(await authenticateApiKey(getDb(), value)).toBeNull();
    expect(await authenticateApiKey(getDb(), s)).not.toBeNull();
  });

  it("writes lastUsedAt at most once a minute per key", async () => {
    const { created } = await newKey();
    const other = await newKey();
    const read = async (id: string) => (await getDb().apiKey.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } })).lastUsedAt;

    await authenticateApiKey(getDb(), created.secret, at("2026-12-01T10:00:00Z"));
    expect(await read(created.id)).toEqual(at("2026-12-01T10:00:00Z"));
    expect(await writesTo(created.id)).toBe(1);

    await authenticateApiKey(getDb(), created.secret, at("2026-12-01T10:00:30Z"));
    await authenticateApiKey(getDb(), created.secret, at("2026-12-01T10:01:00Z"));
    expect(await writesTo(created.id)).toBe(1);
    expect(await read(created.id)).toEqual(at("2026-12-01T10:00:00Z"));

    // Another key's minute is its own.
    await authenticateApiKey(getDb(), other.created.secret, at("2026-12-01T10:00:30Z"));
    expect(await writesTo(other.created.id)).toBe(1);

    await authenticateApiKey(getDb(), created.secret, at("2026-12-01T10:01:01Z"));
    expect(await writesTo(created.id)).toBe(2);
    expect(await read(created.id)).toEqual(at("2026-12-01T10:01:01Z"));
  });

  it("writes lastUsedAt once when 20 requests with the same key arrive together", async () => {
    const { org, created } = await newKey();
    const now = at("2026-12-01T10:00:00Z");
    const results = await Promise.all(Array.from({ length: 20 }, () => authenticateApiKey(getDb(), created.secret, now)));
    expect(results).toEqual(Array.from({ length: 20 }, () => ({ keyId: created.id, orgId: org.id, scope: "read" })));
    expect(await writesTo(created.id)).toBe(1);
  });

  it("does not write lastUsedAt for a revoked key", async () => {
    const { org, created } = await newKey();
    await revokeApiKey(getDb(), { orgId: org.id, keyId: created.id });
    const before = await writesTo(created.id);
    await authenticateApiKey(getDb(), created.secret);
    expect(await writesTo(created.id)).toBe(before);
  });
});

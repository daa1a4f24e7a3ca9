// The data API's rows through real HTTP: pages, formats, cursors, errors, and what only shows with
// more than one app process (revocation, exact metering under concurrency).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { revokeApiKey } from "~/server/services/api-key/revoke-api-key";
import { addRows, getRows, makeDataBuyer } from "~/test/data-api";
import { makePack } from "~/test/factories";
import { spawnRowsServer, startRowsServer, type RowsProcess } from "~/test/rows-api";
import { appendPackRows } from "./append-pack-rows";
import { resetKeyRateLimiter } from "./rate-limit";
import { encodeCursor } from "./rows-request";

let server: Awaited<ReturnType<typeof startRowsServer>>;
beforeAll(async () => {
  // Rate limits have tests of their own (rate-limit.integration.test.ts).
  process.env.DATA_API_RATE_PER_SECOND = "100000";
  process.env.DATA_API_RATE_BURST = "100000";
  await resetKeyRateLimiter();
  server = await startRowsServer();
});
afterAll(async () => {
  await server?.close();
  await resetKeyRateLimiter();
});

describe("reading rows", () => {
  it("serves pages in a stable order with a cursor and the quota, and never the contributor", async () => {
    const b = await makeDataBuyer({ quota: 100, rows: 7 });
    const first = await getRows(server.url, b.key, b.pack.slug, "limit=3");
    expect(first.status).toBe(200);
    const body = first.json();
    expect(body.data?.map((r) => r.city)).toHaveLength(3);
    expect(body).toMatchObject({ has_more: true, quota: { used: 3, limit: 100, remaining: 97 } });
    expect(first.headers.get("x-next-cursor")).toBe(body.next_cursor);
    expect(first.headers.get("x-quota-remaining")).toBe("97");
    expect(Object.keys(body.data![0]!).sort()).toEqual(["city", "n", "trips"]);
    for (const secret of [b.seller.id, b.product.id]) expect(first.text).not.toContain(secret);

    const seen = [...body.data!];
    let cursor = body.next_cursor!;
    for (;;) {
      const page = (await getRows(server.url, b.key, b.pack.slug, `limit=3&cursor=${cursor}`)).json();
      seen.push(...page.data!);
      cursor = page.next_cursor!;
      if (!page.has_more) break;
    }
    expect(seen.map((r) => r.n)).toEqual([...seen.map((r) => r.n as number)].sort((x, y) => x - y));
    expect(seen).toHaveLength(7);

    // Nothing new: an empty page, the same cursor back, nothing counted.
    const empty = await getRows(server.url, b.key, b.pack.slug, `cursor=${cursor}`);
    expect(empty.json()).toMatchObject({ data: [], next_cursor: cursor, has_more: false, quota: { used: 7, remaining: 93 } });

    // Incremental sync: the stored cursor gets exactly the rows added since.
    const added = await addRows(b, 4);
    const since = (await getRows(server.url, b.key, b.pack.slug, `cursor=${cursor}`)).json();
    expect(since.data).toEqual(added);
    expect(since.quota).toEqual({ used: 11, limit: 100, remaining: 89 });
    const counter = await getDb().buyerUsageCounter.findUniqueOrThrow({ where: { id: b.counter.id } });
    expect(counter.rowsUsed).toBe(11);
    const debits = await getDb().usageDebit.findMany({ where: { counterId: b.counter.id } });
    expect(debits.reduce((sum, d) => sum + d.rows, 0)).toBe(11);
    expect(new Set(debits.map((d) => d.apiKeyId))).toEqual(new Set([b.keyId]));
  });

  it("streams JSON Lines and CSV with the cursor and quota in headers", async () => {
    const b = await makeDataBuyer({ quota: 100, rows: 3 });
    const firstRow = await getDb().packRow.findFirstOrThrow({ where: { packId: b.pack.id }, orderBy: { id: "asc" } });
    await getDb().packRow.update({ where: { id: firstRow.id }, data: { data: { city: 'Oslo, "Norway"', trips: 3 } } });
    const jsonl = await getRows(server.url, b.key, b.pack.slug, "format=jsonl&limit=2");
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const lines = jsonl.text.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ city: 'Oslo, "Norway"', trips: 3 });
    expect(jsonl.headers.get("x-has-more")).toBe("true");
    expect(jsonl.headers.get("x-quota-used")).toBe("2");

    const csv = await getRows(server.url, b.key, b.pack.slug, "format=csv");
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const csvLines = csv.text.trimEnd().split("\n");
    // The pack's declared columns, in order; CSV quoting for commas and quotes.
    expect(csvLines[0]).toBe("city,trips");
    expect(csvLines[1]).toBe('"Oslo, ""Norway""",3');
    expect(csvLines).toHaveLength(4);
    expect(csv.headers.get("x-quota-used")).toBe("5");
  });

  it("refuses malformed limit, cursor and format with invalid_request naming the parameter", async () => {
    const b = await makeDataBuyer({ rows: 1 });
    const cases: [string, string][] = [
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["limit=1001", "limit"],
      ["limit=", "limit"],
      ["limit=1.5", "limit"],
      ["limit=1&limit=2", "limit"],
      ["cursor=xyz!", "cursor"],
      ["cursor=", "cursor"],
      [`cursor=${Buffer.from("-1").toString("base64url")}`, "cursor"],
      [`cursor=${Buffer.from("99999999999999999999").toString("base64url")}`, "cursor"],
      [`cursor=${encodeCursor(5n)}=`, "cursor"],
      ["format=xml", "format"],
      ["format=JSON", "format"],
    ];
    for (const [query, param] of cases) {
      const answer = await getRows(server.url, b.key, b.pack.slug, query);
      expect(answer.status, query).toBe(400);
      expect(answer.json().error, query).toMatchObject({ code: "invalid_request", issues: [{ path: param }] });
      expect(answer.json().error?.message, query).toContain(param);
    }
    expect(await getDb().usageDebit.count({ where: { counterId: b.counter.id } })).toBe(0);
  });

  it("401 without a valid key, 404 alike for an unknown pack and one the org does not subscribe to, 405 for other methods", async () => {
    const b = await makeDataBuyer({ rows: 2 });
    const other = await makeDataBuyer({ rows: 2 });
    const unsubscribed = await makePack();
    for (const key of [null, "nope", `pm_live_${"x".repeat(43)}`, b.key.slice(0, -1)]) {
      const answer = await getRows(server.url, key, b.pack.slug);
      expect(answer.status).toBe(401);
      expect(answer.json().error?.code).toBe("unauthorized");
    }
    const notSubscribed = await getRows(server.url, b.key, unsubscribed.slug);
    const othersPack = await getRows(server.url, b.key, other.pack.slug);
    const unknown = await getRows(server.url, b.key, "no-such-pack");
    for (const answer of [notSubscribed, othersPack, unknown]) {
      expect(answer.status).toBe(404);
      expect(answer.json().error?.code).toBe("not_found");
    }
    expect(othersPack.json().error?.message.replace(other.pack.slug, "X")).toBe(unknown.json().error?.message.replace("no-such-pack", "X"));
    const post = await getRows(server.url, b.key, b.pack.slug, "", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
    const canceled = await makeDataBuyer({ rows: 2, status: "canceled" });
    expect((await getRows(server.url, canceled.key, canceled.pack.slug)).status).toBe(404);
  });

  it("keeps the cursor stable while rows are being added: every row once, in order", async () => {
    const b = await makeDataBuyer({ quota: 100_000 });
    await addRows(b, 5);
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 12; i++) {
        // Ids are drawn at once, the commit comes later: without the pack's lock, a later
        // transaction could commit first and a reader would pass over this one's rows.
        await getDb().$transaction(async (tx) => {
          await appendPackRows(tx, Array.from({ length: 3 }, (_, r) => ({
            packId: b.pack.id, contributorOrgId: b.seller.id, productId: b.product.id, data: { city: `w${w}-${i}-${r}` }, sessionAt: new Date(),
          })));
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 25));
        });
      }
    });
    let done = false;
    const writing = Promise.all(writers).then(() => {
      done = true;
    });
    const seen: unknown[] = [];
    let cursor = "";
    for (let quiet = false; !quiet; ) {
      const wasDone = done;
      // Large pages keep the reader at the tail, where an out-of-order commit would be passed over.
      const page = (await getRows(server.url, b.key, b.pack.slug, `limit=1000${cursor ? `&cursor=${cursor}` : ""}`)).json();
      seen.push(...page.data!.map((r) => r.city));
      cursor = page.next_cursor!;
      quiet = wasDone && !page.has_more;
    }
    await writing;
    const all = await getDb().packRow.findMany({ where: { packId: b.pack.id }, orderBy: { id: "asc" }, select: { data: true } });
    expect(seen).toEqual(all.map((r) => (r.data as { city: string }).city));
  });
});

describe("with two app processes", () => {
  let second: RowsProcess;
  beforeAll(async () => {
    second = await spawnRowsServer({ DATA_API_RATE_PER_SECOND: "100000", DATA_API_RATE_BURST: "100000", REDIS_URL: "" });
  });
  afterAll(() => second?.stop());

  it("a revoked key fails on its next request in every process", async () => {
    const b = await makeDataBuyer({ rows: 5 });
    for (const url of [server.url, second.url]) expect((await getRows(url, b.key, b.pack.slug, "limit=1")).status).toBe(200);
    await revokeApiKey(getDb(), { orgId: b.org.id, keyId: b.keyId });
    for (const url of [server.url, second.url, server.url]) {
      const answer = await getRows(url, b.key, b.pack.slug, "limit=1");
      expect(answer.status).toBe(401);
      expect(answer.json().error?.code).toBe("unauthorized");
    }
    // Also where the pack is unknown: the key is refused before the pack is looked at.
    expect((await getRows(server.url, b.key, "no-such-pack")).status).toBe(401);
  });

  it("48 parallel requests through both processes serve exactly the quota, one partial page, then quota_exceeded", async () => {
    const quota = 1000;
    const b = await makeDataBuyer({ quota, rows: 3000 });
    const limit = 37;
    const answers = await Promise.all(
      Array.from({ length: 48 }, (_, i) => getRows(i % 2 ? second.url : server.url, b.key, b.pack.slug, `limit=${limit}`)),
    );
    const served = answers.filter((a) => a.status === 200).map((a) => a.json().data!.length);
    const refused = answers.filter((a) => a.status !== 200);
    expect(served.reduce((sum, n) => sum + n, 0)).toBe(quota);
    expect(served.filter((n) => n < limit)).toEqual([quota % limit]);
    expect(refused).toHaveLength(48 - Math.ceil(quota / limit));
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      expect(answer.json().error?.code).toBe("quota_exceeded");
      expect(answer.headers.get("x-quota-remaining")).toBe("0");
      expect(answer.headers.get("retry-after")).toBeNull();
    }
    const partial = answers.find((a) => a.status === 200 && a.json().data!.length < limit)!;
    expect(partial.json()).toMatchObject({ has_more: true, quota: { remaining: 0, limit: quota } });
    const counter = await getDb().buyerUsageCounter.findUniqueOrThrow({ where: { id: b.counter.id } });
    expect(counter.rowsUsed).toBe(quota);
    const logged = await getDb().usageDebit.aggregate({ where: { counterId: b.counter.id }, _sum: { rows: true } });
    expect(logged._sum.rows).toBe(quota);
  });
});

// The rate limit per API key, in memory and through Redis (shared by app processes), on its own and
// through HTTP, where it must stay distinct from quota_exceeded.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { getRows, makeDataBuyer } from "~/test/data-api";
import { spawnRowsServer, type RowsProcess } from "~/test/rows-api";
import { createKeyRateLimiter, type KeyRateLimiter } from "./rate-limit";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `pm_test_${randomBytes(4).toString("hex")}`;
let redis: Redis;
beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

async function consumeMany(limiter: KeyRateLimiter, key: string, times: number) {
  const decisions = [];
  for (let i = 0; i < times; i++) decisions.push(await limiter.consume(key));
  return decisions;
}

describe("the rate limit per key", () => {
  it("in memory: 20 a second with a burst to 40, then a wait of at least a second", async () => {
    const limiter = createKeyRateLimiter({ perSecond: 20, burst: 40 });
    const decisions = await consumeMany(limiter, "key-a", 41);
    expect(decisions.slice(0, 40).every((d) => d.allowed)).toBe(true);
    expect(decisions[40]).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another key has its own allowance.
    expect((await limiter.consume("key-b")).allowed).toBe(true);
  });

  it("through Redis: two processes share one allowance", async () => {
    const a = createKeyRateLimiter({ perSecond: 5, burst: 8, redisUrl: REDIS_URL, keyPrefix: prefix });
    const b = createKeyRateLimiter({ perSecond: 5, burst: 8, redisUrl: REDIS_URL, keyPrefix: prefix });
    try {
      await redis.ping();
      // Wait until both clients are connected: before that, each uses its memory fallback.
      for (const limiter of [a, b]) {
        for (let i = 0; i < 50 && !(await limiter.ready()); i++) await new Promise((r) => setTimeout(r, 20));
      }
      const first = await consumeMany(a, "shared", 4);
      const second = await consumeMany(b, "shared", 4);
      expect([...first, ...second].every((d) => d.allowed)).toBe(true);
      expect((await b.consume("shared")).allowed).toBe(false);
      expect((await a.consume("shared")).allowed).toBe(false);
      expect((await redis.keys(`${prefix}:rate:data-api:*shared`)).length).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("rate_limited through HTTP", () => {
  const processes: RowsProcess[] = [];
  afterAll(() => Promise.all(processes.map((p) => p.stop())));

  async function spawn(env: Record<string, string>) {
    const p = await spawnRowsServer({ DATA_API_RATE_PER_SECOND: "2", DATA_API_RATE_BURST: "3", ...env });
    processes.push(p);
    return p;
  }

  it.each([
    ["in memory", { REDIS_URL: "" }, 1],
    ["with Redis, across two processes", { REDIS_URL, REDIS_KEY_PREFIX: prefix }, 2],
  ] as const)("%s: 429 rate_limited with Retry-After, nothing counted, quota_exceeded stays distinct", async (_label, env, count) => {
    const servers = [];
    for (let i = 0; i < count; i++) servers.push(await spawn(env));
    // A first request opens each process's database connections, so the ones below fit in a second.
    const warmUp = await makeDataBuyer({ rows: 1 });
    for (const server of servers) expect((await getRows(server.url, warmUp.key, warmUp.pack.slug)).status).toBe(200);
    const b = await makeDataBuyer({ quota: 2, rows: 10 });
    const answers = [];
    // Sequential: the allowance is 3 within this second (2 plus 1 of burst).
    for (let i = 0; i < 5; i++) answers.push(await getRows(servers[i % servers.length]!.url, b.key, b.pack.slug, "limit=1"));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429, 429, 429]);
    expect(answers[2]!.json().error?.code).toBe("quota_exceeded");
    for (const limited of answers.slice(3)) {
      expect(limited.json().error?.code).toBe("rate_limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    const counter = await getDb().buyerUsageCounter.findUniqueOrThrow({ where: { id: b.counter.id } });
    expect(counter.rowsUsed).toBe(2);
    if (count > 1) expect((await redis.keys(`${prefix}:rate:data-api:*`)).length).toBeGreaterThan(0);
  });
});

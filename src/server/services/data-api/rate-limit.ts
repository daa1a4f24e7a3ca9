// The data API's rate limit per API key: a steady rate (20 requests a second by default) plus a
// burst on top (up to 40 in one second, refilled over ten). Shared by every app process through
// Redis when REDIS_URL is set, in memory otherwise. If Redis stops answering, each process falls
// back to its own memory limiter rather than failing requests.
import { Redis } from "ioredis";
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "~/env";

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export type KeyRateLimiter = {
  consume(key: string): Promise<RateDecision>;
  // False while a Redis limiter is not connected (its requests then use the memory fallback).
  ready(): Promise<boolean>;
  close(): Promise<void>;
};

export type RateLimitOptions = { perSecond: number; burst: number; redisUrl?: string; keyPrefix?: string };

const BURST_REFILL_SECONDS = 10;

export function createKeyRateLimiter(options: RateLimitOptions): KeyRateLimiter {
  const prefix = `${options.keyPrefix ?? "pm"}:rate:data-api`;
  const extra = Math.max(0, options.burst - options.perSecond);
  const steadyOpts = { keyPrefix: `${prefix}:s`, points: options.perSecond, duration: 1 };
  const burstOpts = { keyPrefix: `${prefix}:b`, points: extra, duration: BURST_REFILL_SECONDS };
  let redis: Redis | undefined;
  let limiter: BurstyRateLimiter;
  if (options.redisUrl) {
    redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    // Connection errors are retried by ioredis; requests meanwhile use the insurance limiter.
    redis.on("error", () => undefined);
    const onRedis = (opts: typeof steadyOpts) =>
      new RateLimiterRedis({ ...opts, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(opts) });
    limiter = new BurstyRateLimiter(onRedis(steadyOpts), onRedis(burstOpts));
  } else {
    limiter = new BurstyRateLimiter(new RateLimiterMemory(steadyOpts), new RateLimiterMemory(burstOpts));
  }
  return {
    async consume(key) {
      try {
        const res = await limiter.consume(key);
        return { allowed: true, remaining: Math.max(0, res.remainingPoints) };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
    },
    async ready() {
      return !redis || redis.status === "ready";
    },
    async close() {
      redis?.disconnect();
    },
  };
}

const globalForLimiter = globalThis as unknown as { packMarketRowsLimiter?: KeyRateLimiter };

// One per process, configured from the environment.
export function getKeyRateLimiter(): KeyRateLimiter {
  if (!globalForLimiter.packMarketRowsLimiter) {
    const e = env();
    globalForLimiter.packMarketRowsLimiter = createKeyRateLimiter({
      perSecond: e.DATA_API_RATE_PER_SECOND,
      burst: e.DATA_API_RATE_BURST,
      redisUrl: e.REDIS_URL,
      keyPrefix: e.REDIS_KEY_PREFIX,
    });
  }
  return globalForLimiter.packMarketRowsLimiter;
}

// Tests change the limits through the environment, then start over with a fresh limiter.
export async function resetKeyRateLimiter(): Promise<void> {
  await globalForLimiter.packMarketRowsLimiter?.close();
  globalForLimiter.packMarketRowsLimiter = undefined;
}

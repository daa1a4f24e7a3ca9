// The public catalogue (the pack list, each pack's page, its tiers) is the same for every visitor
// and changes rarely, while reading it through Prisma costs four queries and most of a request's
// CPU. So it is served from memory, and every change to a pack, a tier, an opt-in or an org's
// marketplace switch calls invalidateCatalogue() once it has committed:
// - without REDIS_URL, the cache lives in this process only (right for one app process);
// - with REDIS_URL, invalidateCatalogue() also publishes on a Redis channel every app process
//   subscribes to, so all of them drop their copy at once. While a process's subscription is not
//   up (starting, Redis unreachable) it may miss a message, so it reads through without caching,
//   and it empties its cache whenever the subscription comes (back) up.
// A read that started before an invalidation never stores its (possibly old) answer: each entry is
// stamped with the generation it was loaded in. Entries also expire after a few minutes, a backstop
// for a change made by hand in SQL. `next dev` does not cache at all: developers edit data by hand
// and the seed runs in another process.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { env } from "~/env";

export type CatalogueCacheOptions = {
  redisUrl?: string;
  keyPrefix?: string;
  // Pass-through: every read loads (next dev).
  disabled?: boolean;
  maxEntries?: number;
  ttlMs?: number;
};

export type CatalogueCache = {
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(): Promise<void>;
  // True when reads may be served from memory (always without Redis; with Redis once subscribed).
  ready(): boolean;
  // What the cached catalogue is now: a number that changes at every invalidation (here or, through
  // Redis, in another process) and whenever the cache starts over (a new cache never repeats an old
  // one's versions); null while reads are not cached.
  // The page cache (page-cache-handler.mjs) keeps a rendered page only while this stays the same.
  version(): string | null;
  size(): number;
  close(): Promise<void>;
};

type Entry = { value: unknown; generation: number; expiresAt: number };

const DEFAULT_MAX_ENTRIES = 500;
const DEFAULT_TTL_MS = 5 * 60_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !(value instanceof Date)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export function createCatalogueCache(options: CatalogueCacheOptions = {}): CatalogueCache {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const channel = `${options.keyPrefix ?? "pm"}:catalogue:invalidate`;
  // Map order is recency order: a hit moves its key to the end, the oldest is evicted first.
  const entries = new Map<string, Entry>();
  const loading = new Map<string, { generation: number; promise: Promise<unknown> }>();
  let generation = 0;
  const clear = () => {
    generation++;
    entries.clear();
    loading.clear();
  };

  let publisher: Redis | undefined;
  let subscriber: Redis | undefined;
  let subscribed = false;
  // This process's own messages are skipped: it has already cleared before publishing.
  const origin = randomUUID();
  const redisUrl = options.disabled ? undefined : options.redisUrl;

  // Started by the first read: a script that only invalidates (the seed) holds no connection open.
  function subscribe(url: string) {
    subscriber = new Redis(url, { maxRetriesPerRequest: null });
    publisher = new Redis(url, { maxRetriesPerRequest: 2 });
    // ioredis reconnects by itself; meanwhile reads go to the database (see ready()).
    subscriber.on("error", () => undefined);
    publisher.on("error", () => undefined);
    subscriber.on("close", () => {
      subscribed = false;
    });
    subscriber.on("ready", () => {
      // Anything published while the connection was down was missed: start over once subscribed.
      subscriber!.subscribe(channel).then(
        () => {
          clear();
          subscribed = true;
        },
        () => undefined,
      );
    });
    subscriber.on("message", (from: string, message: string) => {
      if (from === channel && message !== origin) clear();
    });
  }

  async function publish(url: string) {
    if (publisher) {
      await publisher.publish(channel, origin);
      return;
    }
    const once = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
    once.on("error", () => undefined);
    try {
      await once.connect();
      await once.publish(channel, origin);
    } finally {
      once.disconnect();
    }
  }

  const ready = () => !options.disabled && (!subscriber || subscribed);

  return {
    async read<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (redisUrl && !subscriber) subscribe(redisUrl);
      if (!ready()) return load();
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.generation === generation && hit.expiresAt > now) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.value as T;
      }
      // Concurrent misses for one key share one load.
      const pending = loading.get(key);
      if (pending && pending.generation === generation) return pending.promise as Promise<T>;
      const startedIn = generation;
      const promise = load().then(
        (value) => {
          if (loading.get(key)?.promise === promise) loading.delete(key);
          if (startedIn === generation && ready()) {
            entries.delete(key);
            entries.set(key, { value: deepFreeze(value), generation: startedIn, expiresAt: Date.now() + ttlMs });
            while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
          }
          return value;
        },
        (error: unknown) => {
          if (loading.get(key)?.promise === promise) loading.delete(key);
          throw error;
        },
      );
      loading.set(key, { generation: startedIn, promise });
      return promise;
    },

    async invalidate() {
      clear();
      if (redisUrl) await publish(redisUrl);
    },

    ready,
    version: () => (ready() ? `${origin}:${generation}` : null),
    size: () => entries.size,

    async close() {
      clear();
      subscribed = false;
      subscriber?.disconnect();
      publisher?.disconnect();
    },
  };
}

const globalForCache = globalThis as unknown as { packMarketCatalogueCache?: CatalogueCache };

// One per process, configured from the environment.
export function catalogueCache(): CatalogueCache {
  if (!globalForCache.packMarketCatalogueCache) {
    const e = env();
    globalForCache.packMarketCatalogueCache = createCatalogueCache({
      redisUrl: e.REDIS_URL,
      keyPrefix: e.REDIS_KEY_PREFIX,
      disabled: e.NODE_ENV === "development",
    });
  }
  return globalForCache.packMarketCatalogueCache;
}

/**
 * The one call after any committed change to what the public catalogue shows: a pack (created,
 * edited, retired), a tier (price, quota), an opt-in toggle or an org's global marketplace switch
 * (contributor counts), a pack crossing its privacy threshold. This process's copy is gone at once;
 * with REDIS_URL, Redis has handed the message to every other app process before this resolves
 * (each drops its copy as it reads it, before any later request's read). Call it after the
 * transaction commits, never inside it: a read between the call and the commit would cache the old
 * state again. It rejects when Redis cannot take the message, so a webhook retries.
 */
export async function invalidateCatalogue(): Promise<void> {
  await catalogueCache().invalidate();
}

// Tests change REDIS_URL through the environment, then start over with a fresh cache.
export async function resetCatalogueCache(): Promise<void> {
  await globalForCache.packMarketCatalogueCache?.close();
  globalForCache.packMarketCatalogueCache = undefined;
}

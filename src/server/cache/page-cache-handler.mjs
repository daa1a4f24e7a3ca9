// Next's cache for statically rendered pages (next.config `cacheHandler`), kept in this process's
// memory and tied to the catalogue cache (catalogue.ts): a page rendered while the catalogue was at
// one version is served only while it still is. invalidateCatalogue() (here, or in another process
// through Redis) moves the version on, so the next request renders the page again from the new
// catalogue: a price, tier or opt-in change shows at once, in every app process. While the
// catalogue cache is not caching (not created yet, Redis subscription down, `next dev`) no page is
// kept either.
//
// A page is stamped with the version seen when Next looked it up, just before it rendered it: if the
// catalogue changed during the render, the page is not kept (it may show the old catalogue).
// Plain JavaScript: Next loads this file itself, outside the app's bundle; it reaches the catalogue
// cache through the one global the bundle keeps it in.

const DEFAULT_MAX_ENTRIES = 1000;

/** @returns {string | null} */
function catalogueVersion() {
  const cache = /** @type {{ packMarketCatalogueCache?: { version(): string | null } }} */ (globalThis).packMarketCatalogueCache;
  return cache ? cache.version() : null;
}

/**
 * @param {{ version?: () => string | null; maxEntries?: number }} [options]
 */
export function createPageCache(options = {}) {
  const version = options.version ?? catalogueVersion;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  // Map order is recency order: the least recently served page is dropped first.
  /** @type {Map<string, { value: unknown; lastModified: number; cacheControl: unknown; version: string }>} */
  const entries = new Map();
  // The catalogue version at each key's last lookup, for the render that may follow it.
  /** @type {Map<string, string | null>} */
  const lookedUp = new Map();

  return {
    /** @param {string} key */
    get(key) {
      const now = version();
      lookedUp.delete(key);
      lookedUp.set(key, now);
      while (lookedUp.size > maxEntries) lookedUp.delete(/** @type {string} */ (lookedUp.keys().next().value));
      const entry = entries.get(key);
      if (!entry) return null;
      entries.delete(key);
      if (now === null || entry.version !== now) return null;
      entries.set(key, entry);
      return { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl };
    },
    /**
     * @param {string} key
     * @param {unknown} value
     * @param {{ cacheControl?: unknown }} [ctx]
     */
    set(key, value, ctx = {}) {
      const before = lookedUp.has(key) ? lookedUp.get(key) : null;
      lookedUp.delete(key);
      const now = version();
      entries.delete(key);
      if (before === null || before === undefined || before !== now) return;
      entries.set(key, { value, lastModified: Date.now(), cacheControl: ctx.cacheControl, version: now });
      while (entries.size > maxEntries) entries.delete(/** @type {string} */ (entries.keys().next().value));
    },
    size: () => entries.size,
    clear() {
      entries.clear();
      lookedUp.clear();
    },
  };
}

// Next makes a handler per request: the pages live in one cache per process.
const pages = createPageCache();

export default class PageCacheHandler {
  /** @param {string} key */
  async get(key) {
    return pages.get(key);
  }

  /**
   * @param {string} key
   * @param {unknown} data
   * @param {{ cacheControl?: unknown }} ctx
   */
  async set(key, data, ctx) {
    pages.set(key, data, ctx);
  }

  // No tags: the pages router has none here, and the catalogue version does their job.
  async revalidateTag() {}

  resetRequestCache() {}
}

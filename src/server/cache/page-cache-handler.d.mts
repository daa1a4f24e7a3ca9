// Types for page-cache-handler.mjs (plain JavaScript, loaded by Next outside the bundle).
export type PageCache = {
  get(key: string): { value: unknown; lastModified: number; cacheControl: unknown } | null;
  set(key: string, value: unknown, ctx?: { cacheControl?: unknown }): void;
  size(): number;
  clear(): void;
};

export function createPageCache(options?: { version?: () => string | null; maxEntries?: number }): PageCache;

export default class PageCacheHandler {
  get(key: string): Promise<ReturnType<PageCache["get"]>>;
  set(key: string, data: unknown, ctx: { cacheControl?: unknown }): Promise<void>;
  revalidateTag(): Promise<void>;
  resetRequestCache(): void;
}

// A small in-process cache: entries expire after ttlMs, and past maxEntries (or past maxWeight, when
// entries are weighed) the oldest inserted go first. Only for facts that never change (a page of
// settled rows, which org a key belongs to) or may lag a little (a pack's id and columns by slug):
// nothing that decides access lives here.
export type TtlCacheOptions<V> = {
  ttlMs: number;
  maxEntries: number;
  // Entries of very different sizes (pages of 1 to 1,000 rows) are bounded by their total weight,
  // roughly bytes: a count alone lets a crawler of large pages hold hundreds of MiB for minutes.
  weigh?: (value: V) => number;
  maxWeight?: number;
};

export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number; weight: number }>();
  private weight = 0;

  constructor(private readonly options: TtlCacheOptions<V>) {}

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    this.delete(key);
    const weight = this.options.weigh?.(value) ?? 0;
    if (this.options.maxWeight !== undefined && weight > this.options.maxWeight) return;
    this.entries.set(key, { value, expiresAt: now + this.options.ttlMs, weight });
    this.weight += weight;
    while (this.entries.size > this.options.maxEntries || (this.options.maxWeight !== undefined && this.weight > this.options.maxWeight)) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.weight -= entry.weight;
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalWeight(): number {
    return this.weight;
  }
}

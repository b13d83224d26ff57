/**
 * A small in-process cache with a time-to-live and a size bound (oldest entries evicted first).
 * Used on the hot paths (API-key lookups, guard settings); writers delete entries they change, and the
 * TTL bounds how long another instance can serve a stale value.
 */
export class TtlCache<V> {
  private readonly map = new Map<string, { value: V; expiresAt: number }>();
  /**
   * Counts explicit invalidations (delete, deleteWhere, clear; not expiry). A loader that read before an
   * invalidation compares it to know its value may be stale and must not be shared or cached.
   */
  invalidations = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= now) {
      this.map.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.map.size >= this.maxEntries && !this.map.has(key)) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    this.map.set(key, { value, expiresAt: now + this.ttlMs });
  }

  delete(key: string): void {
    this.invalidations++;
    this.map.delete(key);
  }

  /** Deletes every entry whose value matches (e.g. all cached keys of one project). */
  deleteWhere(pred: (value: V) => boolean): void {
    this.invalidations++;
    for (const [k, v] of this.map) if (pred(v.value)) this.map.delete(k);
  }

  clear(): void {
    this.invalidations++;
    this.map.clear();
  }
}

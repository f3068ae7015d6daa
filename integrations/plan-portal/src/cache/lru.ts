/** Limits of an in-memory cache layer; at least one should be set, or nothing is ever dropped. */
export interface LruLimits<V> {
  /** At most this many entries. */
  maxEntries?: number;
  /** At most this much total weight (`weigh` of every entry, e.g. characters of text). */
  maxWeight?: number;
  /** Weight of one value (default 1 each, which makes `maxWeight` another entry count). */
  weigh?: (value: V) => number;
}

/**
 * A map that forgets its least recently used entries beyond a count or a total weight. A `Map`
 * keeps insertion order, so deleting and re-inserting on every read makes the first key the least
 * recently used one: eviction is O(1) without a linked list of our own.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private readonly maxEntries: number;
  private readonly maxWeight: number;
  private readonly weigh: (value: V) => number;
  private total = 0;

  constructor(limits: LruLimits<V>) {
    this.maxEntries = limits.maxEntries ?? Infinity;
    this.maxWeight = limits.maxWeight ?? Infinity;
    this.weigh = limits.weigh ?? (() => 1);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Total weight held now (tests and diagnostics). */
  get weight(): number {
    return this.total;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /**
   * Keep `value` as the most recently used entry, then drop the oldest ones over the limits.
   * `weight` overrides `weigh` when the caller knows it already (the length of text it encoded).
   */
  set(key: K, value: V, weight: number = this.weigh(value)): void {
    this.delete(key);
    // One value heavier than the whole budget would evict everything and still not fit.
    if (weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    this.evict();
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries || this.total > this.maxWeight) {
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.delete(oldest.value);
    }
  }
}

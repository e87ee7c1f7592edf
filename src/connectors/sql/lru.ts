// A bounded map that forgets the least recently used entry: the shape and prepared-statement caches of the SQL engines.

interface Entry<V> {
  readonly value: V;
  /** The tick of the last `get` or `set`. */
  used: number;
}

/**
 * At most `capacity` entries. A hit costs one lookup and a counter write: recency is a tick per entry, and the least
 * recent entry is searched for only when a new one must make room (each entry's tick is unique, so the order is exact).
 */
export class Lru<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  #tick = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`an LRU capacity must be a positive integer, not ${capacity}`);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = ++this.#tick;
    return entry.value;
  }

  set(key: K, value: V): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.capacity) this.#evict();
    this.#entries.set(key, { value, used: ++this.#tick });
  }

  clear(): void {
    this.#entries.clear();
  }

  #evict(): void {
    let oldest: K | undefined;
    let used = Number.POSITIVE_INFINITY;
    for (const [key, entry] of this.#entries) {
      if (entry.used < used) {
        used = entry.used;
        oldest = key;
      }
    }
    if (used !== Number.POSITIVE_INFINITY) this.#entries.delete(oldest as K);
  }
}

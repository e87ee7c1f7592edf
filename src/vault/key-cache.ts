// Unwrapped data keys kept in memory, least recently used first out, zeroed when they leave.

/**
 * Saves unwrapping a data key on every open (a master key could later live in a remote KMS, where unwrapping is a
 * network call). The key ring stays the authority: the vault reads the key's record on every open, so a key destroyed
 * by another process is refused even while this cache still holds it. Callers use a key synchronously after `get`, so
 * an eviction (which zeroes it) never happens under them.
 */
export class DataKeyCache {
  readonly #keys = new Map<string, Buffer>();
  readonly #bound: number;

  /** `bound` ≥ 1: the vault checks its option before building the cache. */
  constructor(bound: number) {
    this.#bound = bound;
  }

  get(id: string): Buffer | undefined {
    const key = this.#keys.get(id);
    if (key === undefined) return undefined;
    this.#keys.delete(id); // re-inserted last: Map order is the recency order
    this.#keys.set(id, key);
    return key;
  }

  /** Keeps `key` (the cache owns it from now on and zeroes it when it leaves). */
  set(id: string, key: Buffer): void {
    this.evict(id);
    this.#keys.set(id, key);
    for (const [oldest, bytes] of this.#keys) {
      if (this.#keys.size <= this.#bound) break;
      bytes.fill(0);
      this.#keys.delete(oldest);
    }
  }

  evict(id: string): void {
    this.#keys.get(id)?.fill(0);
    this.#keys.delete(id);
  }

  get size(): number {
    return this.#keys.size;
  }

  clear(): void {
    for (const key of this.#keys.values()) key.fill(0);
    this.#keys.clear();
  }
}

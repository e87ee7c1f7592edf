// The cache of unwrapped data keys: bounded, least recently used out, and a key that leaves is zeroed.
import { describe, expect, it } from 'vitest';
import { DataKeyCache } from './key-cache.js';

describe('DataKeyCache', () => {
  it('keeps at most its bound, dropping the least recently used key and zeroing it', () => {
    const cache = new DataKeyCache(2);
    const [a, b, c] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2), Buffer.alloc(32, 3)];
    cache.set('a', a);
    cache.set('b', b);
    expect(cache.get('a')).toBe(a); // a is now the most recent
    cache.set('c', c);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(b.every((x) => x === 0)).toBe(true);
    expect(cache.get('a')).toBe(a);
    expect(a.every((x) => x === 1)).toBe(true);
  });

  it('zeroes an evicted key and every key on clear', () => {
    const cache = new DataKeyCache(4);
    const [a, b] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    cache.set('a', a);
    cache.set('b', b);
    cache.evict('a');
    expect(cache.get('a')).toBeUndefined();
    expect(a.every((x) => x === 0)).toBe(true);
    cache.clear();
    expect(b.every((x) => x === 0)).toBe(true);
    expect(cache.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { computedMaskValue, isComputedMask, pseudonymise, staticMaskValue, truncateIp } from './index.js';

describe('truncateIp', () => {
  it('keeps the first half of IPv4 and IPv6 addresses', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.0.0');
    expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3:8d3::');
  });
  it('is idempotent and rejects what is not an address', () => {
    expect(truncateIp(truncateIp('198.51.100.4') ?? '')).toBe('198.51.0.0');
    expect(truncateIp('not an ip')).toBeUndefined();
  });
});

describe('pseudonymise', () => {
  const key = new Uint8Array(32).fill(7);
  it('maps a value to a stable token that does not contain it', () => {
    const token = pseudonymise('ada@example.com', key);
    expect(token).toBe(pseudonymise('ada@example.com', key));
    expect(token).not.toContain('ada');
    expect(token).not.toBe(pseudonymise('ada@example.com', new Uint8Array(32).fill(8)));
  });
  it('never hashes a pseudonym again, so a replayed erasure step changes nothing', () => {
    const token = pseudonymise('ada@example.com', key);
    expect(pseudonymise(token, key)).toBe(token);
  });
});

describe('field masks', () => {
  const key = new Uint8Array(32).fill(7);
  it('gives a static mask its value for every row: null, or the fixed value (null when none is declared)', () => {
    expect(staticMaskValue('null', 'ignored')).toBeNull();
    expect(staticMaskValue('fixed', 'deleted user')).toBe('deleted user');
    expect(staticMaskValue('fixed', undefined)).toBeNull();
  });
  it('computes a hash or a truncated address from the row value, and nulls what is not an address', () => {
    expect(computedMaskValue('hash', 'ada@example.com', key)).toBe(pseudonymise('ada@example.com', key));
    expect(computedMaskValue('truncate-ip', '203.0.113.77', key)).toBe('203.0.0.0');
    expect(computedMaskValue('truncate-ip', 'not an ip', key)).toBeNull();
    expect(['null', 'fixed', 'hold', 'hash', 'truncate-ip'].filter((s) => isComputedMask(s as 'hash'))).toEqual(['hash', 'truncate-ip']);
  });
});

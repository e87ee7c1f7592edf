import { describe, expect, it } from 'vitest';
import { CustosError } from '../errors.js';
import {
  bandNumber,
  compileOperator,
  compileRowAnonymiser,
  epochPseudonym,
  generaliseDate,
  postcodePrefix,
  pseudonymEpochKey,
  readHierarchy,
  truncateIp,
  type AnonymiseOperatorSpec,
} from './index.js';

const rootKey = new Uint8Array(32).fill(3);
const op = (spec: AnonymiseOperatorSpec, context = {}) => compileOperator(spec, context, 'visits.ip');

describe('IP truncation with chosen prefixes', () => {
  it('keeps 16 bits of IPv4 and 48 of IPv6 by default, and any prefix length, bit by bit', () => {
    const truncate = op({ op: 'truncate-ip' });
    expect(truncate('203.0.113.77')).toBe('203.0.0.0');
    expect(truncate('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::');
    expect(truncate('::ffff:198.51.100.4')).toBe('198.51.0.0');
    expect(op({ op: 'truncate-ip', ipv4Prefix: 20, ipv6Prefix: 36 })('203.0.255.77')).toBe('203.0.240.0');
    expect(op({ op: 'truncate-ip', ipv6Prefix: 36 })('2001:db8:85a3::1')).toBe('2001:db8:8000::');
    expect(truncateIp('10.1.2.3', { ipv4: 0, ipv6: 0 })).toBe('0.0.0.0');
  });
  it('nulls what is not an address by default, and refuses it when asked, without showing the value', () => {
    expect(op({ op: 'truncate-ip' })('ada@example.com')).toBeNull();
    expect(op({ op: 'truncate-ip' })(null)).toBeNull();
    const strict = op({ op: 'truncate-ip', invalid: 'refuse' });
    expect(() => strict('ada@example.com')).toThrow(/^visits\.ip: a value is not an IP address \(the value is not shown\)$/);
  });
  it('refuses prefixes longer than the address at declaration', () => {
    expect(() => op({ op: 'truncate-ip', ipv4Prefix: 33 })).toThrow(/visits\.ip: ipv4Prefix/);
  });
});

describe('keyed pseudonyms per key lifetime', () => {
  it('gives the same value the same token under one key, and unrelated tokens under two', () => {
    const y2026 = pseudonymEpochKey(rootKey, '2026');
    const y2027 = pseudonymEpochKey(rootKey, '2027');
    const a = epochPseudonym('ada@example.com', y2026);
    expect(epochPseudonym('ada@example.com', pseudonymEpochKey(rootKey, '2026'))).toBe(a);
    const b = epochPseudonym('ada@example.com', y2027);
    expect(a.startsWith('pse_2026~')).toBe(true);
    expect(b.startsWith('pse_2027~')).toBe(true);
    const digestA = a.slice('pse_2026~'.length);
    const digestB = b.slice('pse_2027~'.length);
    expect(digestA).not.toBe(digestB);
    // Unrelated: the digests agree on about as many positions as two random strings (1/64 each), not on a shared part.
    const same = [...digestA].filter((ch, i) => digestB[i] === ch).length;
    expect(same).toBeLessThan(8);
    expect(a).not.toContain('ada');
  });
  it('needs the vault key and a readable key id', () => {
    expect(() => op({ op: 'pseudonym', keyId: '2026' })).toThrow(/pseudonym key/);
    expect(() => pseudonymEpochKey(rootKey, 'no spaces')).toThrow(CustosError);
    expect(op({ op: 'pseudonym', keyId: '2026' }, { pseudonymKey: rootKey })('x')).toBe(
      epochPseudonym('x', pseudonymEpochKey(rootKey, '2026')),
    );
  });
});

describe('generalisation and suppression', () => {
  it('turns dates into months or years, in the calendar date written', () => {
    expect(generaliseDate('2026-03-31T23:30:00-05:00', 'month')).toBe('2026-03');
    expect(generaliseDate(new Date('2026-03-31T23:30:00Z'), 'year')).toBe('2026');
    expect(generaliseDate('2026-03', 'year')).toBe('2026');
    expect(generaliseDate('31/03/2026', 'month')).toBeUndefined();
    expect(op({ op: 'generalise-date', to: 'month' })('2026-13-01')).toBeNull();
  });
  it('bands numbers by width or by edges, and nulls what is not a number', () => {
    expect(bandNumber(37, { width: 10 })).toBe('[30, 40)');
    expect(bandNumber('40', { width: 10 })).toBe('[40, 50)');
    expect(bandNumber(-1, { width: 5 })).toBe('[-5, 0)');
    const edges = op({ op: 'band', edges: [18, 30, 65] });
    expect([edges(12), edges(18), edges(29.9), edges(64), edges(65), edges('n/a')]).toEqual([
      '< 18',
      '[18, 30)',
      '[18, 30)',
      '[30, 65)',
      '≥ 65',
      null,
    ]);
    // A band of these bands stays as it is, so a sweep run again finds the row done; a band of other bands does not.
    expect(['< 18', '[18, 30)', '≥ 65'].map((band) => edges(band))).toEqual(['< 18', '[18, 30)', '≥ 65']);
    expect([
      edges('[18, 29)'),
      edges('≥ 64'),
      op({ op: 'band', width: 10 })('[30, 40)'),
      op({ op: 'band', width: 10 })('[35, 45)'),
    ]).toEqual([null, null, '[30, 40)', null]);
    expect(() => op({ op: 'band', edges: [30, 18] })).toThrow(/strictly ascending/);
    expect(() => op({ op: 'band', width: 10, edges: [1] })).toThrow(/either `width` or `edges`/);
  });
  it('keeps a prefix of postcodes, idempotently', () => {
    expect(postcodePrefix('h2x 1y4', 3)).toBe('H2X*');
    expect(postcodePrefix('H2X*', 3)).toBe('H2X*');
    expect(op({ op: 'postcode-prefix', length: 2 })(75011)).toBe('75*');
  });
  it('suppresses to null or to *', () => {
    expect(op({ op: 'suppress' })('anything')).toBeNull();
    expect(op({ op: 'suppress', as: 'star' })('anything')).toBe('*');
  });
});

describe('hierarchies in the value;level1;…;* form', () => {
  const ages = readHierarchy('34;30-39;30-59;*\n35;30-39;30-59;*\n61;60-69;60+;*\n', { source: 'ages.csv' });
  it('generalises a value to the level chosen, and suppresses values it does not list', () => {
    expect(ages.levels).toBe(4);
    const level1 = compileOperator({ op: 'hierarchy', hierarchy: 'age', level: 1 }, { hierarchies: { age: ages } }, 'people.age');
    expect([level1('34'), level1(35), level1('61'), level1('99')]).toEqual(['30-39', '30-39', '60-69', '*']);
    expect(ages.generalise('99', 0)).toBe('99');
    expect(ages.generalise('61', 3)).toBe('*');
  });
  it('names the line of a malformed hierarchy and the levels that exist', () => {
    expect(() => readHierarchy('34;30-39;*\n35;30-39\n', { source: 'ages.csv' })).toThrow(
      /^ages\.csv:2: 2 levels where the first line has 3/,
    );
    expect(() => compileOperator({ op: 'hierarchy', hierarchy: 'age', level: 4 }, { hierarchies: { age: ages } }, 'people.age')).toThrow(
      /people\.age: level 4 does not exist; the hierarchy has levels 0 \(the value\) to 3/,
    );
  });
});

describe("a collection's operators together", () => {
  it('returns the anonymised fields of a row, and names collection.field in errors', () => {
    const anonymise = compileRowAnonymiser(
      'visits',
      { ip: { op: 'truncate-ip' }, visitor: { op: 'pseudonym', keyId: '2026' }, at: { op: 'generalise-date', to: 'month' } },
      { pseudonymKey: rootKey },
    );
    const row = { id: 7, ip: '198.51.100.23', visitor: 'v-123', at: '2026-05-04T10:00:00Z', page: '/pricing' };
    expect(anonymise(row)).toEqual({
      ip: '198.51.0.0',
      visitor: epochPseudonym('v-123', pseudonymEpochKey(rootKey, '2026')),
      at: '2026-05',
    });
    expect(() => compileRowAnonymiser('visits', { ip: { op: 'truncate-ip', ipv6Prefix: 129 } }, {})).toThrow(/^visits\.ip: ipv6Prefix/);
  });
});

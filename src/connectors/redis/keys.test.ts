// Key patterns: which exact keys or SCAN pattern a selection needs, and which keys belong to a pattern.
import { describe, expect, it } from 'vitest';
import { collectionModel } from '../testing.test-support.js';
import { keyPatternOf } from './introspection.js';
import { captureKey, indexSetOf, parseKeyPattern, planKeys } from './keys.js';

const sessions = collectionModel({
  name: 'sessions',
  fields: ['customer_id'],
  key: 'session:{customer}:*',
  identity: { customer: 'customer_id' },
});
const carts = collectionModel({ name: 'carts', fields: ['customer_id', 'shop'], key: 'cart:{shop}:{customer_id}' });

describe('redis key patterns', () => {
  it('maps identity placeholders to the fields holding them', () => {
    expect(parseKeyPattern(sessions).fields).toEqual(['customer_id']);
    expect(parseKeyPattern(carts).fields).toEqual(['shop', 'customer_id']);
  });

  it('reads exact keys when every placeholder is bound and no wildcard remains', () => {
    const plan = planKeys(parseKeyPattern(carts), [
      { field: 'shop', values: ['eu'] },
      { field: 'customer_id', values: [1, 2] },
    ]);
    expect(plan).toEqual({ mode: 'keys', keys: ['cart:eu:1', 'cart:eu:2'] });
  });

  it('scans one escaped pattern for one value, the generic pattern for several', () => {
    const pattern = parseKeyPattern(sessions);
    expect(planKeys(pattern, [{ field: 'customer_id', values: ['a*b'] }])).toMatchObject({ mode: 'scan', match: 'session:a\\*b:*' });
    const several = planKeys(pattern, [{ field: 'customer_id', values: [7, 8] }]);
    expect(several).toMatchObject({ mode: 'scan', match: 'session:*:*' });
    if (several.mode !== 'scan') throw new Error('expected a scan');
    expect(several.accepts(captureKey(pattern, 'session:7:x')!)).toBe(true);
    expect(several.accepts(captureKey(pattern, 'session:9:x')!)).toBe(false);
  });

  it('matches nothing when no bound value can be part of a key', () => {
    expect(planKeys(parseKeyPattern(carts), [{ field: 'customer_id', values: [null, 'a:b'] }])).toEqual({ mode: 'keys', keys: [] });
  });

  it('keeps placeholders within one key segment', () => {
    const pattern = parseKeyPattern(collectionModel({ name: 'c', fields: [], key: 'customer:{id}' }));
    expect(captureKey(pattern, 'customer:42')).toEqual(new Map([['id', '42']]));
    expect(captureKey(pattern, 'customer:42:cart')).toBeUndefined();
  });

  it('rejects placeholders that are not identifiers, and unbalanced braces', () => {
    expect(() => parseKeyPattern(collectionModel({ name: 'c', fields: [], key: 'x:{a-b}' }))).toThrow(/not a valid identifier/);
    expect(() => parseKeyPattern(collectionModel({ name: 'c', fields: [], key: 'x:{id' }))).toThrow(/unbalanced/);
  });

  it('groups keys into patterns by replacing numeric, uuid and hex segments', () => {
    expect(keyPatternOf('customer:42:cart')).toBe('customer:*:cart');
    expect(keyPatternOf('session:3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe('session:*');
    expect(keyPatternOf('token:deadbeefdeadbeef01')).toBe('token:*');
    expect(keyPatternOf('config:features')).toBe('config:features');
  });
});

const indexedSessions = (keyIndex?: string) =>
  collectionModel({
    name: 'sessions',
    fields: ['customer_id', 'id'],
    key: 'session:{customer}:{id}',
    identity: { customer: 'customer_id' },
    ...(keyIndex === undefined ? {} : { keyIndex }),
  });

describe('redis key indexes', () => {
  it('reads the index sets of the values a selection names, and scans only without an index', () => {
    const term = [{ field: 'customer_id', values: [42, 43] }];
    expect(planKeys(parseKeyPattern(indexedSessions()), term)).toMatchObject({ mode: 'scan', match: 'session:*:*' });
    const plan = planKeys(parseKeyPattern(indexedSessions('customer_sessions:{customer}')), term);
    expect(plan).toMatchObject({ mode: 'index', sets: ['customer_sessions:42', 'customer_sessions:43'] });
    // Every placeholder bound: the exact key, whatever the index.
    const exact = planKeys(parseKeyPattern(indexedSessions('customer_sessions:{customer_id}')), [...term, { field: 'id', values: [1] }]);
    expect(exact).toEqual({ mode: 'keys', keys: ['session:42:1', 'session:43:1'] });
  });

  it('names the set that lists a key', () => {
    const pattern = parseKeyPattern(indexedSessions('{customer}:sessions'));
    expect(indexSetOf(pattern, 'session:42:7')).toBe('42:sessions');
    expect(indexSetOf(pattern, 'elsewhere:42')).toBeUndefined();
    expect(indexSetOf(parseKeyPattern(indexedSessions()), 'session:42:7')).toBeUndefined();
  });

  it('refuses an index it could not spell or that lists keys by something else', () => {
    for (const keyIndex of ['sessions', 'by:{customer}:{id}', 'by:{ip}', 'by:*:{customer}']) {
      expect(() => parseKeyPattern(indexedSessions(keyIndex)), keyIndex).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    }
  });
});

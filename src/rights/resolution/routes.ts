// What a route selects: its values now, those not read yet, and the rows that match an identity; keys of rows.
import { toKeyValue, type KeyValue, type Row } from '../../connectors/index.js';
import type { CollectionModel, PolicyModel } from '../../policy/index.js';
import { foldCase } from '../identities.js';
import type { CollectionLookup, Route } from '../plan.js';
import { coerceForField, KeySet } from '../values.js';
import type { Where } from './types.js';

/** Every (identity, field) a collection holds, alternate columns included. */
export function identityFieldPairs(c: CollectionModel): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [identity, fields] of c.identityFields) for (const field of fields) pairs.push([identity, field]);
  return pairs;
}

/** The values a route selects now: the known identity's (typed for the field), or the keys read from its source. */
export function routeValues(
  r: Route,
  c: CollectionModel,
  known: ReadonlyMap<string, KeySet>,
  keys: ReadonlyMap<string, ReadonlyMap<string, KeySet>>,
): KeyValue[] {
  return r.kind === 'identity'
    ? (known.get(r.identity)?.values() ?? []).map((v) => coerceForField(String(v), c.fields.get(r.field)))
    : (keys.get(r.from)?.get(r.fromField)?.values() ?? []);
}

/**
 * Per route, in plan order, the values not read yet (one group each, an OR); `kinds` 'identity' keeps identity routes
 * only, 'all' takes every route ('all' after 'identity' in one round adds the references). `mark` notes them as read.
 */
export function freshGroups(
  l: CollectionLookup,
  c: CollectionModel,
  kinds: 'identity' | 'all',
  known: ReadonlyMap<string, KeySet>,
  keys: ReadonlyMap<string, ReadonlyMap<string, KeySet>>,
  queriedOf: (l: CollectionLookup, route: number) => KeySet,
  mark: boolean,
): Where[] {
  const groups: Where[] = [];
  for (const [index, r] of l.routes.entries()) {
    if ((kinds === 'identity' && r.kind !== 'identity') || r.kind === 'owned') continue;
    const seen = queriedOf(l, index);
    const values = routeValues(r, c, known, keys).filter((v) => (mark ? seen.add(v) : !seen.has(v)));
    if (values.length > 0) groups.push(whereOf(r.field, values));
  }
  return groups;
}

/** Tells whether a row matches one of the identity groups (then its identities are the person's). */
export function identityMatcher(model: PolicyModel, l: CollectionLookup, groups: readonly Where[]): (row: Row) => boolean {
  const tests = groups.flatMap((where) =>
    Object.entries(where).map(([field, values]) => {
      const route = l.routes.find((r) => r.kind === 'identity' && r.field === field);
      const folded = route?.kind === 'identity' && model.identities.get(route.identity)?.caseInsensitive === true;
      const set = new KeySet();
      for (const v of values) set.add(folded && typeof v === 'string' ? foldCase(v) : v);
      return { field, set, folded };
    }),
  );
  return (row) =>
    tests.some(({ field, set, folded }) => {
      const v = row[field];
      if (v === null || v === undefined) return false;
      const value = toKeyValue(v);
      return set.has(folded && typeof value === 'string' ? foldCase(value) : value);
    });
}

/** `{ field: values }`; built by assignment, which V8 does faster than a computed key in a literal. */
export function whereOf(field: string, values: readonly KeyValue[]): Where {
  const where: Record<string, readonly KeyValue[]> = {};
  where[field] = values;
  return where;
}

/** A field no two rows share: the collection's one-column primary key, or a field declared unique. */
export function isUniqueField(c: CollectionModel, field: string): boolean {
  return (c.primaryKey.length === 1 && c.primaryKey[0] === field) || c.fields.get(field)?.unique === true;
}

/** The row's primary key as text (the collection has one). */
export function rowKey(c: CollectionModel, row: Row): string {
  const [only] = c.primaryKey;
  if (c.primaryKey.length === 1 && only !== undefined) return String(toKeyValue(row[only] ?? null));
  return JSON.stringify(c.primaryKey.map((k) => toKeyValue(row[k] ?? null)));
}

export function identityCount(known: ReadonlyMap<string, KeySet>): number {
  let n = 0;
  for (const set of known.values()) n += set.size;
  return n;
}

export function setOf(values: readonly string[]): KeySet {
  const s = new KeySet();
  for (const v of values) s.add(v);
  return s;
}

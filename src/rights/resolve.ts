// Resolution: runs a plan's lookups through connectors and returns, per collection, the selections of the person's rows.
import type { Row } from '../connectors/index.js';
import { CustosError } from '../errors.js';
import type { CollectionModel, PolicyModel } from '../policy/index.js';
import type { ConnectorPool } from './connections.js';
import type { CollectionLookup, Identities, RightsPlan } from './plan.js';
import { coerceForField, KeySet, toKeyValue, type KeyValue } from './values.js';

/** AND of IN-lists on one collection, in a JSON-safe form. */
export type Where = Readonly<Record<string, readonly KeyValue[]>>;

export interface ResolvedRequest {
  /** The request's identities plus those found on rows matched by identity (expansion). */
  readonly identities: Readonly<Record<string, readonly string[]>>;
  /** Collection → selections; rows matching any selection are the person's. Absent: nothing to select. */
  readonly selections: Readonly<Record<string, readonly Where[]>>;
  /** False when no row matched any identity: the person is not known. */
  readonly found: boolean;
}

/**
 * Reads a collection's selected rows for a caller (access streams them to the package) and hands every row back
 * through `keep`, so the keys later lookups need are collected from the same read.
 */
export type CollectionVisitor = (
  lookup: CollectionLookup,
  collection: CollectionModel,
  wheres: readonly Where[],
  keep: (row: Row) => void,
) => Promise<void>;

export interface ResolveOptions {
  readonly signal?: AbortSignal | undefined;
  /** When given, every selected collection is visited in plan order and the resolver reads nothing in phase 2 itself. */
  readonly visit?: CollectionVisitor;
}

/** Upper bound on identity-expansion rounds (each round only queries values not seen before). */
const MAX_EXPANSION_ROUNDS = 5;

export async function resolveRequest(
  model: PolicyModel,
  plan: RightsPlan,
  identities: Identities,
  pool: ConnectorPool,
  options: ResolveOptions = {},
): Promise<ResolvedRequest> {
  const { signal, visit } = options;
  const known = new Map<string, KeySet>([...identities].map(([k, vs]) => [k, setOf(vs)]));
  const keys = new Map<string, Map<string, KeySet>>();
  const sources = new Set(plan.lookups.flatMap((l) => l.routes.flatMap((r) => (r.kind === 'reference' ? [r.from] : []))));
  let found = false;
  const collect = (l: CollectionLookup, c: CollectionModel, row: Row, expand: boolean) => {
    found = true;
    const byField = keys.get(l.collection) ?? new Map<string, KeySet>();
    keys.set(l.collection, byField);
    for (const f of l.keyFields) {
      const set = byField.get(f) ?? new KeySet();
      byField.set(f, set);
      set.add(toKeyValue(row[f] ?? null));
    }
    if (!expand) return;
    for (const [identity, field] of c.identity) {
      const v = row[field];
      if (v === null || v === undefined) continue;
      const text = String(toKeyValue(v));
      const set = known.get(identity) ?? new KeySet();
      known.set(identity, set);
      set.add(model.identities.get(identity)?.caseInsensitive ? text.toLowerCase() : text);
    }
  };
  const find = async (
    l: CollectionLookup,
    c: CollectionModel,
    where: Where | readonly Where[],
    fields: readonly string[],
    onRow: (row: Row) => void,
  ) => {
    const connector = await pool.get(l.dataset);
    for await (const page of connector.findPages({ collection: c, where }, { fields, ...(signal ? { signal } : {}) })) {
      for (const row of page) onRow(row);
    }
  };

  // Phase 1: identity expansion. Only a collection holding two identities or more can reveal a new one. Each round reads
  // such a collection once, with every identity value its routes have not seen yet (one OR), and just the fields later
  // lookups need.
  const queried = new Map<string, KeySet>();
  for (let round = 0, grew = true; grew && round < MAX_EXPANSION_ROUNDS; round++) {
    grew = false;
    for (const l of plan.lookups) {
      const c = collectionOf(model, l.collection);
      if (c.identity.size < 2) continue;
      const groups: Where[] = [];
      for (const r of l.routes) {
        if (r.kind !== 'identity') continue;
        const seen = queried.get(`${l.collection}\u0000${r.field}`) ?? new KeySet();
        queried.set(`${l.collection}\u0000${r.field}`, seen);
        const fresh = (known.get(r.identity)?.values() ?? [])
          .filter((v) => seen.add(v))
          .map((v) => coerceForField(String(v), c.fields.get(r.field)));
        if (fresh.length > 0) groups.push({ [r.field]: fresh });
      }
      if (groups.length === 0) continue;
      const before = identityCount(known);
      await find(l, c, groups, l.keyFields, (row) => collect(l, c, row, true));
      if (identityCount(known) > before) grew = true;
    }
  }

  // Phase 2: every lookup in plan order (a route's source is always resolved before it is read).
  const selections: Record<string, Where[]> = {};
  for (const l of plan.lookups) {
    signal?.throwIfAborted();
    const c = collectionOf(model, l.collection);
    const wheres: Where[] = [];
    for (const r of l.routes) {
      const values =
        r.kind === 'identity'
          ? (known.get(r.identity)?.values() ?? []).map((v) => coerceForField(String(v), c.fields.get(r.field)))
          : (keys.get(r.from)?.get(r.fromField)?.values() ?? []);
      if (values.length > 0) wheres.push({ [r.field]: values });
    }
    if (wheres.length === 0) continue;
    selections[l.collection] = wheres;
    if (visit) {
      await visit(l, c, wheres, (row) => collect(l, c, row, false));
    } else if (sources.has(l.collection) || (!found && c.identity.size === 1)) {
      // Sources feed later routes (their identity selections were read in phase 1 when they hold several identities);
      // a single-identity collection is read only while nothing proves the person exists yet.
      const unread = c.identity.size >= 2 ? wheres.filter((where) => !isIdentityWhere(l, where)) : wheres;
      if (unread.length > 0)
        await find(l, c, unread, l.keyFields.length > 0 ? l.keyFields : c.primaryKey, (row) => collect(l, c, row, false));
    }
  }
  return {
    identities: Object.fromEntries([...known].map(([k, set]) => [k, set.values().map(String)])),
    selections,
    found,
  };
}

/** True when the selection is one of the lookup's identity routes (rows matched by the person's own identities). */
export function isIdentityWhere(l: CollectionLookup, where: Where): boolean {
  const fields = Object.keys(where);
  return fields.length > 0 && fields.every((field) => l.routes.some((r) => r.kind === 'identity' && r.field === field));
}

function identityCount(known: ReadonlyMap<string, KeySet>): number {
  let n = 0;
  for (const set of known.values()) n += set.size;
  return n;
}

function setOf(values: readonly string[]): KeySet {
  const s = new KeySet();
  for (const v of values) s.add(v);
  return s;
}

export function collectionOf(model: PolicyModel, qualified: string): CollectionModel {
  const c = model.index.collections.get(qualified);
  if (!c) throw new CustosError({ code: 'invalid-input', message: `the plan names ${qualified}, which the manifest no longer declares` });
  return c;
}

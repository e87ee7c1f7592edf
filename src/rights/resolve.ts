// Resolution: runs a plan's lookups through connectors and returns, per collection, the selections of the person's rows.
import { rowsAtOnce, toKeyValue, type Connector, type ConnectorPool, type KeyValue, type Row } from '../connectors/index.js';
import { collectionOf, type CollectionModel, type PolicyModel } from '../policy/index.js';
import { foldCase, foldIdentity } from './identities.js';
import type { CollectionLookup, Identities, RightsPlan, Route } from './plan.js';
import { coerceForField, KeySet } from './values.js';

/** AND of IN-lists on one collection, in a JSON-safe form. */
export type Where = Readonly<Record<string, readonly KeyValue[]>>;

export interface ResolvedRequest {
  /** The request's identities plus those found on rows matched by identity (expansion). */
  readonly identities: Readonly<Record<string, readonly string[]>>;
  /**
   * Collection → selections; rows matching any selection are the person's. Absent: nothing to select, or a collection
   * resolution read whole and found none of the person's rows in.
   */
  readonly selections: Readonly<Record<string, readonly Where[]>>;
  /** False when no row matched any identity: the person is not known. */
  readonly found: boolean;
  /**
   * With `pin`: collection → the very rows resolution found, by primary key (one IN-list), for collections it read whole
   * that have a one-column key and at most `PINNED_ROWS` of the person's rows. Writing by key touches exactly the rows
   * resolved, and costs the store one index probe per row instead of one per route.
   */
  readonly pinned?: Readonly<Record<string, readonly Where[]>>;
  /**
   * Erasure: collection → field → the values of that field on the person's rows, for the parents of `null-reference`
   * operations with a `parent` (their referencing rows are detached by these keys).
   */
  readonly parentKeys?: Readonly<Record<string, Readonly<Record<string, readonly KeyValue[]>>>>;
  /** Collection → rows an `owns` link pointed at but other rows reference too: shared, left alone. */
  readonly shared?: Readonly<Record<string, number>>;
}

/**
 * Receives every row of the person, collection by collection in plan order, each row once (access streams them to the
 * package). The resolver does the reading: identity collections are read once, during expansion, with these fields.
 */
export interface CollectionVisitor {
  /**
   * The fields the caller needs of a collection's rows (the resolver adds the keys it needs itself). Returning the same
   * array for the same collection lets the resolver and the connector reuse what they derive from it.
   */
  fields(lookup: CollectionLookup, collection: CollectionModel): readonly string[];
  /** A page of the collection's rows; called only when there are rows. */
  page(lookup: CollectionLookup, collection: CollectionModel, rows: readonly Row[]): void | Promise<void>;
  /** After the collection's last page (also when it had none). */
  end(lookup: CollectionLookup, collection: CollectionModel): void | Promise<void>;
}

export interface ResolveOptions {
  readonly signal?: AbortSignal | undefined;
  /** When given, every selected collection's rows are handed to it in plan order. */
  readonly visit?: CollectionVisitor;
  /** Rows of one identity collection kept from expansion for the visitor (default 5,000); beyond, it is read again. */
  readonly keptRows?: number;
  /** Without a visitor: the rows of collections resolution reads whole anyway, with extra fields (erasure's intents). */
  readonly alsoRead?: AlsoRead;
  /** Without a visitor: also return `pinned`, the rows found of collections read whole, by primary key. */
  readonly pin?: boolean;
}

/**
 * Fields a caller wants of some collections' rows. A collection that resolution reads in full (it feeds other lookups)
 * is read once with them, and its rows handed over; the caller reads the others itself.
 */
export interface AlsoRead {
  /** The extra fields of this collection's rows, or undefined when none are wanted. */
  fields(collection: CollectionModel): readonly string[] | undefined;
  /** Every row of the collection's selections (called once, also with none). */
  rows(collection: CollectionModel, rows: readonly Row[]): void;
}

/** Upper bound on identity-expansion rounds (each round only queries values not seen before). */
const MAX_EXPANSION_ROUNDS = 5;

/**
 * Rows of one identity collection kept from expansion for the visitor, so it is not read twice. A person with more is
 * read again in phase 2 instead: memory stays bounded.
 */
const KEPT_ROWS = 5_000;

/**
 * Rows of one collection pinned by key at most; a person with more keeps the collection's selections (a longer IN-list
 * would be a statement of its own length, compiled and prepared anew, and the journaled resolution would grow with it).
 */
export const PINNED_ROWS = 64;

export async function resolveRequest(
  model: PolicyModel,
  plan: RightsPlan,
  identities: Identities,
  pool: ConnectorPool,
  options: ResolveOptions = {},
): Promise<ResolvedRequest> {
  const { signal, visit } = options;
  const keptRows = options.keptRows ?? KEPT_ROWS;
  const known = new Map<string, KeySet>([...identities].map(([k, vs]) => [k, setOf(vs)]));
  const keys = new Map<string, Map<string, KeySet>>();
  const sources = sourcesOf(plan);
  /** Per collection, per route (in the lookup's order): the values its rows were read for. */
  const queried = new Map<string, KeySet[]>();
  const queriedOf = (l: CollectionLookup, route: number) => {
    let sets = queried.get(l.collection);
    if (!sets) queried.set(l.collection, (sets = l.routes.map(() => new KeySet())));
    return sets[route]!;
  };
  /**
   * Collections expansion read: their rows kept for the visitor, by row key; 'not kept' when the visitor must have them
   * read again (no visitor, no primary key to tell rows apart, or more rows than `keptRows`).
   */
  const kept = new Map<string, Map<string, Row> | 'not kept'>();
  /** With `pin`: per collection with a one-column key, the keys of the person's rows read; 'too many' past PINNED_ROWS. */
  const pin = options.pin === true && !visit;
  const pins = new Map<string, KeySet | 'too many'>();
  let found = false;
  /** Collections whose rows decide whether an owned row is shared: the person's rows there, by row key. */
  const personRows = new Map<string, Set<string>>();
  for (const l of plan.lookups) {
    for (const r of l.routes) if (r.kind === 'owned') for (const ref of r.referrers) personRows.set(ref.collection, new Set());
  }
  const shared: Record<string, number> = {};
  /** Notes a row of the person's: its keys (a collection with any row has an entry in `keys`) and, by identity, identities. */
  const collect = (l: CollectionLookup, c: CollectionModel, row: Row, expand: boolean) => {
    found = true;
    if (pin) pinRow(l, c, row);
    let byField = keys.get(l.collection);
    if (!byField) keys.set(l.collection, (byField = new Map()));
    for (const f of l.keyFields) {
      let set = byField.get(f);
      if (!set) byField.set(f, (set = new KeySet()));
      set.add(toKeyValue(row[f] ?? null));
    }
    if (personRows.has(l.collection)) personRows.get(l.collection)?.add(rowKey(c, row));
    if (!expand) return;
    // Only an identity's first column vouches for new values: a backup column may name someone else (a colleague).
    for (const [identity, field] of c.identity) {
      const v = row[field];
      if (v === null || v === undefined) continue;
      const text = String(toKeyValue(v));
      let set = known.get(identity);
      if (!set) known.set(identity, (set = new KeySet()));
      const value = foldIdentity(model, identity, text);
      set.add(value);
      // A unique field's value names this very row: reading the collection by it again would find nothing new.
      if (isUniqueField(c, field)) {
        const route = l.routes.findIndex((r) => r.kind === 'identity' && r.field === field);
        if (route >= 0) queriedOf(l, route).add(value);
      }
    }
  };
  const pinRow = (l: CollectionLookup, c: CollectionModel, row: Row) => {
    const [key] = c.primaryKey;
    let set = pins.get(l.collection);
    if (set === 'too many' || key === undefined || c.primaryKey.length !== 1) return;
    if (!set) pins.set(l.collection, (set = new KeySet()));
    set.add(toKeyValue(row[key] ?? null));
    if (set.size > PINNED_ROWS) pins.set(l.collection, 'too many');
  };
  // The request's connectors, so a read of an opened store does not wait for the pool.
  const connectors = new Map<string, Connector>();
  const connectorOf = async (dataset: string) => {
    const connector = await pool.get(dataset);
    connectors.set(dataset, connector);
    return connector;
  };
  const read = async (
    l: CollectionLookup,
    c: CollectionModel,
    where: Where | readonly Where[],
    fields: readonly string[],
    onPage: (rows: readonly Row[]) => void | Promise<void>,
  ) => {
    const connector = connectors.get(l.dataset) ?? (await connectorOf(l.dataset));
    const selection = { collection: c, where };
    const options = signal ? { fields, signal } : { fields };
    const pages = connector.findPages(selection, options);
    // A small result the store read at once needs no iteration.
    const rows = rowsAtOnce(pages);
    if (rows) return rows.length > 0 ? onPage(rows) : undefined;
    for await (const page of pages) {
      const wait = onPage(page);
      if (wait) await wait;
    }
  };
  const fieldsFor = (l: CollectionLookup, c: CollectionModel, forVisitor: boolean): readonly string[] =>
    forVisitor && visit
      ? readFields(visit.fields(l, c), l, c)
      : pin
        ? alsoFields(l.keyFields, c.primaryKey)
        : l.keyFields.length > 0
          ? l.keyFields
          : c.primaryKey;

  const fresh = (l: CollectionLookup, c: CollectionModel, kinds: 'identity' | 'all', mark: boolean) =>
    freshGroups(l, c, kinds, known, keys, queriedOf, mark);

  // Phase 1: identity expansion. Only a collection holding two identities or more can reveal a new one. Each round reads
  // such a collection once, with every identity value its routes have not seen yet, and the values its references
  // have not seen yet (one OR); only rows matched by identity reveal identities. With a visitor, the rows are read
  // whole and kept, so phase 2 reads only what expansion did not.
  for (let round = 0, grew = true; grew && round < MAX_EXPANSION_ROUNDS; round++) {
    grew = false;
    for (const l of plan.lookups) {
      const c = collectionOf(model, l.collection);
      if (identityFieldPairs(c).length < 2) continue;
      const byIdentity = fresh(l, c, 'identity', true);
      if (byIdentity.length === 0) continue;
      const groups = [...byIdentity, ...fresh(l, c, 'all', true)];
      const matchesIdentity = groups.length > byIdentity.length ? identityMatcher(model, l, byIdentity) : undefined;
      const before = identityCount(known);
      if (!kept.has(l.collection)) kept.set(l.collection, visit && c.primaryKey.length > 0 ? new Map() : 'not kept');
      const keep = kept.get(l.collection);
      const rows = keep instanceof Map ? keep : undefined;
      await read(l, c, groups, fieldsFor(l, c, rows !== undefined), (page) => {
        for (const row of page) {
          collect(l, c, row, matchesIdentity ? matchesIdentity(row) : true);
          rows?.set(rowKey(c, row), row);
        }
        if (rows && rows.size > keptRows) {
          rows.clear();
          kept.set(l.collection, 'not kept');
        }
      });
      if (identityCount(known) > before) grew = true;
    }
  }

  // Phase 2: every lookup in plan order (a route's source is always resolved before it is read), for the values its
  // routes have not read yet; the person's selections name them all.
  const selections: Record<string, Where[]> = {};
  const pinned: Record<string, Where[]> = {};
  for (const l of plan.lookups) {
    signal?.throwIfAborted();
    const c = collectionOf(model, l.collection);
    const wheres: Where[] = [];
    const owned: Where[] = [];
    for (const r of l.routes) {
      const values =
        r.kind === 'owned'
          ? await unshared(r, c, routeValues(r, c, known, keys), model, connectorOf, personRows, shared, signal)
          : routeValues(r, c, known, keys);
      if (values.length > 0) (r.kind === 'owned' ? owned : wheres).push(whereOf(r.field, values));
    }
    wheres.push(...owned);
    // Only routes expansion has read from need their read values taken out (expansion never reads owned routes).
    const unread = queried.has(l.collection) ? [...fresh(l, c, 'all', false), ...owned] : wheres;
    let readWhole = unread.length === 0;
    if (visit) {
      // Rows kept from expansion are handed over first; when expansion gave up keeping them, all are read again.
      const state = kept.get(l.collection);
      const rows = state instanceof Map ? state : undefined;
      const given = rows && rows.size > 0 ? visit.page(l, c, [...rows.values()]) : undefined;
      if (given) await given;
      const toRead = state === 'not kept' ? wheres : unread;
      if (toRead.length > 0) {
        await read(l, c, toRead, fieldsFor(l, c, true), (page) => {
          const fresh = rows ? page.filter((row) => !rows.has(rowKey(c, row))) : page;
          for (const row of fresh) collect(l, c, row, false);
          return fresh.length > 0 ? visit.page(l, c, fresh) : undefined;
        });
      }
      const ended = visit.end(l, c);
      if (ended) await ended;
      readWhole = true;
    } else if (unread.length > 0 && (sources.has(l.collection) || (!found && c.identity.size === 1))) {
      // Sources feed later routes; a single-identity collection is read only while nothing proves the person exists yet.
      // Read whole (expansion read none of it), it also serves a caller that wants its rows.
      const extra = queried.has(l.collection) ? undefined : options.alsoRead?.fields(c);
      const rows: Row[] = [];
      await read(l, c, unread, extra ? alsoFields(fieldsFor(l, c, false), extra) : fieldsFor(l, c, false), (page) => {
        for (const row of page) collect(l, c, row, false);
        if (extra) rows.push(...page);
      });
      if (extra) options.alsoRead?.rows(c, rows);
      readWhole = true;
    }
    // A collection read whole that holds none of the person's rows needs no selection: nothing will be asked of it again
    // (an erasure opens no transaction on a store left with nothing to do).
    if (wheres.length > 0 && !(readWhole && !keys.has(l.collection))) {
      selections[l.collection] = wheres;
      const rows = readWhole ? pins.get(l.collection) : undefined;
      if (rows instanceof KeySet && rows.size > 0) pinned[l.collection] = [whereOf(c.primaryKey[0]!, rows.values())];
    }
  }
  const parentKeys = parentKeysOf(plan, keys);
  return {
    identities: Object.fromEntries([...known].map(([k, set]) => [k, set.values().map(String)])),
    selections,
    found,
    ...(pin ? { pinned } : {}),
    ...(parentKeys ? { parentKeys } : {}),
    ...(Object.keys(shared).length > 0 ? { shared } : {}),
  };
}

/** The keys erasure detaches referencing rows by (`null-reference` with a parent), from the person's rows read. */
function parentKeysOf(
  plan: RightsPlan,
  keys: ReadonlyMap<string, ReadonlyMap<string, KeySet>>,
): Record<string, Record<string, KeyValue[]>> | undefined {
  let out: Record<string, Record<string, KeyValue[]>> | undefined;
  for (const op of plan.erasure) {
    if (op.kind !== 'null-reference' || !op.parent) continue;
    const values = (keys.get(op.parent.collection)?.get(op.parent.field)?.values() ?? []).filter((v) => v !== null);
    out ??= {};
    (out[op.parent.collection] ??= {})[op.parent.field] = values;
  }
  return out;
}

/**
 * The values of an owned route that only the person's rows reference: a row that anyone else's row references too (an
 * address two customers share) is shared, counted in `shared`, and left out, so nothing reaches other people through it.
 */
async function unshared(
  r: Extract<Route, { kind: 'owned' }>,
  c: CollectionModel,
  candidates: readonly KeyValue[],
  model: PolicyModel,
  connectorOf: (dataset: string) => Promise<Connector>,
  personRows: ReadonlyMap<string, ReadonlySet<string>>,
  shared: Record<string, number>,
  signal: AbortSignal | undefined,
): Promise<KeyValue[]> {
  const wanted = candidates.filter((v) => v !== null);
  if (wanted.length === 0) return [];
  const sharedValues = new KeySet();
  for (const ref of r.referrers) {
    const referrer = collectionOf(model, ref.collection);
    // A unique field the person's own rows hold the values of: no other row of that collection can hold them.
    if (ref.collection === r.from && ref.field === r.fromField && isUniqueField(referrer, ref.field)) continue;
    const mine = personRows.get(ref.collection);
    const connector = await connectorOf(referrer.dataset);
    const fields = [...new Set([ref.field, ...referrer.primaryKey])];
    const options = signal ? { fields, signal } : { fields };
    for await (const page of connector.findPages({ collection: referrer, where: whereOf(ref.field, wanted) }, options)) {
      for (const row of page) {
        // Without a primary key a row cannot be told apart from the person's: count it as someone else's.
        const other = referrer.primaryKey.length === 0 || !mine?.has(rowKey(referrer, row));
        if (other) sharedValues.add(toKeyValue(row[ref.field] ?? null));
      }
    }
  }
  const kept = wanted.filter((v) => !sharedValues.has(v));
  if (kept.length < wanted.length) shared[c.qualifiedName] = (shared[c.qualifiedName] ?? 0) + wanted.length - kept.length;
  return kept;
}

/** Every (identity, field) a collection holds, alternate columns included. */
function identityFieldPairs(c: CollectionModel): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [identity, fields] of c.identityFields) for (const field of fields) pairs.push([identity, field]);
  return pairs;
}

/** The values a route selects now: the known identity's (typed for the field), or the keys read from its source. */
function routeValues(
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
function freshGroups(
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
function identityMatcher(model: PolicyModel, l: CollectionLookup, groups: readonly Where[]): (row: Row) => boolean {
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
function whereOf(field: string, values: readonly KeyValue[]): Where {
  const where: Record<string, readonly KeyValue[]> = {};
  where[field] = values;
  return where;
}

/** A field no two rows share: the collection's one-column primary key, or a field declared unique. */
function isUniqueField(c: CollectionModel, field: string): boolean {
  return (c.primaryKey.length === 1 && c.primaryKey[0] === field) || c.fields.get(field)?.unique === true;
}

/** The row's primary key as text (the collection has one). */
function rowKey(c: CollectionModel, row: Row): string {
  const [only] = c.primaryKey;
  if (c.primaryKey.length === 1 && only !== undefined) return String(toKeyValue(row[only] ?? null));
  return JSON.stringify(c.primaryKey.map((k) => toKeyValue(row[k] ?? null)));
}

/** The visitor's fields plus the keys the resolver needs, each once; the same array each time for the same inputs. */
const readFieldsCache = new WeakMap<readonly string[], WeakMap<CollectionLookup, readonly string[]>>();

function readFields(wanted: readonly string[], l: CollectionLookup, c: CollectionModel): readonly string[] {
  let byLookup = readFieldsCache.get(wanted);
  if (!byLookup) readFieldsCache.set(wanted, (byLookup = new WeakMap()));
  let fields = byLookup.get(l);
  if (!fields) byLookup.set(l, (fields = [...new Set([...wanted, ...l.keyFields, ...c.primaryKey])]));
  return fields;
}

/** The resolver's fields plus a caller's extra ones, each once; the same array each time for the same inputs. */
const alsoFieldsCache = new WeakMap<readonly string[], WeakMap<readonly string[], readonly string[]>>();

function alsoFields(own: readonly string[], extra: readonly string[]): readonly string[] {
  let byExtra = alsoFieldsCache.get(own);
  if (!byExtra) alsoFieldsCache.set(own, (byExtra = new WeakMap()));
  let fields = byExtra.get(extra);
  if (!fields) byExtra.set(extra, (fields = [...new Set([...own, ...extra])]));
  return fields;
}

/** Collections other lookups' routes read keys from (plans are cached, so this is worked out once per plan). */
const sourcesCache = new WeakMap<RightsPlan, ReadonlySet<string>>();

function sourcesOf(plan: RightsPlan): ReadonlySet<string> {
  let sources = sourcesCache.get(plan);
  if (!sources) {
    sources = new Set([
      ...plan.lookups.flatMap((l) =>
        l.routes.flatMap((r) =>
          r.kind === 'reference' ? [r.from] : r.kind === 'owned' ? [r.from, ...r.referrers.map((x) => x.collection)] : [],
        ),
      ),
      ...plan.erasure.flatMap((op) => (op.kind === 'null-reference' && op.parent ? [op.parent.collection] : [])),
    ]);
    sourcesCache.set(plan, sources);
  }
  return sources;
}

/**
 * The selections that write or count the person's rows in `collection`: the rows resolution pinned by key where it
 * pinned them (`ResolveOptions.pin`), else every route's selection; none when there is nothing to select.
 */
export function selectionsOf(resolved: ResolvedRequest, collection: string): readonly Where[] {
  return resolved.pinned?.[collection] ?? resolved.selections[collection] ?? [];
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

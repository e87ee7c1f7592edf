// Resolution: runs a plan's lookups through connectors and returns, per collection, the selections of the person's rows.
// The phases are here; what they share is one PersonRows (resolution/person.ts), the reads one StoreReads.
import type { ConnectorPool, Row } from '../connectors/index.js';
import { collectionOf, type CollectionModel, type PolicyModel } from '../policy/index.js';
import type { CollectionLookup, Identities, RightsPlan } from './plan.js';
import { alsoFields, readFields, sourcesOf } from './resolution/fields.js';
import { PersonRows } from './resolution/person.js';
import { StoreReads } from './resolution/reads.js';
import { identityCount, identityFieldPairs, identityMatcher, routeValues, rowKey, whereOf } from './resolution/routes.js';
import { parentKeysOf } from './resolution/selections.js';
import { unshared } from './resolution/shared.js';
import { KEPT_ROWS, MAX_EXPANSION_ROUNDS, type ResolvedRequest, type ResolveOptions, type Where } from './resolution/types.js';
import { KeySet } from './values.js';

export { isIdentityWhere, selectionsOf } from './resolution/selections.js';
export {
  PINNED_ROWS,
  type AlsoRead,
  type CollectionVisitor,
  type ResolvedRequest,
  type ResolveOptions,
  type Where,
} from './resolution/types.js';

/** What every phase works with: the request's model, plan and options, what is known of the person, and the reads. */
interface Resolution {
  readonly model: PolicyModel;
  readonly plan: RightsPlan;
  readonly options: ResolveOptions;
  readonly person: PersonRows;
  readonly reads: StoreReads;
}

export async function resolveRequest(
  model: PolicyModel,
  plan: RightsPlan,
  identities: Identities,
  pool: ConnectorPool,
  options: ResolveOptions = {},
): Promise<ResolvedRequest> {
  const person = new PersonRows(model, plan, identities, options.pin === true && !options.visit);
  const r: Resolution = { model, plan, options, person, reads: new StoreReads(pool, options.signal) };
  await expandIdentities(r);
  const { selections, pinned } = await selectRows(r);
  const parentKeys = parentKeysOf(plan, person.keys);
  return {
    identities: Object.fromEntries([...person.known].map(([k, set]) => [k, set.values().map(String)])),
    selections,
    found: person.found,
    ...(person.pin ? { pinned } : {}),
    ...(parentKeys ? { parentKeys } : {}),
    ...(Object.keys(person.shared).length > 0 ? { shared: person.shared } : {}),
  };
}

/** The fields read of a collection's rows: the visitor's (with the keys), else the keys (and primary key, to pin). */
function fieldsFor({ options, person }: Resolution, l: CollectionLookup, c: CollectionModel, forVisitor: boolean): readonly string[] {
  return forVisitor && options.visit
    ? readFields(options.visit.fields(l, c), l, c)
    : person.pin
      ? alsoFields(l.keyFields, c.primaryKey)
      : l.keyFields.length > 0
        ? l.keyFields
        : c.primaryKey;
}

/**
 * Phase 1: identity expansion. Only a collection holding two identities or more can reveal a new one. Each round reads
 * such a collection once, with every identity value its routes have not seen yet, and the values its references have not
 * seen yet (one OR); only rows matched by identity reveal identities. With a visitor, the rows are read whole and kept,
 * so phase 2 reads only what expansion did not.
 */
async function expandIdentities(r: Resolution): Promise<void> {
  const { model, plan, options, person, reads } = r;
  const keptRows = options.keptRows ?? KEPT_ROWS;
  for (let round = 0, grew = true; grew && round < MAX_EXPANSION_ROUNDS; round++) {
    grew = false;
    for (const l of plan.lookups) {
      const c = collectionOf(model, l.collection);
      if (identityFieldPairs(c).length < 2) continue;
      const byIdentity = person.fresh(l, c, 'identity', true);
      if (byIdentity.length === 0) continue;
      const groups = [...byIdentity, ...person.fresh(l, c, 'all', true)];
      const matchesIdentity = groups.length > byIdentity.length ? identityMatcher(model, l, byIdentity) : undefined;
      const before = identityCount(person.known);
      if (!person.kept.has(l.collection)) person.kept.set(l.collection, options.visit && c.primaryKey.length > 0 ? new Map() : 'not kept');
      const keep = person.kept.get(l.collection);
      const rows = keep instanceof Map ? keep : undefined;
      await reads.read(l, c, groups, fieldsFor(r, l, c, rows !== undefined), (page) => {
        for (const row of page) {
          person.collect(l, c, row, matchesIdentity ? matchesIdentity(row) : true);
          rows?.set(rowKey(c, row), row);
        }
        if (rows && rows.size > keptRows) {
          rows.clear();
          person.kept.set(l.collection, 'not kept');
        }
      });
      if (identityCount(person.known) > before) grew = true;
    }
  }
}

/**
 * Phase 2: every lookup in plan order (a route's source is always resolved before it is read), for the values its routes
 * have not read yet; the person's selections name them all.
 */
async function selectRows(r: Resolution): Promise<{ selections: Record<string, Where[]>; pinned: Record<string, Where[]> }> {
  const { model, plan, options, person, reads } = r;
  const { signal, visit } = options;
  const sources = sourcesOf(plan);
  const selections: Record<string, Where[]> = {};
  const pinned: Record<string, Where[]> = {};
  for (const l of plan.lookups) {
    signal?.throwIfAborted();
    const c = collectionOf(model, l.collection);
    const wheres: Where[] = [];
    const owned: Where[] = [];
    for (const route of l.routes) {
      const values =
        route.kind === 'owned'
          ? await unshared(
              route,
              c,
              routeValues(route, c, person.known, person.keys),
              model,
              reads.connectorOf,
              person.personRows,
              person.shared,
              signal,
            )
          : routeValues(route, c, person.known, person.keys);
      if (values.length > 0) (route.kind === 'owned' ? owned : wheres).push(whereOf(route.field, values));
    }
    wheres.push(...owned);
    // Only routes expansion has read from need their read values taken out (expansion never reads owned routes).
    const unread = person.expanded(l.collection) ? [...person.fresh(l, c, 'all', false), ...owned] : wheres;
    let readWhole = unread.length === 0;
    if (visit) {
      // Rows kept from expansion are handed over first; when expansion gave up keeping them, all are read again.
      const state = person.kept.get(l.collection);
      const rows = state instanceof Map ? state : undefined;
      const given = rows && rows.size > 0 ? visit.page(l, c, [...rows.values()]) : undefined;
      if (given) await given;
      const toRead = state === 'not kept' ? wheres : unread;
      if (toRead.length > 0) {
        await reads.read(l, c, toRead, fieldsFor(r, l, c, true), (page) => {
          const fresh = rows ? page.filter((row) => !rows.has(rowKey(c, row))) : page;
          for (const row of fresh) person.collect(l, c, row, false);
          return fresh.length > 0 ? visit.page(l, c, fresh) : undefined;
        });
      }
      const ended = visit.end(l, c);
      if (ended) await ended;
      readWhole = true;
    } else if (unread.length > 0 && (sources.has(l.collection) || (!person.found && c.identity.size === 1))) {
      // Sources feed later routes; a single-identity collection is read only while nothing proves the person exists yet.
      // Read whole (expansion read none of it), it also serves a caller that wants its rows.
      const extra = person.expanded(l.collection) ? undefined : options.alsoRead?.fields(c);
      const rows: Row[] = [];
      await reads.read(l, c, unread, extra ? alsoFields(fieldsFor(r, l, c, false), extra) : fieldsFor(r, l, c, false), (page) => {
        for (const row of page) person.collect(l, c, row, false);
        if (extra) rows.push(...page);
      });
      if (extra) options.alsoRead?.rows(c, rows);
      readWhole = true;
    }
    // A collection read whole that holds none of the person's rows needs no selection: nothing will be asked of it again
    // (an erasure opens no transaction on a store left with nothing to do).
    if (wheres.length > 0 && !(readWhole && !person.keys.has(l.collection))) {
      selections[l.collection] = wheres;
      const rows = readWhole ? person.pins.get(l.collection) : undefined;
      if (rows instanceof KeySet && rows.size > 0) pinned[l.collection] = [whereOf(c.primaryKey[0]!, rows.values())];
    }
  }
  return { selections, pinned };
}

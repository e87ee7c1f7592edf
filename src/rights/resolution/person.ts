// What resolution has learnt of the person so far: identities, the keys of their rows, the values each route has read,
// the rows kept for a visitor and pinned by key. One object, passed to each phase, instead of maps shared by closures.
import { toKeyValue, type Row } from '../../connectors/index.js';
import type { CollectionModel, PolicyModel } from '../../policy/index.js';
import { foldIdentity } from '../identities.js';
import type { CollectionLookup, Identities, RightsPlan } from '../plan.js';
import { KeySet } from '../values.js';
import { freshGroups, isUniqueField, rowKey, setOf } from './routes.js';
import { PINNED_ROWS, type Where } from './types.js';

export class PersonRows {
  /** Identity key → the person's values: the request's, and those found on rows matched by identity. */
  readonly known: Map<string, KeySet>;
  /** Collection → key field → the values of the person's rows read (a collection with any row has an entry). */
  readonly keys = new Map<string, Map<string, KeySet>>();
  /**
   * Collections expansion read: their rows kept for the visitor, by row key; 'not kept' when the visitor must have them
   * read again (no visitor, no primary key to tell rows apart, or more rows than `keptRows`).
   */
  readonly kept = new Map<string, Map<string, Row> | 'not kept'>();
  /** With `pin`: per collection with a one-column key, the keys of the person's rows read; 'too many' past PINNED_ROWS. */
  readonly pins = new Map<string, KeySet | 'too many'>();
  /** Collections whose rows decide whether an owned row is shared: the person's rows there, by row key. */
  readonly personRows = new Map<string, Set<string>>();
  /** Collection → rows an `owns` link pointed at that other rows reference too. */
  readonly shared: Record<string, number> = {};
  /** True once any row of the person was read. */
  found = false;
  /** Per collection, per route (in the lookup's order): the values its rows were read for. */
  readonly #queried = new Map<string, KeySet[]>();

  constructor(
    readonly model: PolicyModel,
    plan: RightsPlan,
    identities: Identities,
    /** Whether to pin the rows read by key (`ResolveOptions.pin`, without a visitor). */
    readonly pin: boolean,
  ) {
    this.known = new Map([...identities].map(([k, vs]) => [k, setOf(vs)]));
    for (const l of plan.lookups) {
      for (const r of l.routes) if (r.kind === 'owned') for (const ref of r.referrers) this.personRows.set(ref.collection, new Set());
    }
  }

  /** The values a route of the collection has been read for. */
  readonly queriedOf = (l: CollectionLookup, route: number): KeySet => {
    let sets = this.#queried.get(l.collection);
    if (!sets) this.#queried.set(l.collection, (sets = l.routes.map(() => new KeySet())));
    return sets[route]!;
  };

  /** True when expansion read some of the collection (its read values must then be taken out of later reads). */
  expanded(collection: string): boolean {
    return this.#queried.has(collection);
  }

  /** The groups of values the collection's routes have not read yet (`freshGroups`); `mark` notes them as read. */
  fresh(l: CollectionLookup, c: CollectionModel, kinds: 'identity' | 'all', mark: boolean): Where[] {
    return freshGroups(l, c, kinds, this.known, this.keys, this.queriedOf, mark);
  }

  /** Notes a row of the person's: its keys and, when it was matched by identity (`expand`), its identities. */
  collect(l: CollectionLookup, c: CollectionModel, row: Row, expand: boolean): void {
    this.found = true;
    if (this.pin) this.#pinRow(l, c, row);
    let byField = this.keys.get(l.collection);
    if (!byField) this.keys.set(l.collection, (byField = new Map()));
    for (const f of l.keyFields) {
      let set = byField.get(f);
      if (!set) byField.set(f, (set = new KeySet()));
      set.add(toKeyValue(row[f] ?? null));
    }
    if (this.personRows.has(l.collection)) this.personRows.get(l.collection)?.add(rowKey(c, row));
    if (!expand) return;
    // Only an identity's first column vouches for new values: a backup column may name someone else (a colleague).
    for (const [identity, field] of c.identity) {
      const v = row[field];
      if (v === null || v === undefined) continue;
      const text = String(toKeyValue(v));
      let set = this.known.get(identity);
      if (!set) this.known.set(identity, (set = new KeySet()));
      const value = foldIdentity(this.model, identity, text);
      set.add(value);
      // A unique field's value names this very row: reading the collection by it again would find nothing new.
      if (isUniqueField(c, field)) {
        const route = l.routes.findIndex((r) => r.kind === 'identity' && r.field === field);
        if (route >= 0) this.queriedOf(l, route).add(value);
      }
    }
  }

  #pinRow(l: CollectionLookup, c: CollectionModel, row: Row): void {
    const [key] = c.primaryKey;
    let set = this.pins.get(l.collection);
    if (set === 'too many' || key === undefined || c.primaryKey.length !== 1) return;
    if (!set) this.pins.set(l.collection, (set = new KeySet()));
    set.add(toKeyValue(row[key] ?? null));
    if (set.size > PINNED_ROWS) this.pins.set(l.collection, 'too many');
  }
}

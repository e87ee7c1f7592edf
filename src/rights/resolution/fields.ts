// The fields resolution reads of a collection, and the collections that feed other lookups: worked out once per plan.
import type { CollectionModel } from '../../policy/index.js';
import type { CollectionLookup, RightsPlan } from '../plan.js';

/** The visitor's fields plus the keys the resolver needs, each once; the same array each time for the same inputs. */
const readFieldsCache = new WeakMap<readonly string[], WeakMap<CollectionLookup, readonly string[]>>();

export function readFields(wanted: readonly string[], l: CollectionLookup, c: CollectionModel): readonly string[] {
  let byLookup = readFieldsCache.get(wanted);
  if (!byLookup) readFieldsCache.set(wanted, (byLookup = new WeakMap()));
  let fields = byLookup.get(l);
  if (!fields) byLookup.set(l, (fields = [...new Set([...wanted, ...l.keyFields, ...c.primaryKey])]));
  return fields;
}

/** The resolver's fields plus a caller's extra ones, each once; the same array each time for the same inputs. */
const alsoFieldsCache = new WeakMap<readonly string[], WeakMap<readonly string[], readonly string[]>>();

export function alsoFields(own: readonly string[], extra: readonly string[]): readonly string[] {
  let byExtra = alsoFieldsCache.get(own);
  if (!byExtra) alsoFieldsCache.set(own, (byExtra = new WeakMap()));
  let fields = byExtra.get(extra);
  if (!fields) byExtra.set(extra, (fields = [...new Set([...own, ...extra])]));
  return fields;
}

/** Collections other lookups' routes read keys from (plans are cached, so this is worked out once per plan). */
const sourcesCache = new WeakMap<RightsPlan, ReadonlySet<string>>();

export function sourcesOf(plan: RightsPlan): ReadonlySet<string> {
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

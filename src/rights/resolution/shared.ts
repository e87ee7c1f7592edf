// Owned rows other people's rows reference too (an address two customers share): found, counted and left out.
import { toKeyValue, type Connector, type KeyValue } from '../../connectors/index.js';
import { collectionOf, type CollectionModel, type PolicyModel } from '../../policy/index.js';
import type { Route } from '../plan.js';
import { KeySet } from '../values.js';
import { isUniqueField, rowKey, whereOf } from './routes.js';

/**
 * The values of an owned route that only the person's rows reference: a row that anyone else's row references too (an
 * address two customers share) is shared, counted in `shared`, and left out, so nothing reaches other people through it.
 */
export async function unshared(
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

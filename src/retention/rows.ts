// Reading what a retention decision needs from a provider's store: each row's clock (through references, parents read
// once into a map), whether it is restricted, and which hold records of erasures cover it.
import { addDuration, type CollectionModel, type LegalHoldModel, type PolicyModel } from '../policy/index.js';
import { primaryKeyOf, toKeyValue, type ConnectorPool, type Row, type Value } from '../connectors/index.js';
import type { HoldRecord } from '../store/index.js';
import { instantOf } from './clocks.js';
import type { RetentionClock, RetentionCondition } from './conditions.js';

/** A value as a map key or a comparison: numbers, bigints and numeric text alike, booleans as 1 and 0 (SQLite's and MySQL's). */
export function valueKey(v: Value | undefined): string {
  if (v === undefined) return '';
  if (v === true || v === 'true') return '1';
  if (v === false || v === 'false') return '0';
  return String(toKeyValue(v));
}

/**
 * A row's clock in epoch milliseconds (undefined when the row, or the row it refers to, has no date yet), and whether a
 * row the clock is read through is restricted (art. 18): a restricted customer's orders, which expire with the customer's
 * contract, are kept with the customer.
 */
export type ClockReading = (row: Row) => { readonly at: number | undefined; readonly restrictedParent: boolean };

/** One parent row as a clock reads it: the value the next step needs, and whether the row is restricted. */
interface ParentRow {
  readonly value: Value;
  readonly restricted: boolean;
}

/** Parent maps read once per sweep or plan: `collection|key|field` → key value → the parent row's value. */
export type ParentCache = Map<string, Promise<ReadonlyMap<string, ParentRow>>>;

/** The function that reads a row's clock; a clock through references reads each parent collection once, into a map. */
export async function clockReading(
  model: PolicyModel,
  pool: ConnectorPool,
  clock: RetentionClock,
  cache: ParentCache,
  signal?: AbortSignal,
): Promise<ClockReading> {
  const [first, ...rest] = clock.hops;
  if (first === undefined) return (row) => ({ at: instantOf(row[clock.field]), restrictedParent: false });
  // From the row to the last collection: each map turns a reference's value into the next one's, the last into the date.
  const hops = [first, ...rest];
  const steps: ReadonlyMap<string, ParentRow>[] = [];
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    steps.push(await parentMap(model, pool, hop.collection, hop.key, hops[i + 1]?.field ?? clock.field, cache, signal));
  }
  return (row) => {
    let v: Value | undefined = row[first.field];
    let restrictedParent = false;
    for (const map of steps) {
      if (v === null || v === undefined) return { at: undefined, restrictedParent };
      const parent = map.get(valueKey(v));
      restrictedParent ||= parent?.restricted === true;
      v = parent?.value;
    }
    return { at: instantOf(v), restrictedParent };
  };
}

function parentMap(
  model: PolicyModel,
  pool: ConnectorPool,
  qualified: string,
  key: string,
  field: string,
  cache: ParentCache,
  signal?: AbortSignal,
): Promise<ReadonlyMap<string, ParentRow>> {
  const id = `${qualified}|${key}|${field}`;
  let found = cache.get(id);
  if (found === undefined) {
    found = readParentMap(model, pool, qualified, key, field, signal);
    cache.set(id, found);
  }
  return found;
}

async function readParentMap(
  model: PolicyModel,
  pool: ConnectorPool,
  qualified: string,
  key: string,
  field: string,
  signal?: AbortSignal,
): Promise<ReadonlyMap<string, ParentRow>> {
  const collection = model.index.collections.get(qualified) as CollectionModel;
  const connector = await pool.get(collection.dataset);
  const restriction = collection.restriction;
  const restrictedValue = restriction && valueKey(restriction.value);
  const fields = restriction ? [key, field, restriction.field] : [key, field];
  const map = new Map<string, ParentRow>();
  for await (const page of connector.findPages({ collection, where: {} }, signal === undefined ? { fields } : { fields, signal })) {
    for (const row of page) {
      const restricted = restriction !== undefined && valueKey(row[restriction.field]) === restrictedValue;
      map.set(valueKey(row[key]), { value: row[field] ?? null, restricted });
    }
  }
  return map;
}

/** The fields a condition reads of each row: key, clocks' first fields, restriction flag, anonymised fields, held selections. */
export function fieldsRead(
  collection: CollectionModel,
  condition: Partial<Pick<RetentionCondition, 'clock' | 'then' | 'restriction' | 'operators'>>,
  holds: readonly HoldRecord[],
): string[] {
  const names = new Set<string>(collection.primaryKey);
  const clockField = (c: RetentionClock | undefined) => c && (c.hops[0]?.field ?? c.field);
  for (const name of [clockField(condition.clock), clockField(condition.then?.clock), condition.restriction?.field]) {
    if (name !== undefined) names.add(name);
  }
  for (const op of condition.operators ?? []) names.add(op.field);
  for (const h of holds) {
    if (h.from !== undefined) names.add(h.from);
    for (const where of selectionsOf(h)) for (const field of Object.keys(where)) names.add(field);
  }
  return [...names];
}

/** The hold records of one collection (erasures name it unqualified, with its dataset). */
export function recordsOf(collection: CollectionModel, records: readonly HoldRecord[]): readonly HoldRecord[] {
  return records.filter(
    (h) => h.dataset === collection.dataset && (h.collection === collection.name || h.collection === collection.qualifiedName),
  );
}

/** Hold records an erasure left on a collection, as a row test: when the row is held, the hold's end (ISO day) or null. */
export function heldBy(
  model: PolicyModel,
  collection: CollectionModel,
  records: readonly HoldRecord[],
  now: Date,
): (row: Row) => { readonly hold: string; readonly until: string | null } | undefined {
  const today = now.toISOString().slice(0, 10);
  const mine = recordsOf(collection, records);
  if (mine.length === 0) return () => undefined;
  const byKey = new Map<string, HoldRecord[]>();
  const bySelection: { readonly record: HoldRecord; readonly wheres: readonly WhereLists[] }[] = [];
  for (const h of mine) {
    if (h.key.startsWith('[')) bySelection.push({ record: h, wheres: selectionsOf(h) });
    else byKey.set(h.key, [...(byKey.get(h.key) ?? []), h]);
  }
  const endOf = (h: HoldRecord, row: Row): string | null => {
    const legal: LegalHoldModel | undefined = model.legalHolds.get(h.hold);
    const start = h.from === undefined ? undefined : instantOf(row[h.from]);
    if (start !== undefined && legal?.duration) return addDuration(new Date(start), legal.duration).toISOString().slice(0, 10);
    return h.until ?? null;
  };
  return (row) => {
    const keyText = collection.primaryKey.length === 0 ? undefined : JSON.stringify(primaryKeyOf(collection, row));
    const candidates = [
      ...(keyText === undefined ? [] : (byKey.get(keyText) ?? [])),
      ...bySelection.filter(({ wheres }) => selects(wheres, row)).map(({ record }) => record),
    ];
    let kept: { hold: string; until: string | null } | undefined;
    for (const h of candidates) {
      const until = endOf(h, row);
      if (until !== null && until <= today) continue; // ended: it keeps nothing
      if (kept === undefined || until === null || (kept.until !== null && until > kept.until)) kept = { hold: h.hold, until };
    }
    return kept;
  };
}

type WhereLists = Readonly<Record<string, readonly unknown[]>>;

function selectionsOf(h: HoldRecord): readonly WhereLists[] {
  if (!h.key.startsWith('[')) return [];
  try {
    const parsed: unknown = JSON.parse(h.key);
    return Array.isArray(parsed) ? parsed.filter((w): w is WhereLists => typeof w === 'object' && w !== null && !Array.isArray(w)) : [];
  } catch {
    return [];
  }
}

/** The row matches one of a record's selections: every field's value in its list. */
function selects(wheres: readonly WhereLists[], row: Row): boolean {
  return wheres.some((where) =>
    Object.entries(where).every(([field, values]) => values.some((v) => valueKey(v as Value) === valueKey(row[field]))),
  );
}

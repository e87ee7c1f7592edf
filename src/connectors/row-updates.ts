// Per-row updates: rows named by their key fields, each given values of its own (keyed hashes, truncated IPs).
import { CustosError } from '../errors.js';
import type { CollectionModel } from '../policy/index.js';
import type { ConnectorSession, RowUpdate, Value } from './connector.js';
import { checkAssignments, keyWhere } from './selection.js';
import { checkIdentifier } from './identifiers.js';
import { jsonReplacer } from './values.js';

/** Updates that set the same fields on rows named by the same one key field: one statement's worth on a SQL store. */
export interface RowUpdateGroup {
  readonly key: string;
  readonly fields: readonly string[];
  /** Key value of each row, and its values of `fields` in order. */
  readonly rows: readonly { readonly key: Value; readonly values: readonly Value[] }[];
}

/**
 * Validates per-row updates (CustosError 'invalid-input'): each names a row by at least one field and sets at least one.
 * Returns them with a row named twice merged into one (the later values win), in first-seen order.
 */
export function checkRowUpdates(collection: CollectionModel, rows: readonly RowUpdate[]): readonly RowUpdate[] {
  if (!Array.isArray(rows)) throw invalid(`the per-row updates of ${collection.qualifiedName} are not a list`);
  const merged = new Map<string, { key: Readonly<Record<string, Value>>; set: Record<string, Value> }>();
  for (const row of rows) {
    const keyEntries = typeof row?.key === 'object' && row.key !== null ? Object.entries(row.key) : [];
    if (keyEntries.length === 0) throw invalid(`a per-row update of ${collection.qualifiedName} names its row by no field`);
    for (const [field] of keyEntries) checkIdentifier(field, `key field of ${collection.qualifiedName}`);
    checkAssignments(collection, row.set);
    const text = rowKeyText(keyEntries);
    const earlier = merged.get(text);
    if (earlier) Object.assign(earlier.set, row.set);
    else merged.set(text, { key: row.key, set: { ...row.set } });
  }
  return [...merged.values()];
}

/**
 * The row a key names, as text: equal for equal keys whatever the order of their fields. A key of one field holding a
 * plain value (the usual primary key) is told apart without sorting or a replacer; a per-row update runs on many rows.
 */
function rowKeyText(entries: [string, unknown][]): string {
  const [only] = entries;
  if (entries.length === 1 && only !== undefined) {
    const value = only[1];
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return JSON.stringify([[only[0], value]]);
  }
  return JSON.stringify(
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    jsonReplacer,
  );
}

/**
 * Checked updates grouped for one statement each (same key field, same fields set); undefined when some row is named by
 * several fields, or sets a key field (a SQL store that assigns left to right would then compare the key with its new
 * value): those go row by row.
 */
export function groupRowUpdates(rows: readonly RowUpdate[]): RowUpdateGroup[] | undefined {
  const groups = new Map<string, { key: string; fields: string[]; rows: { key: Value; values: Value[] }[] }>();
  for (const row of rows) {
    const keyFields = Object.keys(row.key);
    const key = keyFields[0];
    if (keyFields.length !== 1 || key === undefined || key in row.set) return undefined;
    const fields = Object.keys(row.set).filter((field) => row.set[field] !== undefined);
    if (fields.length === 0) continue;
    const signature = `${key} ${fields.join(',')}`;
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = { key, fields, rows: [] }));
    group.rows.push({ key: row.key[key] ?? null, values: fields.map((field) => row.set[field] ?? null) });
  }
  return [...groups.values()];
}

/** One update per row, for stores that cannot give several rows values of their own in one statement. */
export async function updateRowByRow(
  session: Pick<ConnectorSession, 'update'>,
  collection: CollectionModel,
  rows: readonly RowUpdate[],
): Promise<number> {
  let total = 0;
  for (const row of rows) total += await session.update({ collection, where: keyWhere(row.key) }, row.set);
  return total;
}

function invalid(message: string): CustosError {
  return new CustosError({ code: 'invalid-input', message });
}

// Key values as they travel from rows into selections and journals: JSON-safe, the primary key of a row by field.
import type { Row, Value } from './connector.js';
import type { CollectionModel } from '../policy/index.js';

/** A value that survives a JSON round trip through the journal. */
export type KeyValue = string | number | boolean | null;

export function toKeyValue(v: Value): KeyValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  return Buffer.from(v).toString('hex');
}

/** A row's primary-key values, by field. */
export function primaryKeyOf(collection: CollectionModel, row: Row): Record<string, KeyValue> {
  const key: Record<string, KeyValue> = {};
  for (const k of collection.primaryKey) key[k] = toKeyValue(row[k] ?? null);
  return key;
}

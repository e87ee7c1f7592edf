// Key values as they travel from rows into selections and the journal: JSON-safe, typed by the field they match.
import type { Row, Value } from '../connectors/index.js';
import type { CollectionModel, FieldModel } from '../policy/index.js';

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

/** Converts a request's text value to the type of the field it is compared with. */
export function coerceForField(value: string, field: FieldModel | undefined): KeyValue {
  if (field?.type === 'integer' && /^-?\d+$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (field?.type === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return value;
}

/** A set of key values that treats 42 and "42" alike (stores differ in how they return integers). */
export class KeySet {
  readonly #seen = new Map<string, KeyValue>();

  add(v: KeyValue): boolean {
    if (v === null) return false;
    const k = String(v);
    if (this.#seen.has(k)) return false;
    this.#seen.set(k, v);
    return true;
  }

  has(v: KeyValue): boolean {
    return v !== null && this.#seen.has(String(v));
  }

  get size(): number {
    return this.#seen.size;
  }

  values(): KeyValue[] {
    return [...this.#seen.values()];
  }
}

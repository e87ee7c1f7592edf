// Key values of a request: its text values typed by the field they match, and sets that compare them as stores return them.
import type { KeyValue } from '../connectors/index.js';
import type { FieldModel } from '../policy/index.js';

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

// Values at the edge: what clients return becomes a `Value`, and Values become the text key-value and HTTP stores hold.
import type { Row, Value } from './connector.js';

/** True for the scalar types a Row may carry. */
export function isValue(value: unknown): value is Value {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
      return true;
    case 'object':
      return value === null || value instanceof Date || value instanceof Uint8Array;
    default:
      return false;
  }
}

/** Converts what a client returned into a Value: JSON, arrays and other objects become JSON text, undefined becomes null. */
export function toValue(value: unknown): Value {
  if (isValue(value)) return value;
  if (value === undefined) return null;
  return JSON.stringify(value, jsonReplacer);
}

/** Makes a client row a Row in place (clients hand over fresh objects, so no copy is needed). */
export function normalizeRow(row: Record<string, unknown>): Row {
  for (const key in row) {
    const value = row[key];
    if (typeof value === 'object' && value !== null && !(value instanceof Date) && !(value instanceof Uint8Array)) {
      row[key] = toValue(value);
    } else if (value === undefined) row[key] = null;
  }
  return row as Row;
}

/** `JSON.stringify` replacer for Values: bigint as decimal text, bytes as base64 (read before Buffer's own toJSON runs). */
export function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64');
  return value;
}

/** The text a key-value store holds for a Value: Dates as ISO 8601, bytes as UTF-8, null as undefined (absent). */
export function valueToText(value: Value): string | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  return String(value);
}

/** An integer column's text as a number when it is safe, a bigint otherwise. */
export function parseInteger(text: string): number | bigint {
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : BigInt(text);
}

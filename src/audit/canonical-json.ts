// Canonical JSON (sorted keys, no whitespace): the one text an audit entry's hash is computed over, today and in years.

/** What an audit entry's content is made of; no fractions, whose text differs between serialisers. */
export type CanonicalValue = string | number | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

/**
 * The canonical text of `value`: object keys sorted by UTF-16 code units, no whitespace, strings escaped as
 * `JSON.stringify` does. For this value space (safe integers, no fractions) the text is the one RFC 8785 (JCS) gives, so
 * a verifier in another language can recompute it. Anything else (a fraction, NaN, undefined, a Date, a cycle) is refused.
 */
export function canonicalJson(value: CanonicalValue): string {
  return write(value, 0);
}

/** Deeper than any audit entry: a guard against cycles rather than a limit anyone meets. */
const MAX_DEPTH = 32;

function write(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new TypeError(`canonical JSON: nested deeper than ${MAX_DEPTH} levels (a cycle?)`);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`canonical JSON: ${value} is not a safe integer`);
      // -0 is written 0, as JSON.stringify writes it.
      return String(value === 0 ? 0 : value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => write(item, depth + 1)).join(',')}]`;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonical JSON: only plain objects and arrays');
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is JCS's order.
      const keys = Object.keys(record).sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], depth + 1)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON: a ${typeof value} has no JSON text`);
  }
}

// Identifiers that reach a store (tables, columns, schemas, key placeholders) come from the manifest: check them before use.
import { CustosError } from '../errors.js';

/** What a table, column, schema or key placeholder may be called; Kysely quotes it, this keeps dots and quotes out. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Names already found safe: every find checks its table and fields, so the pattern runs once per name. */
const checked = new Set<string>();
const MAX_CHECKED = 10_000;

/** True when `name` is a safe identifier. */
export function isIdentifier(name: unknown): name is string {
  if (typeof name !== 'string') return false;
  if (checked.has(name)) return true;
  if (!IDENTIFIER.test(name)) return false;
  if (checked.size >= MAX_CHECKED) checked.clear();
  checked.add(name);
  return true;
}

/** Returns `name` when it is a safe identifier; throws CustosError('invalid-input') naming `what` otherwise. */
export function checkIdentifier(name: unknown, what: string): string {
  if (isIdentifier(name)) return name;
  const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 64)) : typeof name;
  throw new CustosError({
    code: 'invalid-input',
    message: `${what} ${shown} is not a valid identifier (letters, digits, _ and $, not starting with a digit)`,
    details: { what },
  });
}

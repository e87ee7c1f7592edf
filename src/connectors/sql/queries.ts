// Builds the four statements of a session with Kysely, and splits IN-lists that exceed a client's parameter budget.
import type { Expression, SqlBool } from 'kysely';
import { CustosError } from '../../errors.js';
import type { WhereTerm } from '../selection.js';
import type { AnyExpressionBuilder, AnyQueryCreator, AnySelect, SqlAdapter } from './adapter.js';

/**
 * What a statement filters on: field names, and for each the values to bind (encoded, or the stand-ins a shape compiles with).
 * No field: every row.
 */
export interface WhereLists {
  readonly fields: readonly string[];
  readonly lists: readonly (readonly unknown[])[];
}

/** AND of `field IN (list)` over `where`. */
export function whereOf(adapter: SqlAdapter, where: WhereLists): (eb: AnyExpressionBuilder) => Expression<SqlBool> {
  return (eb) => eb.and(where.fields.map((field, index) => adapter.inList(eb, field, where.lists[index] ?? [])));
}

/**
 * Splits a selection whose values exceed `budget` into several with the same meaning: the longest list is cut in
 * chunks, the others repeat. Throws CustosError('invalid-input') when even the other lists exceed the budget.
 */
export function splitTerms(terms: readonly WhereTerm[], budget: number): readonly (readonly WhereTerm[])[] {
  const total = terms.reduce((sum, term) => sum + term.values.length, 0);
  if (total <= budget) return [terms];
  const longest = terms.reduce((a, b) => (b.values.length > a.values.length ? b : a));
  const room = budget - (total - longest.values.length);
  if (room < 1) {
    throw new CustosError({
      code: 'invalid-input',
      message: `the selection carries ${total} values, more than the store accepts (${budget})`,
    });
  }
  const parts: (readonly WhereTerm[])[] = [];
  for (let start = 0; start < longest.values.length; start += room) {
    const chunk: WhereTerm = { field: longest.field, values: longest.values.slice(start, start + room) };
    parts.push(terms.map((term) => (term === longest ? chunk : term)));
  }
  return parts;
}

/** `fields` of `table` (none: every column) where `where` holds. */
export function selectQuery(
  db: AnyQueryCreator,
  adapter: SqlAdapter,
  table: string,
  fields: readonly string[],
  where: WhereLists,
): AnySelect {
  const query = db.selectFrom(table).where(whereOf(adapter, where));
  return fields.length > 0 ? query.select(fields) : query.selectAll();
}

/** One row with `n`, the number of rows where `where` holds. */
export function countQuery(db: AnyQueryCreator, adapter: SqlAdapter, table: string, where: WhereLists) {
  return db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(whereOf(adapter, where));
}

/** Sets `fields` to `values` (in order) where `where` holds. */
export function updateQuery(
  db: AnyQueryCreator,
  adapter: SqlAdapter,
  table: string,
  set: { readonly fields: readonly string[]; readonly values: readonly unknown[] },
  where: WhereLists,
) {
  const assignments = Object.fromEntries(set.fields.map((field, index) => [field, set.values[index]]));
  return db.updateTable(table).set(assignments).where(whereOf(adapter, where));
}

export function deleteQuery(db: AnyQueryCreator, adapter: SqlAdapter, table: string, where: WhereLists) {
  return db.deleteFrom(table).where(whereOf(adapter, where));
}

// Builds the four statements of a session from a checked selection, splitting IN-lists that exceed a client's parameter budget.
import type { Expression, SqlBool } from 'kysely';
import { CustosError } from '../../errors.js';
import type { Value } from '../connector.js';
import type { WhereTerm } from '../selection.js';
import type { AnyExpressionBuilder, AnyQueryCreator, AnySelect, SqlAdapter } from './adapter.js';

/** AND of the IN-lists of `terms` (no term: every row). */
export function whereOf(adapter: SqlAdapter, terms: readonly WhereTerm[]): (eb: AnyExpressionBuilder) => Expression<SqlBool> {
  return (eb) =>
    eb.and(
      terms.map((term) =>
        adapter.inList(
          eb,
          term.field,
          term.values.map((value) => adapter.encode(value)),
        ),
      ),
    );
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

export function selectQuery(
  db: AnyQueryCreator,
  adapter: SqlAdapter,
  table: string,
  fields: readonly string[],
  terms: readonly WhereTerm[],
): AnySelect {
  const query = db.selectFrom(table).where(whereOf(adapter, terms));
  return fields.length > 0 ? query.select(fields) : query.selectAll();
}

export async function countRows(db: AnyQueryCreator, adapter: SqlAdapter, table: string, terms: readonly WhereTerm[]): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(whereOf(adapter, terms))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateRows(
  db: AnyQueryCreator,
  adapter: SqlAdapter,
  table: string,
  assignments: readonly (readonly [string, Value])[],
  terms: readonly WhereTerm[],
): Promise<number> {
  const set = Object.fromEntries(assignments.map(([field, value]) => [field, adapter.encode(value)]));
  const result = await db.updateTable(table).set(set).where(whereOf(adapter, terms)).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteRows(db: AnyQueryCreator, adapter: SqlAdapter, table: string, terms: readonly WhereTerm[]): Promise<number> {
  const result = await db.deleteFrom(table).where(whereOf(adapter, terms)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// Builds the four statements of a session with Kysely, and splits IN-lists that exceed a client's parameter budget.
import { sql, type Expression, type SqlBool } from 'kysely';
import { CustosError } from '../../errors.js';
import type { WhereGroup, WhereTerm } from '../selection.js';
import type { AnyExpressionBuilder, AnyQueryCreator, AnySelect, SqlAdapter } from './adapter.js';

/**
 * What a statement filters on: an OR of groups, each an AND of `field IN (list)`, and the values to bind (encoded, or the
 * stand-ins a shape compiles with). One group of no field: every row.
 */
/** A field compared as it is, or lower-cased (`lower(email) IN (…)`: an identity stored in any case). */
export type WhereField = string | { readonly lower: string };

export interface WhereLists {
  /** Fields of each group; at least one group. */
  readonly groups: readonly (readonly WhereField[])[];
  /** One list per field, groups in order. */
  readonly lists: readonly (readonly unknown[])[];
}

/** OR over the groups of an AND of `field IN (list)`; one group is its AND alone, as SQL without OR. */
export function whereOf(adapter: SqlAdapter, where: WhereLists): (eb: AnyExpressionBuilder) => Expression<SqlBool> {
  return (eb) => {
    let list = 0;
    const groups = where.groups.map((fields) =>
      eb.and(
        fields.map((field) =>
          adapter.inList(
            eb,
            typeof field === 'string' ? field : adapter.comparesCaseInsensitively ? field.lower : eb.fn('lower', [eb.ref(field.lower)]),
            where.lists[list++] ?? [],
          ),
        ),
      ),
    );
    return groups.length === 1 ? groups[0]! : eb.or(groups);
  };
}

/**
 * Splits an OR of groups whose values exceed `budget` into statements that each stay within it: groups packed together
 * while they fit, a group over the budget cut by `splitTerms`. A row two groups match may then come from two statements;
 * the chunks of one group never share a row (one field's values, cut apart).
 */
export function splitGroups(groups: readonly WhereGroup[], budget: number): readonly (readonly WhereGroup[])[] {
  let total = 0;
  for (const group of groups) total += valuesOf(group);
  if (total <= budget) return [groups];
  const parts: (readonly WhereGroup[])[] = [];
  let part: WhereGroup[] = [];
  let size = 0;
  for (const group of groups) {
    const values = valuesOf(group);
    if (values > budget) {
      for (const chunk of splitTerms(group, budget)) parts.push([chunk]);
      continue;
    }
    if (size + values > budget) {
      parts.push(part);
      part = [];
      size = 0;
    }
    part.push(group);
    size += values;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/**
 * Splits a selection whose values exceed `budget` into several with the same meaning: the longest list is cut in
 * chunks, the others repeat. Throws CustosError('invalid-input') when even the other lists exceed the budget.
 */
export function splitTerms(terms: readonly WhereTerm[], budget: number): readonly (readonly WhereTerm[])[] {
  const total = valuesOf(terms);
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
    const chunk: WhereTerm = { ...longest, values: longest.values.slice(start, start + room) };
    parts.push(terms.map((term) => (term === longest ? chunk : term)));
  }
  return parts;
}

function valuesOf(group: WhereGroup): number {
  let values = 0;
  for (const term of group) values += term.values.length;
  return values;
}

/** What the `identity` columns of a select are called in its rows: `$custos_id0`, `$custos_id1`… */
export function identityAlias(index: number): string {
  return `$custos_id${index}`;
}

/** `fields` of `table` (none: every column) where `where` holds, and the `identity` columns under `identityAlias` names. */
export function selectQuery(
  db: AnyQueryCreator,
  adapter: SqlAdapter,
  table: string,
  fields: readonly string[],
  where: WhereLists,
  identity: readonly string[] = [],
): AnySelect {
  const query = db.selectFrom(table).where(whereOf(adapter, where));
  const selected = fields.length > 0 ? query.select(fields) : query.selectAll();
  return identity.length === 0 ? selected : selected.select(identity.map((column, index) => sql.ref(column).as(identityAlias(index))));
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

/**
 * Gives each row of `keys` values of its own: every field is set by a CASE on `key`, whose pairs come from `pairs` (for
 * each field in turn, each row's key and value); a row no pair names keeps its value.
 */
export function updateEachQuery(
  db: AnyQueryCreator,
  adapter: SqlAdapter,
  table: string,
  group: { readonly key: string; readonly fields: readonly string[] },
  pairs: readonly unknown[],
  keys: readonly unknown[],
) {
  const { key, fields } = group;
  return db
    .updateTable(table)
    .set((eb) => {
      const assignments: Record<string, Expression<unknown>> = {};
      for (const [index, field] of fields.entries()) {
        const offset = index * keys.length * 2;
        let branches = eb
          .case(eb.ref(key))
          .when(eb.val(pairs[offset]))
          .then(eb.val(pairs[offset + 1]));
        for (let row = 1; row < keys.length; row++) {
          branches = branches.when(eb.val(pairs[offset + row * 2])).then(eb.val(pairs[offset + row * 2 + 1]));
        }
        assignments[field] = branches.else(eb.ref(field)).end();
      }
      return assignments;
    })
    .where((eb) => adapter.inList(eb, key, keys));
}

export function deleteQuery(db: AnyQueryCreator, adapter: SqlAdapter, table: string, where: WhereLists) {
  return db.deleteFrom(table).where(whereOf(adapter, where));
}

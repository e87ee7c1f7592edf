// Reading only the rows a date condition may select (a retention sweep's expired rows), keyed on the primary key: the
// condition is a superset the store evaluates, as wide as the column's form requires; the caller decides each row.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { AnyDatabase, ClientRow } from './adapter.js';
import { pageLimit } from './pages.js';

/**
 * How a date column's values read as instants, as far as the store can say:
 * - `instant`: a timestamp with its zone (PostgreSQL `timestamptz`): compared as it is;
 * - `naive`: a date or a timestamp without zone (`date`, `timestamp`, MySQL `datetime`): compared on its day, two days wide;
 * - `number`: epoch seconds, or milliseconds from 1e11 (as `instantOf` reads them);
 * - `per-row`: any form, told apart per value (SQLite, whose columns hold any type): numbers as above, text that starts
 *   with an ISO date on its day (two days wide), any other text read;
 * - `unknown`: free text, JSON… every row is read.
 */
export type DateForm = 'instant' | 'naive' | 'number' | 'per-row' | 'unknown';

/** Below this an epoch number is seconds, above milliseconds (as `instantOf` reads it). */
const SECONDS_LIMIT = 100_000_000_000;
/** Day-level comparisons are widened by two days: a zone moves an instant at most 14 hours from its written day. */
const DAY_MARGIN_MS = 2 * 86_400_000;
const ISO_DAY_GLOB = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*';

/**
 * The condition every row whose `field` may be dated at or before `atMost` meets (rows without a date included). Bounds
 * are literals computed here from a Date, never text from a caller: one statement per sweep, planned with its values.
 */
export function datedCondition(form: DateForm, field: string, atMost: Date): RawBuilder<SqlBool> | undefined {
  const column = sql.ref(field);
  const ms = Math.ceil(atMost.getTime());
  const seconds = Math.ceil(ms / 1000);
  const day = sql.lit(new Date(ms + DAY_MARGIN_MS).toISOString().slice(0, 10));
  const numbers = sql<SqlBool>`(${column} <= ${sql.lit(seconds)} or (${column} >= ${sql.lit(SECONDS_LIMIT)} and ${column} <= ${sql.lit(ms)}))`;
  switch (form) {
    case 'instant':
      return sql<SqlBool>`(${column} is null or ${column} <= ${sql.lit(atMost.toISOString())})`;
    case 'naive':
      return sql<SqlBool>`(${column} is null or ${column} < ${day})`;
    case 'number':
      return sql<SqlBool>`(${column} is null or ${numbers})`;
    case 'per-row':
      return sql<SqlBool>`(case typeof(${column}) when 'integer' then ${numbers} when 'real' then ${numbers} when 'text' then (${column} not glob ${sql.lit(ISO_DAY_GLOB)} or ${column} < ${day}) else 1 end)`;
    case 'unknown':
      return undefined;
    default:
      return form satisfies never;
  }
}

export interface DatedScope {
  readonly db: Kysely<AnyDatabase>;
  readonly table: string;
  readonly key: string;
  readonly fields: readonly string[];
  readonly condition: RawBuilder<SqlBool> | undefined;
}

/** Pages of `batchSize` rows in key order, each read after the last key of the one before; a short page is the last. */
export async function* datedPages(scope: DatedScope, batchSize: number): AsyncGenerator<readonly ClientRow[]> {
  const { db, table, key, fields, condition } = scope;
  const selected = fields.includes(key) ? fields : [...fields, key];
  let after: unknown;
  for (;;) {
    let query = db.selectFrom(table).select(selected);
    if (condition) query = query.where(condition);
    if (after !== undefined) query = query.where(key, '>', after);
    const rows = (await query.orderBy(key).limit(pageLimit(batchSize)).execute()) as ClientRow[];
    // Taken before the page is handed on: the caller may decode its rows in place.
    after = rows[rows.length - 1]?.[key];
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}

// How PostgreSQL differs: long IN-lists as one array parameter, cursor streaming, and which SQLSTATEs mean "unreachable".
import type { IntrospectedCollection } from '../connector.js';
import { errorCode, errorMessage, NETWORK_ERROR_CODES, type StoreFailure } from '../failures.js';
import { probeThenStream, type SqlAdapter } from '../sql/index.js';
import { normalizeRow } from '../values.js';
import { dateFormPostgres, introspectPostgres } from './introspection.js';

/** SQLSTATE classes: connection exception, authorization, unknown database, shutdown / cannot connect, too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08|28|3D|57P0[1-3]|53300)/;
/** Undefined table, column, schema; insufficient privilege: their messages name identifiers only. */
const SCHEMA_SQLSTATE = new Set(['42P01', '42703', '3F000', '42501']);
const UNAVAILABLE_MESSAGE = /connection terminated|timeout expired|connection error|ECONNREFUSED/i;

/**
 * Lists this long or longer bind as `field = any($1)`: one parameter whatever the length, one SQL text per shape. Shorter
 * ones bind as `field in ($1, $2)`, a statement per length: PostgreSQL plans `= any($1)` afresh on every execution (its
 * generic plan, blind to the array's length, never looks cheaper), but reuses one plan for `in ($1, $2)`.
 */
const ARRAY_LIST_FROM = 16;

export const postgresAdapter: SqlAdapter = {
  kind: 'postgres',
  // Lists of ARRAY_LIST_FROM values or more are a single parameter, however long.
  parameterBudget: Number.POSITIVE_INFINITY,
  arrayListFrom: ARRAY_LIST_FROM,
  // A cursor occupies its client until closed.
  streamHoldsConnection: true,
  // pg binds bigints, booleans, Dates and byte arrays itself.
  encode: (value) => value,
  decode: normalizeRow,
  inList: (eb, field, values) => (values.length < ARRAY_LIST_FROM ? eb(field, 'in', values) : eb(field, '=', eb.fn.any(eb.val(values)))),
  // Small results in one round trip; larger ones stream through a cursor (three round trips and an unnamed statement).
  pages: probeThenStream,
  classify: classifyPostgres,
  dateForm: dateFormPostgres,
  introspect: (db, context): Promise<readonly IntrospectedCollection[]> => introspectPostgres(db, postgresAdapter, context),
};

export function classifyPostgres(error: unknown): StoreFailure {
  const code = errorCode(error);
  if (code && (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return { kind: 'unavailable', code };
  const message = errorMessage(error);
  if (!code && UNAVAILABLE_MESSAGE.test(message)) return { kind: 'unavailable', code: 'connection' };
  if (code && SCHEMA_SQLSTATE.has(code)) return { kind: 'schema', code, message };
  if (code === '23502') return { kind: 'not-null', code };
  return { kind: 'other', code };
}

// How MySQL/MariaDB differs: what mysql2 binds, row streaming, and which errors mean "unreachable".
import type { Value } from '../connector.js';
import { errorCode, errorMessage, NETWORK_ERROR_CODES, type StoreFailure } from '../failures.js';
import { probeThenStream, type SqlAdapter } from '../sql/index.js';
import { normalizeRow } from '../values.js';
import { dateFormMysql, introspectMysql } from './introspection.js';

const UNAVAILABLE = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_HOST_IS_BLOCKED',
  'ER_HOST_NOT_PRIVILEGED',
  'ER_SERVER_SHUTDOWN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
]);
/** Errors whose messages name identifiers only (others, such as ER_DUP_ENTRY, quote the values). */
const SCHEMA = new Set(['ER_NO_SUCH_TABLE', 'ER_BAD_FIELD_ERROR', 'ER_TABLEACCESS_DENIED_ERROR', 'ER_COLUMNACCESS_DENIED_ERROR']);

export const mysqlAdapter: SqlAdapter = {
  kind: 'mysql',
  // mysql2 escapes parameters into the text it sends: no protocol limit, but keep statements a sane size.
  parameterBudget: 20_000,
  // Every value of a list is its own `?`.
  arrayListFrom: Number.POSITIVE_INFINITY,
  // A streaming result occupies its connection until read or dropped.
  streamHoldsConnection: true,
  // Default collations (utf8mb4_general_ci, utf8mb4_uca1400_ai_ci…) ignore case; a column declared _bin does not.
  comparesCaseInsensitively: true,
  encode: encodeMysql,
  decode: normalizeRow,
  inList: (eb, field, values) => eb(field, 'in', values),
  // Small results in one buffered query; larger ones stream with backpressure (the socket pauses, Kysely ignores the chunk size).
  pages: probeThenStream,
  classify: classifyMysql,
  dateForm: dateFormMysql,
  introspect: (db, context) => introspectMysql(db, mysqlAdapter, context),
};

function encodeMysql(value: Value): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

export function classifyMysql(error: unknown): StoreFailure {
  const code = errorCode(error);
  if (code && (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE.has(code))) return { kind: 'unavailable', code };
  if ((error as { fatal?: unknown } | null)?.fatal === true) return { kind: 'unavailable', code };
  if (code && SCHEMA.has(code)) return { kind: 'schema', code, message: errorMessage(error) };
  if (code === 'ER_BAD_NULL_ERROR') return { kind: 'not-null', code };
  return { kind: 'other', code };
}

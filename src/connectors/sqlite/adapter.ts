// How SQLite differs: what better-sqlite3 binds, how its errors read, and paged streaming by rowid.
import type { Value } from '../connector.js';
import { errorCode, errorMessage, type StoreFailure } from '../failures.js';
import type { SqlAdapter } from '../sql/index.js';
import type { SqliteDriver } from './driver.js';
import { introspectSqlite } from './introspection.js';
import { pagesByRowid } from './queries.js';

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32,766; keep room for the paging parameters. */
const PARAMETER_BUDGET = 32_000;

/** One per connector: it remembers which tables have no rowid, and runs statements on its driver's connection when free. */
export function createSqliteAdapter(driver: SqliteDriver): SqlAdapter {
  const noRowid = new Set<string>();
  const adapter: SqlAdapter = {
    kind: 'sqlite',
    parameterBudget: PARAMETER_BUDGET,
    arrayListFrom: Number.POSITIVE_INFINITY,
    rowIdentity: '_rowid_',
    streamHoldsConnection: false,
    encode: encodeSqlite,
    // better-sqlite3 already returns numbers, strings, bigints, Buffers and nulls.
    decode: (row) => row as Record<string, Value>,
    rowsAsReturned: true,
    inList: (eb, field, values) => eb(field, 'in', values),
    pages: (select, batchSize, probed) => pagesByRowid(select, batchSize, noRowid, probed),
    runNow: (query) => driver.runNow(query),
    runInTransaction: (query) => driver.runInTransaction(query),
    classify: classifySqlite,
    // A SQLite column holds any type whatever it declares: the condition tells the forms apart per value.
    dateForm: () => Promise.resolve('per-row'),
    introspect: (db, context) => introspectSqlite(db, adapter, context),
  };
  return adapter;
}

/** better-sqlite3 binds no booleans or Dates: booleans as 1/0 (SQLite's own convention), Dates as ISO 8601 text. */
function encodeSqlite(value: Value): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

const UNAVAILABLE = /^SQLITE_(CANTOPEN|NOTADB|BUSY|LOCKED|IOERR|CORRUPT|PERM|AUTH)/;
const SCHEMA = /^(no such (table|column)|table \S+ has no column named)/;

export function classifySqlite(error: unknown): StoreFailure {
  const code = errorCode(error);
  const message = errorMessage(error);
  if (code && UNAVAILABLE.test(code)) return { kind: 'unavailable', code };
  if (!code && /unable to open|directory does not exist/i.test(message)) return { kind: 'unavailable', code: 'SQLITE_CANTOPEN' };
  if (SCHEMA.test(message)) return { kind: 'schema', code, message: message.replace(/ - should this be a string literal.*$/, '') };
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') return { kind: 'not-null', code };
  return { kind: 'other', code };
}

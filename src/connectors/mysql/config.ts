// How a MySQL/MariaDB connector connects: pool settings and result casts that keep values honest Values.
import type { PoolOptions, TypeCast } from 'mysql2';
import { CustosError } from '../../errors.js';
import { checkIdentifier } from '../identifiers.js';
import type { StoreTarget } from '../target.js';
import { parseInteger } from '../values.js';

export interface MysqlConfig {
  readonly pool: PoolOptions;
  /** Database every statement is qualified with; undefined: the one the URL names. */
  readonly schema?: string | undefined;
}

/** BIGINT as a number when safe and a bigint beyond (mysql2 would round it or return text). */
const castBigint: TypeCast = (field, next) => {
  if (field.type !== 'LONGLONG') return next();
  const text = field.string();
  return text === null ? null : parseInteger(text);
};

/**
 * Resolves the pool once: 10 connections, 5 s to connect, dates in UTC (the session time zone is set to match), DATE as
 * `YYYY-MM-DD` text, JSON as text. `mariadb://` URLs are read as `mysql://`. The URL must name a database.
 */
export function mysqlConfig(target: StoreTarget): MysqlConfig {
  if (!target.url) throw new CustosError({ code: 'config', message: `${target.label}: a mysql store needs a url` });
  const uri = target.url.replace(/^mariadb:/i, 'mysql:');
  let database = '';
  try {
    database = decodeURIComponent(new URL(uri).pathname.slice(1));
  } catch {
    throw new CustosError({ code: 'config', message: `${target.label}: the mysql url cannot be parsed` });
  }
  const schema = target.schema === undefined ? undefined : checkIdentifier(target.schema, 'schema');
  if (!database && !schema) throw new CustosError({ code: 'config', message: `${target.label}: the mysql url must name a database` });
  return Object.freeze({
    pool: Object.freeze({
      uri,
      connectionLimit: 10,
      connectTimeout: 5000,
      enableKeepAlive: true,
      timezone: 'Z',
      dateStrings: ['DATE' as const],
      jsonStrings: true,
      supportBigNumbers: true,
      typeCast: castBigint,
      charset: 'utf8mb4',
      multipleStatements: false,
    }),
    schema,
  });
}

// How a PostgreSQL connector connects: pool settings and result parsers that keep values honest Values.
import pg from 'pg';
import { CustosError } from '../../errors.js';
import { checkIdentifier } from '../identifiers.js';
import type { StoreTarget } from '../target.js';
import { parseInteger } from '../values.js';

export interface PostgresConfig {
  readonly pool: pg.PoolConfig;
  /** Schema every statement is qualified with (`withSchema`); undefined: the connection's search path. */
  readonly schema?: string | undefined;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;
const defaultParser = (oid: number) => pg.types.getTypeParser(oid, 'text') as (text: string) => unknown;
const keepText = (text: string) => text;

/** Parsers that differ from pg's defaults, by type OID. */
const PARSERS: ReadonlyMap<number, (text: string) => unknown> = new Map<number, (text: string) => unknown>([
  // int8: a number when safe, a bigint beyond (pg's default is text).
  [20, parseInteger],
  // date: keep YYYY-MM-DD; a Date at local midnight shifts with the time zone.
  [1082, keepText],
  // json, jsonb: keep the text; rows carry scalars.
  [114, keepText],
  [3802, keepText],
  // timestamp without time zone: read as UTC (pg reads it as local time); infinity and BC dates keep pg's parser.
  [1114, (text) => (TIMESTAMP.test(text) ? new Date(`${text.replace(' ', 'T')}Z`) : defaultParser(1114)(text))],
]);

/** Result parsers scoped to Custos's pool (never pg's global ones, which the application may rely on). */
export const POSTGRES_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    format === 'binary'
      ? pg.types.getTypeParser(oid, 'binary')
      : (PARSERS.get(oid) ?? defaultParser(oid))) as typeof pg.types.getTypeParser,
};

/** Resolves the pool once: 10 connections, 5 s to connect, idle ones closed after 10 s. */
export function postgresConfig(target: StoreTarget): PostgresConfig {
  if (!target.url) throw new CustosError({ code: 'config', message: `${target.label}: a postgres store needs a url` });
  const schema = target.schema === undefined ? undefined : checkIdentifier(target.schema, 'schema');
  return Object.freeze({
    pool: Object.freeze({
      connectionString: target.url,
      max: 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      application_name: 'custos',
      types: POSTGRES_TYPES,
    }),
    schema,
  });
}

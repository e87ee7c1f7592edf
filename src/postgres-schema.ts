// PostgreSQL schemas and pools shared by Custos's own tables (store, audit log, key ring): a leaf, like errors.ts.
import pg from 'pg';
import { CustosError } from './errors.js';

/** A schema name Custos accepts: a plain identifier, so it never needs quoting to be read right. */
export const PLAIN_SCHEMA = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** `schema` checked as a plain identifier, or a `config` error naming `what` ("key ring", "audit log"…) and the fix. */
export function checkSchemaName(schema: string, what: string): string {
  if (PLAIN_SCHEMA.test(schema)) return schema;
  throw new CustosError({
    code: 'config',
    message: `${what} schema ${JSON.stringify(schema.slice(0, 64))} is not a plain identifier: use letters, digits and _ (e.g. custos)`,
    details: { field: 'schema' },
  });
}

/**
 * The pool a part of Custos works through: its own small pool from a connection URL (`owned`, ended by its `close`),
 * or the pool Custos's store already holds (left open). An idle client of an owned pool losing its server would
 * otherwise end the process; the next statement reports the failure instead.
 */
export function partPool(
  target: string | pg.Pool,
  settings: { readonly max: number; readonly connectionTimeoutMillis: number; readonly applicationName: string },
): { readonly pool: pg.Pool; readonly owned: boolean } {
  if (typeof target !== 'string') return { pool: target, owned: false };
  const pool = new pg.Pool({
    connectionString: target,
    max: settings.max,
    connectionTimeoutMillis: settings.connectionTimeoutMillis,
    application_name: settings.applicationName,
  });
  pool.on('error', () => undefined);
  return { pool, owned: true };
}

// The audit log on PostgreSQL (pg): appends lock the schema's audit_lock row first, so concurrent appenders queue.
import type pg from 'pg';
import { systemClock } from '../../clock.js';
import { CustosError } from '../../errors.js';
import { checkSchemaName, partPool } from '../../postgres-schema.js';
import { chainEntries } from '../chain.js';
import { checkNewEntry, type AuditEntry, type NewAuditEntry } from '../entry.js';
import type { AuditLog, AuditLogOptions } from '../log.js';
import { AUDIT_COLUMNS, entryFromRow, linkFromValues, rowValues, type AuditRow } from '../rows.js';
import { migratePostgresAudit, quote } from './migrations.js';

export interface PostgresAuditLogOptions extends AuditLogOptions {
  /** The schema the audit tables live in; default `custos`. */
  readonly schema?: string;
}

/** Rows per INSERT statement: 9 parameters each stays far below PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 500;

/**
 * Opens the audit log in a PostgreSQL database, from a connection URL (a small pool of its own, ended by `close`) or a
 * pool Custos's store already holds (left open). The audit tables are migrated first.
 */
export async function openPostgresAuditLog(target: string | pg.Pool, options: PostgresAuditLogOptions = {}): Promise<AuditLog> {
  const schema = options.schema ?? 'custos';
  checkSchemaName(schema, 'audit log');
  const { pool, owned } = partPool(target, { max: 4, connectionTimeoutMillis: 5000, applicationName: 'custos-audit' });
  const clock = options.clock ?? systemClock;
  const table = `${quote(schema)}.audit_log`;
  let closed = false;

  const withClient = async <T>(doing: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    if (closed) throw new CustosError({ code: 'closed', message: 'the audit log is closed' });
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw postgresFailure(error, doing);
    }
    try {
      return await work(client);
    } catch (error) {
      throw error instanceof CustosError ? error : postgresFailure(error, doing);
    } finally {
      client.release();
    }
  };
  await withClient('migrate', (client) => migratePostgresAudit(client, schema));

  const appendAll = async (entries: readonly NewAuditEntry[]): Promise<readonly AuditEntry[]> => {
    const checked = entries.map(checkNewEntry);
    if (checked.length === 0) return [];
    return withClient('append to', async (client) => {
      await client.query('BEGIN');
      try {
        // The lock row is taken before the head is read; READ COMMITTED then reads the head the last holder committed.
        await client.query(`SELECT id FROM ${quote(schema)}.audit_lock FOR UPDATE`);
        const head = (await client.query<AuditRow>(`SELECT seq, hash FROM ${table} ORDER BY seq DESC LIMIT 1`)).rows[0];
        const stored = chainEntries(head && { seq: Number(head.seq), hash: head.hash }, checked, clock.now().toISOString());
        for (let start = 0; start < stored.length; start += ROWS_PER_INSERT) {
          const chunk = stored.slice(start, start + ROWS_PER_INSERT);
          const marks = chunk.map((_, r) => `(${AUDIT_COLUMNS.map((_, c) => `$${r * AUDIT_COLUMNS.length + c + 1}`).join(', ')})`);
          await client.query(`INSERT INTO ${table} (${AUDIT_COLUMNS.join(', ')}) VALUES ${marks.join(', ')}`, chunk.flatMap(rowValues));
        }
        await client.query('COMMIT');
        return stored;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  };

  return {
    async append(entry) {
      return (await appendAll([entry]))[0]!;
    },
    appendAll,
    read: (fromSeq, limit) =>
      withClient('read', async (client) => {
        const { rows } = await client.query<AuditRow>(`SELECT * FROM ${table} WHERE seq >= $1 ORDER BY seq LIMIT $2`, [fromSeq, limit]);
        return rows.map(entryFromRow);
      }),
    readLinks: (fromSeq, limit) =>
      withClient('read', async (client) => {
        const { rows } = await client.query<unknown[]>({
          text: `SELECT ${AUDIT_COLUMNS.join(', ')} FROM ${table} WHERE seq >= $1 ORDER BY seq LIMIT $2`,
          values: [fromSeq, limit],
          rowMode: 'array',
        });
        return rows.map(linkFromValues);
      }),
    head: () =>
      withClient('read', async (client) => {
        const row = (await client.query<AuditRow>(`SELECT * FROM ${table} ORDER BY seq DESC LIMIT 1`)).rows[0];
        return row && entryFromRow(row);
      }),
    async close() {
      if (closed) return;
      closed = true;
      if (owned) await pool.end();
    },
  };
}

/** A server that cannot be reached is `store-unavailable` (class 08, 57P, refused connections); anything else a store error. */
function postgresFailure(error: unknown, doing: string): CustosError {
  const code = String((error as { code?: unknown }).code ?? '');
  const unavailable = /^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT'].includes(code);
  return new CustosError({
    code: unavailable ? 'store-unavailable' : 'store-error',
    message: `could not ${doing} the audit log: ${(error as Error).message}`,
    cause: error,
  });
}

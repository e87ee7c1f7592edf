// Custos's store on PostgreSQL (pg): a pool, tables in a schema of their own, migrated at start under an advisory lock.
import pg from 'pg';
import type { AuditLog } from '../../audit/log.js';
import { openPostgresAuditLog } from '../../audit/postgres/log.js';
import { CustosError } from '../../errors.js';
import { checkSchemaName } from '../../postgres-schema.js';
import { deskConcerns, deskWriteFailure, runDeskStatements } from '../desk/index.js';
import type { Store } from '../store.js';
import type { PostgresAccess } from './access.js';
import { postgresStoreFailure } from './failures.js';
import { postgresHolds } from './holds.js';
import { postgresJournal } from './journal.js';
import { postgresLeases } from './leases.js';
import { migratePostgresStore, quote } from './migrations.js';

export interface PostgresStoreOptions {
  /** The schema the store's tables live in; default `custos` (or the URL's `?schema=`). */
  readonly schema?: string | undefined;
  /** Connections the pool may open; default 8. */
  readonly maxConnections?: number | undefined;
  /** Stamps audit entries; default the system clock. */
  readonly clock?: { now(): Date } | undefined;
}

export const DEFAULT_STORE_SCHEMA = 'custos';

/**
 * Opens the store on a PostgreSQL server from a `postgres://` URL. The pool connects and migrates in the background: every
 * operation waits for it, and `ready()` reports at once why the store cannot be used (server out of reach, a store a
 * newer Custos migrated). A `schema` search parameter of the URL names the schema when the option does not.
 */
export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Store {
  const { connectionString, schema: fromUrl } = splitSchema(url);
  const schema = options.schema ?? fromUrl ?? DEFAULT_STORE_SCHEMA;
  checkSchemaName(schema, 'store');
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 8,
    connectionTimeoutMillis: 10_000,
    application_name: 'custos-store',
    // Every statement names the store's tables unqualified: the schema is the connection's search path.
    options: `-c search_path=${quote(schema)}`,
  });
  // An idle client losing its server would otherwise end the process; the next statement reports the failure.
  pool.on('error', () => undefined);
  const where = `in schema "${schema}" of ${describeServer(connectionString)}`;

  let closed = false;
  const connect = async (doing: string): Promise<pg.PoolClient> => {
    if (closed) throw new CustosError({ code: 'closed', message: 'the Custos store is closed' });
    try {
      return await pool.connect();
    } catch (error) {
      throw postgresStoreFailure(error, doing);
    }
  };
  const opened = (async (): Promise<AuditLog> => {
    const client = await connect('open');
    try {
      await migratePostgresStore(client, schema, where);
    } catch (error) {
      throw postgresStoreFailure(error, 'migrate');
    } finally {
      client.release();
    }
    // The audit trail in the same schema, on the store's pool (left open by the log's close): it runs its own migrations.
    return openPostgresAuditLog(pool, { schema, ...(options.clock ? { clock: options.clock } : {}) });
  })();
  const ready = opened.then(() => undefined);
  // Whoever uses the store first hears why it failed; an unused store that failed must not end the process.
  ready.catch(() => undefined);

  const withClient: PostgresAccess['withClient'] = async (doing, work) => {
    await ready;
    const client = await connect(doing);
    try {
      return await work(client);
    } catch (error) {
      throw postgresStoreFailure(error, doing);
    } finally {
      client.release();
    }
  };
  const access: PostgresAccess = {
    withClient,
    inTransaction: (doing, work) =>
      withClient(doing, async (client) => {
        await client.query('BEGIN');
        try {
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
  };

  const desk = deskConcerns({
    all: (sql, params) => withClient('read', async (client) => (await client.query(sql, [...params])).rows),
    // One statement is a transaction of its own; its rows are locked as its subquery picks them (`skipLocked`).
    claim: (sql, params) => withClient('write', async (client) => (await client.query(sql, [...params])).rows),
    skipLocked: 'FOR UPDATE SKIP LOCKED',
    write: (statements, duplicate) =>
      access
        .inTransaction('write', (client) =>
          runDeskStatements(statements, async (st) => (await client.query(st.sql, [...st.params])).rowCount ?? 0),
        )
        .then(
          () => true,
          (error: unknown) => deskWriteFailure(error, duplicate),
        ),
  });

  return {
    kind: 'postgres',
    ...desk,
    journal: postgresJournal(access),
    holds: postgresHolds(access),
    leases: postgresLeases(access),
    audit: auditOnceReady(opened),
    ready: () => ready,
    async close() {
      if (closed) return;
      closed = true;
      await (await opened.catch(() => undefined))?.close();
      await pool.end();
    },
  };
}

/** The store's audit log, each call waiting for the store to be ready. */
function auditOnceReady(opened: Promise<AuditLog>): AuditLog {
  return {
    append: async (entry) => (await opened).append(entry),
    appendAll: async (entries) => (await opened).appendAll(entries),
    read: async (fromSeq, limit) => (await opened).read(fromSeq, limit),
    readLinks: async (fromSeq, limit) => (await opened).readLinks(fromSeq, limit),
    head: async () => (await opened).head(),
    // The store's close ends the log with the pool.
    close: async () => undefined,
  };
}

/** The URL without its `schema` search parameter (pg would pass it to the server), and that parameter. */
function splitSchema(url: string): { readonly connectionString: string; readonly schema: string | undefined } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CustosError({
      code: 'config',
      message: 'the PostgreSQL store URL is not a URL: use postgres://user@host:5432/database (CUSTOS_STORE or --store)',
      details: { field: 'store' },
    });
  }
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/** The server as errors may name it: host, port and database, never the user or password. */
function describeServer(connectionString: string): string {
  const u = new URL(connectionString);
  return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

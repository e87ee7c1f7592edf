// Opens a PostgreSQL pool (pg) behind Kysely, with cursor streaming and statements prepared once per connection.
import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Connector } from '../connector.js';
import { SqlConnector, type AnyDatabase } from '../sql/index.js';
import type { StoreTarget } from '../target.js';
import { postgresAdapter } from './adapter.js';
import { postgresConfig } from './config.js';

/** How long `close` lets running statements finish before ending the connections they hold. */
const END_GRACE_MS = 1000;

/** Creates the pool lazily (connections open on first use; `openConnector` pings). */
export async function openPostgres(target: StoreTarget): Promise<Connector> {
  const config = postgresConfig(target);
  const pool = new pg.Pool(config.pool);
  // A client losing its server emits 'error': on the pool while idle, on the client itself while checked out (a
  // transaction open when the server dies). Unhandled, either would end the process with a stack trace; the statement
  // that was running, or the next one, reports the failure as 'store-unavailable' instead.
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
  const db = new Kysely<AnyDatabase>({ dialect: new PostgresDialect({ pool: new PreparingPool(pool), cursor: Cursor }) });
  return new SqlConnector({ target, adapter: postgresAdapter, db, schema: config.schema });
}

/**
 * Kysely's pool over pg that names every parameterised statement after a hash of its text, so each connection parses and
 * plans it once and later calls only bind and execute. IN-lists are one array parameter, so shapes stay few.
 */
class PreparingPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  /** Clients Kysely holds, with the cursor each streams from (if any). */
  readonly #checkedOut = new Map<pg.PoolClient, Cursor | undefined>();
  readonly #names = new Map<string, string>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.#pool.connect();
    this.#checkedOut.set(client, undefined);
    let wrapped = this.#clients.get(client);
    if (!wrapped) {
      wrapped = this.#wrap(client);
      this.#clients.set(client, wrapped);
    }
    return wrapped;
  }

  /**
   * pg's end waits for every checked-out client, and a find whose caller stopped pulling (without breaking) holds one
   * forever. After a grace period, such cursors are closed and their clients given back; statements still running are
   * cut. The caller's next pull then fails with 'closed'.
   */
  async end(): Promise<void> {
    const ending = this.#pool.end();
    const timer = setTimeout(() => void this.#reclaim(), END_GRACE_MS).unref();
    try {
      await ending;
    } finally {
      clearTimeout(timer);
    }
  }

  async #reclaim(): Promise<void> {
    for (const [client, cursor] of this.#checkedOut) {
      this.#checkedOut.delete(client);
      const closed = cursor
        ? await cursor.close().then(
            () => true,
            () => false,
          )
        : false;
      client.release(!closed);
    }
  }

  #wrap(client: pg.PoolClient): PostgresPoolClient {
    const query = (text: unknown, parameters?: readonly unknown[]): unknown => {
      if (typeof text !== 'string') {
        const cursor = client.query(text as Cursor);
        // The cursor's reads get its errors; a listener keeps one with no read pending from being unhandled.
        cursor.on('error', ignore);
        if (this.#checkedOut.has(client)) this.#checkedOut.set(client, cursor);
        return cursor;
      }
      const values = [...(parameters ?? [])];
      return client.query(values.length > 0 ? { name: this.#nameOf(text), text, values } : { text, values });
    };
    // Released once: after `#reclaim`, Kysely's own release is a no-op.
    const release = () => {
      if (this.#checkedOut.delete(client)) client.release();
    };
    return { query: query as PostgresPoolClient['query'], release };
  }

  #nameOf(text: string): string {
    let name = this.#names.get(text);
    if (name === undefined) {
      name = `custos_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      if (this.#names.size >= 1000) this.#names.clear();
      this.#names.set(text, name);
    }
    return name;
  }
}

/** Listener for client 'error' events whose failure reaches the caller through the statement it ran. */
function ignore(): void {}

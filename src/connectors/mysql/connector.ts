// Opens a MySQL/MariaDB pool (mysql2) behind Kysely, every session in UTC.
import { CompiledQuery, Kysely, MysqlDialect, type MysqlPool } from 'kysely';
import { createPool, type Pool, type PoolConnection } from 'mysql2';
import type { Connector } from '../connector.js';
import { SqlConnector, type AnyDatabase } from '../sql/index.js';
import type { StoreTarget } from '../target.js';
import { mysqlAdapter } from './adapter.js';
import { mysqlConfig } from './config.js';

/**
 * Creates the pool lazily (connections open on first use; `openConnector` pings). Statements are sent as text with values
 * escaped by mysql2 (one round trip); server-side prepared statements would add a prepare per IN-list length and count
 * against MariaDB's global max_prepared_stmt_count.
 */
export async function openMysql(target: StoreTarget): Promise<Connector> {
  const config = mysqlConfig(target);
  // mysql2 writes into the options it is given: hand it a copy of the frozen config.
  const pool = createPool({ ...config.pool });
  // A connection losing its server emits 'error' (mysql2 bubbles it on every pooled connection, idle or in a transaction);
  // unhandled, it would end the process with a stack trace. The running statement, or the next, reports the failure.
  pool.on('connection', (connection) => connection.on('error', ignore));
  pool.on('error', ignore);
  const db = new Kysely<AnyDatabase>({
    dialect: new MysqlDialect({
      pool: reclaimingPool(pool),
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw("set time_zone = '+00:00'"));
      },
    }),
  });
  return new SqlConnector({ target, adapter: mysqlAdapter, db, schema: config.schema });
}

/** How long `close` lets running statements finish before cutting the connections they hold. */
const END_GRACE_MS = 1000;

/**
 * mysql2's end queues QUIT behind each connection's running command, and a streaming find whose caller stopped pulling
 * (without breaking) never finishes. After a grace period such connections are destroyed; the caller's next pull fails
 * with 'closed'.
 */
function reclaimingPool(pool: Pool): MysqlPool {
  const held = new Set<PoolConnection>();
  pool.on('acquire', (connection) => held.add(connection));
  pool.on('release', (connection) => held.delete(connection));
  return {
    getConnection: (callback) => pool.getConnection(callback),
    end: (callback) => {
      const timer = setTimeout(() => {
        // Fail the socket (mysql2 ignores a plain close it asked for): queued commands, QUIT included, then settle.
        for (const connection of held) {
          (connection as unknown as { stream?: { destroy(error: Error): void } }).stream?.destroy(new Error('connector closed'));
        }
      }, END_GRACE_MS).unref();
      pool.end((error) => {
        clearTimeout(timer);
        callback(error);
      });
    },
  };
}

/** Listener for client 'error' events whose failure reaches the caller through the statement it ran. */
function ignore(): void {}

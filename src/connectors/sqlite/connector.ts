// Opens a SQLite file with better-sqlite3 behind Kysely, through the driver that reuses prepared statements.
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Connector } from '../connector.js';
import { storeUnavailable } from '../failures.js';
import { SqlConnector, type AnyDatabase } from '../sql/index.js';
import type { StoreTarget } from '../target.js';
import { classifySqlite, createSqliteAdapter } from './adapter.js';
import { sqliteConfig } from './config.js';
import { SqliteDriver, sqliteDialect, StatementCache } from './driver.js';

/**
 * Opens the file (it must exist: Custos never creates a provider's database) with foreign keys enforced, as PostgreSQL and
 * MySQL always do. A file that cannot be opened is CustosError('store-unavailable').
 */
export async function openSqlite(target: StoreTarget): Promise<Connector> {
  const config = sqliteConfig(target);
  let database: Database.Database;
  try {
    database = new Database(config.file, { fileMustExist: config.file !== ':memory:', timeout: config.busyTimeoutMs });
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw storeUnavailable(target, classifySqlite(error));
  }
  const driver = new SqliteDriver(new StatementCache(database));
  const db = new Kysely<AnyDatabase>({ dialect: sqliteDialect(driver) });
  return new SqlConnector({ target, adapter: createSqliteAdapter(driver), db });
}

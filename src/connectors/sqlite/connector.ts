// Opens a SQLite file with better-sqlite3 behind Kysely, reusing prepared statements.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Connector } from '../connector.js';
import { storeUnavailable } from '../failures.js';
import { SqlConnector, type AnyDatabase } from '../sql/index.js';
import type { StoreTarget } from '../target.js';
import { classifySqlite, createSqliteAdapter } from './adapter.js';
import { sqliteConfig } from './config.js';

/** Prepared statements kept per connection; IN-lists of new lengths make new statements, so the cache is bounded. */
const STATEMENT_CACHE_SIZE = 256;

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
  const db = new Kysely<AnyDatabase>({ dialect: new SqliteDialect({ database: new StatementCache(database) }) });
  return new SqlConnector({ target, adapter: createSqliteAdapter(), db });
}

/** Kysely's SqliteDatabase over better-sqlite3 that prepares each distinct SQL text once (least recently used evicted). */
class StatementCache implements SqliteDatabase {
  readonly #database: Database.Database;
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(database: Database.Database) {
    this.#database = database;
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (statement) {
      this.#statements.delete(sql);
    } else {
      statement = this.#database.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value as string);
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  close(): void {
    this.#statements.clear();
    this.#database.close();
  }
}

// How statements reach better-sqlite3: prepared once each, through a Kysely driver that can run one at once when free.
import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter as KyselySqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import { Lru } from '../sql/index.js';

/** Prepared statements kept per connection; IN-lists of new lengths make new statements, so the cache is bounded. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * One connection, handed to one holder at a time (a statement, a stream or a whole transaction) in FIFO order, as
 * Kysely's own SQLite driver does. `runNow` skips Kysely's queue when nobody holds it: better-sqlite3 is synchronous,
 * so the statement runs start to end before anything else can ask for the connection.
 */
export class SqliteDriver implements Driver {
  readonly #connection: SqliteConnection;
  readonly #database: SqliteDatabase;
  #held = false;
  readonly #waiting: (() => void)[] = [];
  /** Between Kysely's init and destroy: direct runs only then, so Kysely's destroy always reaches a database they used. */
  #ready = false;
  /** Between begin and commit or rollback of the transaction that holds the connection. */
  #inTransaction = false;

  constructor(database: SqliteDatabase) {
    this.#database = database;
    this.#connection = new SqliteConnection(database);
  }

  async init(): Promise<void> {
    // What a statement deletes or overwrites is zeroed in the file (and in the WAL frames it writes), not left in free
    // space until reused: after an erasure the person's values are gone from the provider's bytes. Reads cost nothing.
    this.#database.prepare('PRAGMA secure_delete = ON').all([]);
    this.#ready = true;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // A waiter is handed the connection still held, so nothing slips in between.
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }

  /** The statement's result when the connection is free; undefined when a statement, stream or transaction holds it. */
  runNow(query: CompiledQuery): QueryResult<unknown> | undefined {
    return this.#ready && !this.#held ? this.#connection.run(query) : undefined;
  }

  /**
   * The statement's result inside the open transaction, which holds the connection; undefined when none is open. Only
   * the transaction's own session calls it (its statements run one after another on that connection anyway).
   */
  runInTransaction(query: CompiledQuery): QueryResult<unknown> | undefined {
    return this.#ready && this.#inTransaction ? this.#connection.run(query) : undefined;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
    this.#inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.#inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    this.#ready = false;
    this.#database.close();
  }
}

/** Kysely's SQLite dialect with the driver above (its compiler, adapter and introspector as they are). */
export function sqliteDialect(driver: SqliteDriver): Dialect {
  return {
    createDriver: () => driver,
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new KyselySqliteAdapter(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
}

class SqliteConnection implements DatabaseConnection {
  /**
   * Statements by the query's operation node: a cached shape hands over the same node call after call, so its statement
   * is found without hashing the SQL text. A node compiles to one SQL text, and the entry goes when the shape does.
   */
  readonly #byNode = new WeakMap<object, { readonly statement: SqliteStatement; readonly reader: boolean }>();

  constructor(private readonly database: SqliteDatabase) {}

  run(query: CompiledQuery): QueryResult<unknown> {
    let prepared = this.#byNode.get(query.query);
    if (!prepared) {
      const statement = this.database.prepare(query.sql);
      prepared = { statement, reader: statement.reader };
      this.#byNode.set(query.query, prepared);
    }
    const { statement } = prepared;
    if (prepared.reader) return { rows: statement.all(query.parameters) };
    const { changes } = statement.run(query.parameters);
    return { numAffectedRows: BigInt(changes), rows: [] };
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.run(query) as QueryResult<R>;
  }

  /** A select's rows one by one; the connection stays held (and better-sqlite3 refuses other statements) until it ends. */
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('the SQLite driver only streams selects');
    for (const row of this.database.prepare(query.sql).iterate(query.parameters)) yield { rows: [row as R] };
  }
}

/** Kysely's SqliteDatabase over better-sqlite3 that prepares each distinct SQL text once (least recently used evicted). */
export class StatementCache implements SqliteDatabase {
  readonly #database: Database.Database;
  readonly #statements: Lru<string, SqliteStatement>;

  constructor(database: Database.Database, capacity = STATEMENT_CACHE_SIZE) {
    this.#database = database;
    this.#statements = new Lru(capacity);
  }

  get size(): number {
    return this.#statements.size;
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#database.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.#statements.clear();
    this.#database.close();
  }
}

// The Connector of every SQL engine: a Kysely instance, its adapter, transactions, ping, introspection and close.
import { sql, type Kysely } from 'kysely';
import type { CollectionModel, StoreKind } from '../../policy/index.js';
import type {
  Connector,
  ConnectorCapabilities,
  ConnectorSession,
  DatedSelection,
  FindOptions,
  IntrospectedCollection,
  Row,
  RowUpdate,
  Selection,
  Value,
} from '../connector.js';
import { storeUnavailable, toStoreError } from '../failures.js';
import { assertNotAborted, Lifecycle } from '../lifecycle.js';
import type { StoreTarget } from '../target.js';
import { CustosError } from '../../errors.js';
import { checkIdentifier } from '../identifiers.js';
import { batchSizeOf, resultFields } from '../selection.js';
import type { AnyDatabase, SqlAdapter } from './adapter.js';
import { datedCondition, datedPages, type DateForm } from './dated.js';
import { SqlSession } from './session.js';
import { ShapeCache } from './shapes.js';
import type { RowIdentities } from './union.js';

/** Every SQL engine can do all of this; only the HTTP and Redis connectors lack some. */
export const SQL_CAPABILITIES: ConnectorCapabilities = Object.freeze({
  transactions: true,
  tables: true,
  streaming: true,
  introspection: true,
  delegated: false,
  expiry: false,
});

/** Samples per column when introspecting (default of `introspect({ sampleSize })`). */
export const DEFAULT_SAMPLE_SIZE = 5;

export interface SqlConnectorParts {
  readonly target: StoreTarget;
  readonly adapter: SqlAdapter;
  readonly db: Kysely<AnyDatabase>;
  /** Validated schema (PostgreSQL), applied to every statement with `withSchema`. */
  readonly schema?: string | undefined;
}

export class SqlConnector implements Connector {
  readonly kind: StoreKind;
  readonly capabilities = SQL_CAPABILITIES;
  readonly #parts: SqlConnectorParts;
  readonly #lifecycle: Lifecycle;
  readonly #session: SqlSession;
  readonly #shapes: ShapeCache;
  readonly #rowIdentities: RowIdentities = new Map();
  /** `table|column` → its form as a date, read once from the catalog. */
  readonly #dateForms = new Map<string, Promise<DateForm>>();

  constructor(parts: SqlConnectorParts) {
    this.kind = parts.adapter.kind;
    this.#parts = parts;
    this.#lifecycle = new Lifecycle(parts.target.label);
    this.#shapes = new ShapeCache({ arrayListFrom: parts.adapter.arrayListFrom });
    const db = parts.schema ? parts.db.withSchema(parts.schema) : parts.db;
    const runNow = parts.adapter.runNow?.bind(parts.adapter);
    this.#session = new SqlSession(
      { target: parts.target, adapter: parts.adapter, db, shapes: this.#shapes, rowIdentities: this.#rowIdentities, runNow },
      [this.#lifecycle],
      false,
    );
  }

  find(selection: Selection, options?: FindOptions): AsyncIterable<Row> {
    return this.#session.find(selection, options);
  }

  findPages(selection: Selection, options?: FindOptions): AsyncIterable<readonly Row[]> {
    return this.#session.findPages(selection, options);
  }

  count(selection: Selection): Promise<number> {
    return this.#session.count(selection);
  }

  update(selection: Selection, set: Readonly<Record<string, Value>>): Promise<number> {
    return this.#session.update(selection, set);
  }

  updateEach(collection: CollectionModel, rows: readonly RowUpdate[]): Promise<number> {
    return this.#session.updateEach(collection, rows);
  }

  delete(selection: Selection): Promise<number> {
    return this.#session.delete(selection);
  }

  /**
   * Rows that may be dated at or before `atMost`, keyed pages outside any transaction (see `Connector.findDatedPages`):
   * the condition follows the column's form, read once from the catalog; a form it cannot tell reads every row.
   */
  async *findDatedPages(selection: DatedSelection, options: FindOptions = {}): AsyncGenerator<readonly Row[]> {
    this.#lifecycle.assertOpen();
    assertNotAborted(options.signal);
    const { collection, field, atMost } = selection;
    const [key, ...more] = collection.primaryKey;
    if (key === undefined || more.length > 0) {
      throw new CustosError({
        code: 'invalid-input',
        message: `${collection.qualifiedName} has no one-field primary key: its rows cannot be read in keyed pages`,
      });
    }
    const table = checkIdentifier(collection.name, 'collection');
    checkIdentifier(field, `field of ${collection.qualifiedName}`);
    const fields = resultFields(collection, options.fields);
    const batchSize = batchSizeOf(options.batchSize);
    const { target, adapter, schema } = this.#parts;
    try {
      const form = await this.#dateForm(table, field);
      const db = schema ? this.#parts.db.withSchema(schema) : this.#parts.db;
      const scope = { db, table, key, fields, condition: datedCondition(form, field, atMost) };
      for await (const page of datedPages(scope, batchSize)) {
        this.#lifecycle.assertOpen();
        assertNotAborted(options.signal);
        yield adapter.rowsAsReturned ? (page as Row[]) : page.map((row) => adapter.decode(row));
      }
    } catch (error) {
      if (this.#lifecycle.closed) throw this.#lifecycle.closedError();
      if (error instanceof CustosError) throw error;
      throw toStoreError(target, error, adapter.classify(error), `dated find on ${collection.qualifiedName}`);
    }
  }

  #dateForm(table: string, column: string): Promise<DateForm> {
    const id = `${table}|${column}`;
    let form = this.#dateForms.get(id);
    if (form === undefined) {
      form = this.#parts.adapter.dateForm(this.#parts.db, { schema: this.#parts.schema, table, column });
      // A failed read is asked again next time, not remembered.
      form.catch(() => this.#dateForms.delete(id));
      this.#dateForms.set(id, form);
    }
    return form;
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back (and its error rethrown) when it throws. */
  async transaction<T>(work: (session: ConnectorSession) => Promise<T>): Promise<T> {
    this.#lifecycle.assertOpen();
    const { target, adapter, schema } = this.#parts;
    let failure: { error: unknown } | undefined;
    try {
      return await this.#parts.db.transaction().execute(async (trx) => {
        const own = new Lifecycle('the transaction');
        const db = schema ? trx.withSchema(schema) : trx;
        const session = new SqlSession(
          {
            target,
            adapter,
            db,
            shapes: this.#shapes,
            rowIdentities: this.#rowIdentities,
            runNow: adapter.runInTransaction?.bind(adapter),
          },
          [this.#lifecycle, own],
          adapter.streamHoldsConnection,
        );
        try {
          return await work(session);
        } catch (error) {
          failure = { error };
          throw error;
        } finally {
          own.close();
        }
      });
    } catch (error) {
      if (failure) throw failure.error;
      if (this.#lifecycle.closed) throw this.#lifecycle.closedError();
      throw toStoreError(target, error, adapter.classify(error), 'transaction');
    }
  }

  /** Runs `select 1`; any failure is CustosError('store-unavailable'). */
  async ping(): Promise<void> {
    this.#lifecycle.assertOpen();
    try {
      await sql`select 1`.execute(this.#parts.db);
    } catch (error) {
      throw storeUnavailable(this.#parts.target, this.#parts.adapter.classify(error));
    }
  }

  /** Tables, columns, keys and up to `sampleSize` (default 5) distinct non-null values per column. */
  async introspect(options: { sampleSize?: number; signal?: AbortSignal } = {}): Promise<readonly IntrospectedCollection[]> {
    this.#lifecycle.assertOpen();
    assertNotAborted(options.signal);
    const { target, adapter, db, schema } = this.#parts;
    try {
      return await adapter.introspect(db, { schema, sampleSize: options.sampleSize ?? DEFAULT_SAMPLE_SIZE, signal: options.signal });
    } catch (error) {
      if (this.#lifecycle.closed) throw this.#lifecycle.closedError();
      throw toStoreError(target, error, adapter.classify(error), 'introspection');
    }
  }

  /** Closes the client (idempotent); later calls throw CustosError('closed'). */
  async close(): Promise<void> {
    if (!this.#lifecycle.close()) return;
    this.#shapes.clear();
    this.#rowIdentities.clear();
    await this.#parts.db.destroy().catch(() => undefined);
  }
}

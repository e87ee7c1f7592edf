// The ConnectorSession of every SQL engine: checks the selection, then runs its statements on a connection or a transaction.
import { CustosError } from '../../errors.js';
import type { ConnectorSession, FindOptions, Row, Selection, Value } from '../connector.js';
import { toStoreError } from '../failures.js';
import { PagesAtOnce, rowsOf } from '../pages.js';
import { checkIdentifier } from '../identifiers.js';
import { assertNotAborted, type Lifecycle } from '../lifecycle.js';
import { assertBounded, batchSizeOf, checkAssignments, checkSelection, resultFields, type CheckedSelection } from '../selection.js';
import type { StoreTarget } from '../target.js';
import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { AnyDatabase, ClientRow, SqlAdapter } from './adapter.js';
import { splitGroups } from './queries.js';
import type { ShapeCache } from './shapes.js';
import { SqlStatements } from './statements.js';
import { identityOf, unionCount, unionPages, unionUpdate, type UnionScope } from './union.js';

export interface SqlScope {
  readonly target: StoreTarget;
  readonly adapter: SqlAdapter;
  /** The Kysely instance or transaction, with the store's schema applied. */
  readonly db: Kysely<AnyDatabase>;
  /** The connector's compiled shapes, shared by its transactions (same schema, same SQL). */
  readonly shapes: ShapeCache;
  /** Runs a statement at once where the client can (the adapter's `runNow`, or `runInTransaction` in a transaction). */
  readonly runNow?: ((query: CompiledQuery) => QueryResult<unknown> | undefined) | undefined;
}

export class SqlSession implements ConnectorSession {
  readonly #scope: SqlScope;
  readonly #statements: SqlStatements;
  readonly #lifecycles: readonly Lifecycle[];
  /** A transaction on an engine whose streams hold the connection: nothing else may run while a find is open. */
  readonly #exclusive: boolean;
  #openStreams = 0;

  constructor(scope: SqlScope, lifecycles: readonly Lifecycle[], exclusive: boolean) {
    this.#scope = scope;
    this.#statements = new SqlStatements(scope.db, scope.adapter, scope.shapes, scope.runNow);
    this.#lifecycles = lifecycles;
    this.#exclusive = exclusive;
  }

  find(selection: Selection, options: FindOptions = {}): AsyncIterable<Row> {
    return rowsOf(this.findPages(selection, options));
  }

  findPages(selection: Selection, options: FindOptions = {}): AsyncIterable<readonly Row[]> {
    const probe = this.#pageNow(selection, options);
    return Array.isArray(probe) ? new PagesAtOnce(probe) : this.#findPages(selection, options, probe === 'more');
  }

  /**
   * The whole result of a small find read at once, where the adapter can (SQLite, connection free): most finds of one
   * person's rows. 'more' when the result is longer than a page (the paged find need not probe again); undefined in
   * every other case, failures included: the paged find then runs, and reports them.
   */
  #pageNow(selection: Selection, options: FindOptions): readonly Row[] | 'more' | undefined {
    const { adapter } = this.#scope;
    if (!adapter.pageNow || options.signal?.aborted) return undefined;
    try {
      const { table, checked } = this.#prepare(selection);
      if (checked.matchesNothing) return undefined;
      const parts = splitGroups(checked.groups, adapter.parameterBudget);
      if (parts.length !== 1) return undefined;
      const fields = resultFields(selection.collection, options.fields);
      const rows = adapter.pageNow(this.#statements.select(table, fields, parts[0]!), batchSizeOf(options.batchSize));
      return Array.isArray(rows) ? decoded(adapter, rows) : rows;
    } catch {
      return undefined;
    }
  }

  /** `probed`: the result is known to be longer than a page, so the adapter pages without probing first. */
  async *#findPages(selection: Selection, options: FindOptions, probed: boolean): AsyncGenerator<readonly Row[]> {
    const { table, checked } = this.#prepare(selection);
    const fields = resultFields(selection.collection, options.fields);
    const batchSize = batchSizeOf(options.batchSize);
    const { signal } = options;
    assertNotAborted(signal);
    if (checked.matchesNothing) return;
    const { adapter } = this.#scope;
    const parts = splitGroups(checked.groups, adapter.parameterBudget);
    this.#openStreams++;
    try {
      const sources = overlaps(parts, checked)
        ? [unionPages(this.#union(table), fields, parts, await this.#identity(selection, table), batchSize)]
        : parts.map((groups) => adapter.pages(this.#statements.select(table, fields, groups), batchSize, probed));
      for (const pages of sources) {
        for await (const page of pages) {
          this.#assertOpen();
          assertNotAborted(signal);
          yield decoded(adapter, page);
        }
      }
      // A stream cut short by close() must not read as complete.
      this.#assertOpen();
    } catch (error) {
      throw this.#wrap(error, `find on ${selection.collection.qualifiedName}`);
    } finally {
      this.#openStreams--;
    }
  }

  async count(selection: Selection): Promise<number> {
    const { table, checked } = this.#prepare(selection);
    if (checked.matchesNothing) return 0;
    const parts = splitGroups(checked.groups, this.#scope.adapter.parameterBudget);
    return this.#run(`count on ${selection.collection.qualifiedName}`, async () => {
      if (parts.length === 1) return this.#statements.count(table, parts[0]!);
      const identity = overlaps(parts, checked) ? await this.#identity(selection, table) : [];
      return unionCount(this.#union(table), parts, identity);
    });
  }

  async update(selection: Selection, set: Readonly<Record<string, Value>>): Promise<number> {
    const { table, checked } = this.#prepare(selection);
    const assignments = checkAssignments(selection.collection, set);
    assertBounded(checked, 'update');
    if (checked.matchesNothing) return 0;
    const parts = splitGroups(checked.groups, this.#scope.adapter.parameterBudget);
    return this.#run(`update of ${selection.collection.qualifiedName}`, async () => {
      if (parts.length === 1) return this.#statements.update(table, assignments, parts[0]!);
      const identity = overlaps(parts, checked) ? await this.#identity(selection, table) : [];
      return unionUpdate(this.#union(table), assignments, parts, identity);
    });
  }

  /** Parts run in turn: a row an earlier part deleted is gone for the later ones, so none is counted twice. */
  async delete(selection: Selection): Promise<number> {
    const { table, checked } = this.#prepare(selection);
    assertBounded(checked, 'delete');
    if (checked.matchesNothing) return 0;
    const parts = splitGroups(checked.groups, this.#scope.adapter.parameterBudget);
    return this.#run(`delete from ${selection.collection.qualifiedName}`, async () => {
      let total = 0;
      for (const part of parts) total += await this.#statements.delete(table, part);
      return total;
    });
  }

  #prepare(selection: Selection) {
    this.#assertOpen();
    if (this.#exclusive && this.#openStreams > 0) {
      throw new CustosError({
        code: 'conflict',
        message: `${this.#scope.target.label}: a find is still open in this transaction; finish or stop it before the next operation`,
      });
    }
    return { table: checkIdentifier(selection.collection.name, 'collection'), checked: checkSelection(selection) };
  }

  async #run(operation: string, work: () => Promise<number>): Promise<number> {
    try {
      return await work();
    } catch (error) {
      throw this.#wrap(error, operation);
    }
  }

  #union(table: string): UnionScope {
    return { statements: this.#statements, adapter: this.#scope.adapter, table };
  }

  #identity(selection: Selection, table: string): Promise<readonly string[]> {
    return identityOf(this.#union(table), selection.collection);
  }

  #assertOpen(): void {
    for (const lifecycle of this.#lifecycles) lifecycle.assertOpen();
  }

  #wrap(error: unknown, operation: string): CustosError {
    const closed = this.#lifecycles.find((lifecycle) => lifecycle.closed);
    if (closed) return closed.closedError();
    return toStoreError(this.#scope.target, error, this.#scope.adapter.classify(error), operation);
  }
}

/** The client's rows as Rows. */
function decoded(adapter: SqlAdapter, rows: readonly ClientRow[]): readonly Row[] {
  return adapter.rowsAsReturned ? (rows as readonly Row[]) : rows.map((row) => adapter.decode(row));
}

/** Several statements for several groups: a row two groups match may come from two of them. */
function overlaps(parts: readonly unknown[], checked: CheckedSelection): boolean {
  return parts.length > 1 && checked.groups.length > 1;
}

// The ConnectorSession of every SQL engine: checks the selection, then runs its statements on a connection or a transaction.
import { CustosError } from '../../errors.js';
import type { CollectionModel } from '../../policy/index.js';
import type { ConnectorSession, FindOptions, Row, RowUpdate, Selection, Value } from '../connector.js';
import { toStoreError } from '../failures.js';
import { PagesAtOnce, rowsOf } from '../pages.js';
import { checkRowUpdates, groupRowUpdates, updateRowByRow } from '../row-updates.js';
import { checkIdentifier } from '../identifiers.js';
import { assertNotAborted, type Lifecycle } from '../lifecycle.js';
import {
  assertBounded,
  batchSizeOf,
  checkAssignments,
  checkSelection,
  resultFields,
  type CheckedSelection,
  type WhereGroup,
} from '../selection.js';
import type { StoreTarget } from '../target.js';
import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { AnyDatabase, ClientRow, SqlAdapter } from './adapter.js';
import { probePageNow } from './pages.js';
import { splitGroups } from './queries.js';
import type { ShapeCache } from './shapes.js';
import { SqlStatements } from './statements.js';
import { identityOf, sum, unionCount, unionPages, unionUpdate, type RowIdentities, type UnionScope } from './union.js';

export interface SqlScope {
  readonly target: StoreTarget;
  readonly adapter: SqlAdapter;
  /** The Kysely instance or transaction, with the store's schema applied. */
  readonly db: Kysely<AnyDatabase>;
  /** The connector's compiled shapes, shared by its transactions (same schema, same SQL). */
  readonly shapes: ShapeCache;
  /** The connector's answers of `identityOf`, shared by its transactions (same schema). */
  readonly rowIdentities: RowIdentities;
  /**
   * Runs a statement at once where the client can (the adapter's `runNow`, or `runInTransaction` in a transaction); a
   * small find is then read at once too, without an asynchronous step.
   */
  readonly runNow?: ((query: CompiledQuery) => QueryResult<unknown> | undefined) | undefined;
}

/** Rows per per-row update statement: few enough that its shape repeats and stays cached (as IN-lists of up to 64 do). */
const EACH_ROWS = 64;

/** A find's checked selection and options, ready for its statements. */
interface PreparedFind {
  readonly table: string;
  readonly checked: CheckedSelection;
  /** Statements to run (`splitGroups`); none when the selection matches nothing. */
  readonly parts: readonly (readonly WhereGroup[])[];
  readonly fields: readonly string[];
  readonly batchSize: number;
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

  /**
   * Where statements can run at once (SQLite, connection free), a small find is read here and now: most finds of one
   * person's rows. Its checks then run once, here, for the paged find too; any failure of this quick path leaves the
   * paged find to run (checks included) and report it when iterated.
   */
  findPages(selection: Selection, options: FindOptions = {}): AsyncIterable<readonly Row[]> {
    let find: PreparedFind | undefined;
    let probe: readonly Row[] | 'more' | undefined;
    if (this.#scope.runNow && !options.signal?.aborted) {
      try {
        find = this.#prepareFind(selection, options);
        probe = this.#pageNow(find);
      } catch {
        // The paged find runs instead and reports the failure when iterated: its checks again, or the statement again (a
        // busy or locked file may be free by then), so the error a caller sees is the one a later attempt gets.
      }
    }
    return Array.isArray(probe) ? new PagesAtOnce(probe) : this.#findPages(selection, options, find, probe === 'more');
  }

  /**
   * The whole result read at once when it fits in a page and the connection is free; 'more' when the result is longer
   * (the paged find need not probe again); undefined when it cannot run now, or the find needs several statements.
   */
  #pageNow(find: PreparedFind): readonly Row[] | 'more' | undefined {
    const { table, checked, parts, fields, batchSize } = find;
    if (checked.matchesNothing || parts.length !== 1) return undefined;
    const rows = probePageNow(this.#statements.select(table, fields, parts[0]!), batchSize);
    return Array.isArray(rows) ? decoded(this.#scope.adapter, rows) : rows;
  }

  /**
   * `prepared`: the find's checks already made by `findPages` (only whether the session may run it is asked again, now);
   * `probed`: the result is known to be longer than a page, so the adapter pages without probing first.
   */
  async *#findPages(
    selection: Selection,
    options: FindOptions,
    prepared: PreparedFind | undefined,
    probed: boolean,
  ): AsyncGenerator<readonly Row[]> {
    const { signal } = options;
    if (prepared) {
      this.#assertUsable();
      assertNotAborted(signal);
    }
    const { table, checked, parts, fields, batchSize } = prepared ?? this.#prepareFind(selection, options);
    if (checked.matchesNothing) return;
    const { adapter } = this.#scope;
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
    // A write that nulls a field says which: a NOT NULL refusal then names the column (never a value).
    const nulled = assignments.flatMap(([field, value]) => (value === null ? [field] : []));
    const operation = `update of ${selection.collection.qualifiedName}${nulled.length > 0 ? ` setting ${nulled.join(', ')} to NULL` : ''}`;
    return this.#run(operation, async () => {
      if (parts.length === 1) return this.#statements.update(table, assignments, parts[0]!);
      const identity = overlaps(parts, checked) ? await this.#identity(selection, table) : [];
      return unionUpdate(this.#union(table), assignments, parts, identity);
    });
  }

  /**
   * Rows that set the same fields go in one statement per `EACH_ROWS` of them (a CASE per field); rows named by several
   * fields, or that set a key field, row by row.
   */
  async updateEach(collection: CollectionModel, rows: readonly RowUpdate[]): Promise<number> {
    this.#assertUsable();
    const table = checkIdentifier(collection.name, 'collection');
    const checked = checkRowUpdates(collection, rows);
    const groups = groupRowUpdates(checked);
    if (!groups) return updateRowByRow(this, collection, checked);
    return this.#run(`update of ${collection.qualifiedName}`, async () => {
      let total = 0;
      for (const group of groups) {
        // Each row binds its key once in the IN-list and twice per field in the CASEs.
        const size = Math.max(1, Math.min(EACH_ROWS, Math.floor(this.#scope.adapter.parameterBudget / (1 + 2 * group.fields.length))));
        for (let start = 0; start < group.rows.length; start += size) {
          total += await this.#statements.updateEach(table, { ...group, rows: group.rows.slice(start, start + size) });
        }
      }
      return total;
    });
  }

  /** Parts run in turn: a row an earlier part deleted is gone for the later ones, so none is counted twice. */
  async delete(selection: Selection): Promise<number> {
    const { table, checked } = this.#prepare(selection);
    assertBounded(checked, 'delete');
    if (checked.matchesNothing) return 0;
    const parts = splitGroups(checked.groups, this.#scope.adapter.parameterBudget);
    return this.#run(`delete from ${selection.collection.qualifiedName}`, () => sum(parts, (part) => this.#statements.delete(table, part)));
  }

  #prepare(selection: Selection) {
    this.#assertUsable();
    return { table: checkIdentifier(selection.collection.name, 'collection'), checked: checkSelection(selection) };
  }

  /** Everything a find checks before its first statement, in the order it reports failures; parts only if it matches anything. */
  #prepareFind(selection: Selection, options: FindOptions): PreparedFind {
    const { table, checked } = this.#prepare(selection);
    const fields = resultFields(selection.collection, options.fields);
    const batchSize = batchSizeOf(options.batchSize);
    assertNotAborted(options.signal);
    const parts = checked.matchesNothing ? [] : splitGroups(checked.groups, this.#scope.adapter.parameterBudget);
    return { table, checked, parts, fields, batchSize };
  }

  /** The session is open and, in a transaction whose streams hold the connection, no find is still open. */
  #assertUsable(): void {
    this.#assertOpen();
    if (this.#exclusive && this.#openStreams > 0) {
      throw new CustosError({
        code: 'conflict',
        message: `${this.#scope.target.label}: a find is still open in this transaction; finish or stop it before the next operation`,
      });
    }
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
    return identityOf(this.#union(table), selection.collection, this.#scope.rowIdentities);
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

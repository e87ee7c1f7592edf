// The ConnectorSession of every SQL engine: checks the selection, then runs its statements on a connection or a transaction.
import { CustosError } from '../../errors.js';
import type { ConnectorSession, FindOptions, Row, Selection, Value } from '../connector.js';
import { toStoreError } from '../failures.js';
import { checkIdentifier } from '../identifiers.js';
import { assertNotAborted, type Lifecycle } from '../lifecycle.js';
import { assertBounded, batchSizeOf, checkAssignments, checkSelection, resultFields, type WhereTerm } from '../selection.js';
import type { StoreTarget } from '../target.js';
import type { Kysely } from 'kysely';
import type { AnyDatabase, SqlAdapter } from './adapter.js';
import { splitTerms } from './queries.js';
import type { ShapeCache } from './shapes.js';
import { SqlStatements } from './statements.js';

export interface SqlScope {
  readonly target: StoreTarget;
  readonly adapter: SqlAdapter;
  /** The Kysely instance or transaction, with the store's schema applied. */
  readonly db: Kysely<AnyDatabase>;
  /** The connector's compiled shapes, shared by its transactions (same schema, same SQL). */
  readonly shapes: ShapeCache;
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
    this.#statements = new SqlStatements(scope.db, scope.adapter, scope.shapes);
    this.#lifecycles = lifecycles;
    this.#exclusive = exclusive;
  }

  find(selection: Selection, options: FindOptions = {}): AsyncIterable<Row> {
    return this.#find(selection, options);
  }

  async *#find(selection: Selection, options: FindOptions): AsyncGenerator<Row> {
    const { table, checked } = this.#prepare(selection);
    const fields = resultFields(selection.collection, options.fields);
    const batchSize = batchSizeOf(options.batchSize);
    const { signal } = options;
    assertNotAborted(signal);
    if (checked.matchesNothing) return;
    const { adapter } = this.#scope;
    this.#openStreams++;
    try {
      for (const terms of splitTerms(checked.terms, adapter.parameterBudget)) {
        // A page is in memory: its rows go out without another await each.
        for await (const page of adapter.pages(this.#statements.select(table, fields, terms), batchSize)) {
          for (const row of page) {
            this.#assertOpen();
            assertNotAborted(signal);
            yield adapter.decode(row);
          }
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
    return this.#sum(checked.terms, `count on ${selection.collection.qualifiedName}`, (terms) => this.#statements.count(table, terms));
  }

  async update(selection: Selection, set: Readonly<Record<string, Value>>): Promise<number> {
    const { table, checked } = this.#prepare(selection);
    const assignments = checkAssignments(selection.collection, set);
    assertBounded(checked, 'update');
    if (checked.matchesNothing) return 0;
    return this.#sum(checked.terms, `update of ${selection.collection.qualifiedName}`, (terms) =>
      this.#statements.update(table, assignments, terms),
    );
  }

  async delete(selection: Selection): Promise<number> {
    const { table, checked } = this.#prepare(selection);
    assertBounded(checked, 'delete');
    if (checked.matchesNothing) return 0;
    return this.#sum(checked.terms, `delete from ${selection.collection.qualifiedName}`, (terms) => this.#statements.delete(table, terms));
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

  async #sum(terms: readonly WhereTerm[], operation: string, run: (terms: readonly WhereTerm[]) => Promise<number>): Promise<number> {
    try {
      let total = 0;
      for (const part of splitTerms(terms, this.#scope.adapter.parameterBudget)) total += await run(part);
      return total;
    } catch (error) {
      throw this.#wrap(error, operation);
    }
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

// The statements of a session, each compiled once per shape and run as SQL text with the call's values bound.
import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Value } from '../connector.js';
import type { WhereTerm } from '../selection.js';
import type { AnyDatabase, ClientRow, SelectStatement, SelectVariant, SqlAdapter } from './adapter.js';
import { countQuery, deleteQuery, selectQuery, updateQuery, type WhereLists } from './queries.js';
import type { ShapeCache } from './shapes.js';

/**
 * Shape keys join validated identifiers (no spaces or commas) in fixed positions, so two shapes never share a key.
 * SqlSelect and the variants are classes, not objects of arrow functions: tsx (keepNames) defines a `name` on each such
 * function every time one is created, which a per-call object would pay on every call.
 */
export class SqlStatements {
  readonly #db: Kysely<AnyDatabase>;
  readonly #adapter: SqlAdapter;
  readonly #shapes: ShapeCache;

  constructor(db: Kysely<AnyDatabase>, adapter: SqlAdapter, shapes: ShapeCache) {
    this.#db = db;
    this.#adapter = adapter;
    this.#shapes = shapes;
  }

  select(table: string, fields: readonly string[], terms: readonly WhereTerm[]): SelectStatement {
    return new SqlSelect(this.#db, this.#adapter, this.#shapes, table, fields, whereOfTerms(this.#adapter, terms));
  }

  async count(table: string, terms: readonly WhereTerm[]): Promise<number> {
    const where = whereOfTerms(this.#adapter, terms);
    const query = this.#shapes.statement(`count ${table} ${where.fields.join(',')}`, [], where.lists, (_, lists) =>
      countQuery(this.#db, this.#adapter, table, { fields: where.fields, lists }),
    );
    const { rows } = await execute(this.#db, this.#adapter, query);
    return Number((rows[0] as { n?: unknown } | undefined)?.n ?? 0);
  }

  /** Returns how many rows matched; assignments of `undefined` are left out, as Kysely's `set` does. */
  async update(table: string, assignments: readonly (readonly [string, Value])[], terms: readonly WhereTerm[]): Promise<number> {
    const where = whereOfTerms(this.#adapter, terms);
    const set = assignments.filter(([, value]) => value !== undefined);
    const fields = set.map(([field]) => field);
    const values = set.map(([, value]) => this.#adapter.encode(value));
    const key = `update ${table} ${fields.join(',')} ${where.fields.join(',')}`;
    const query = this.#shapes.statement(key, values, where.lists, (slots, lists) =>
      updateQuery(this.#db, this.#adapter, table, { fields, values: slots }, { fields: where.fields, lists }),
    );
    return Number((await execute(this.#db, this.#adapter, query)).numAffectedRows ?? 0n);
  }

  async delete(table: string, terms: readonly WhereTerm[]): Promise<number> {
    const where = whereOfTerms(this.#adapter, terms);
    const query = this.#shapes.statement(`delete ${table} ${where.fields.join(',')}`, [], where.lists, (_, lists) =>
      deleteQuery(this.#db, this.#adapter, table, { fields: where.fields, lists }),
    );
    return Number((await execute(this.#db, this.#adapter, query)).numAffectedRows ?? 0n);
  }
}

class SqlSelect implements SelectStatement {
  readonly #key: string;

  constructor(
    private readonly db: Kysely<AnyDatabase>,
    private readonly adapter: SqlAdapter,
    private readonly shapes: ShapeCache,
    readonly table: string,
    private readonly fields: readonly string[],
    private readonly where: WhereLists,
  ) {
    this.#key = `select ${table} ${fields.join(',')} ${where.fields.join(',')}`;
  }

  async run(variant: SelectVariant, values: readonly unknown[]): Promise<ClientRow[]> {
    const { db, adapter, table, fields, where } = this;
    const query = this.shapes.statement(`${this.#key} ${variant.name}`, values, where.lists, (slots, lists) =>
      variant.extend(selectQuery(db, adapter, table, fields, { fields: where.fields, lists }), slots),
    );
    return (await execute(db, adapter, query)).rows as ClientRow[];
  }

  /** Streams read more than a page: building the query each time costs nothing beside them. */
  stream(chunkSize: number): AsyncIterable<ClientRow> {
    return selectQuery(this.db, this.adapter, this.table, this.fields, this.where).stream(chunkSize);
  }
}

/** Runs `query` at once where the adapter can, else through Kysely (which takes the connection or the transaction's). */
function execute(db: Kysely<AnyDatabase>, adapter: SqlAdapter, query: CompiledQuery): Promise<QueryResult<unknown>> | QueryResult<unknown> {
  return adapter.runNow?.(query) ?? db.executeQuery(query);
}

/** The terms' field names, and their values encoded for the client. */
function whereOfTerms(adapter: SqlAdapter, terms: readonly WhereTerm[]): WhereLists {
  const fields: string[] = [];
  const lists: unknown[][] = [];
  for (const term of terms) {
    fields.push(term.field);
    lists.push(term.values.map((value) => adapter.encode(value)));
  }
  return { fields, lists };
}

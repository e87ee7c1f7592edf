// The statements of a session, each compiled once per shape and run as SQL text with the call's values bound.
import { sql, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Value } from '../connector.js';
import { assertWriteCondition, type WhereGroup } from '../selection.js';
import type { AnyDatabase, ClientRow, SelectStatement, SelectVariant, SqlAdapter } from './adapter.js';
import { countQuery, deleteQuery, selectQuery, updateEachQuery, updateQuery, type WhereField, type WhereLists } from './queries.js';
import type { RowUpdateGroup } from '../row-updates.js';
import type { ShapeCache } from './shapes.js';

/**
 * Shape keys join validated identifiers (no spaces, commas or bars) in fixed positions, so two shapes never share a key.
 * SqlSelect and the variants are classes, not objects of arrow functions: tsx (keepNames) defines a `name` on each such
 * function every time one is created, which a per-call object would pay on every call.
 */
export class SqlStatements {
  readonly #db: Kysely<AnyDatabase>;
  readonly #adapter: SqlAdapter;
  readonly #shapes: ShapeCache;
  readonly #runNow: RunNow | undefined;

  /** `runNow` runs a statement at once where it can (SQLite); without it, or when it returns undefined, Kysely runs it. */
  constructor(db: Kysely<AnyDatabase>, adapter: SqlAdapter, shapes: ShapeCache, runNow?: RunNow) {
    this.#db = db;
    this.#adapter = adapter;
    this.#shapes = shapes;
    this.#runNow = runNow;
  }

  /** `identity` columns are added to each row under `identityAlias` names (the caller removes them). */
  select(table: string, fields: readonly string[], groups: readonly WhereGroup[], identity: readonly string[] = []): SelectStatement {
    return new SqlSelect(
      this.#db,
      this.#adapter,
      this.#runNow,
      this.#shapes,
      table,
      fields,
      identity,
      whereOfGroups(this.#adapter, groups),
    );
  }

  async count(table: string, groups: readonly WhereGroup[]): Promise<number> {
    const where = whereOfGroups(this.#adapter, groups);
    const query = this.#shapes.statement(`count ${table} ${where.key}`, [], where.lists, (_, lists) =>
      countQuery(this.#db, this.#adapter, table, { groups: where.groups, lists }),
    );
    const { rows } = await execute(this.#db, this.#runNow, query);
    return Number((rows[0] as { n?: unknown } | undefined)?.n ?? 0);
  }

  /** Returns how many rows matched; assignments of `undefined` are left out, as Kysely's `set` does. */
  async update(table: string, assignments: readonly (readonly [string, Value])[], groups: readonly WhereGroup[]): Promise<number> {
    assertWriteCondition(table, groups, 'update');
    const where = whereOfGroups(this.#adapter, groups);
    const set = assignments.filter(([, value]) => value !== undefined);
    const fields = set.map(([field]) => field);
    const values = set.map(([, value]) => this.#adapter.encode(value));
    const key = `update ${table} ${fields.join(',')} ${where.key}`;
    const query = this.#shapes.statement(key, values, where.lists, (slots, lists) =>
      updateQuery(this.#db, this.#adapter, table, { fields, values: slots }, { groups: where.groups, lists }),
    );
    return Number((await execute(this.#db, this.#runNow, query)).numAffectedRows ?? 0n);
  }

  /** Sets each of `group`'s rows (the session sends at most 64 at once) to values of its own; returns how many rows matched. */
  async updateEach(table: string, group: RowUpdateGroup): Promise<number> {
    const encode = (value: Value) => this.#adapter.encode(value);
    const keys = group.rows.map((row) => encode(row.key));
    assertWriteCondition(table, [[{ field: group.key, values: keys as Value[] }]], 'update');
    const pairs: unknown[] = [];
    for (let field = 0; field < group.fields.length; field++)
      for (const row of group.rows) pairs.push(encode(row.key), encode(row.values[field]!));
    // The row count is named: the CASE pairs grow with it, even where the IN-list binds as one array of any length.
    const query = this.#shapes.statement(
      `each ${table} ${group.key} ${joined(group.fields)} ${keys.length}`,
      pairs,
      [keys],
      (slots, lists) => updateEachQuery(this.#db, this.#adapter, table, group, slots, lists[0]!),
    );
    return Number((await execute(this.#db, this.#runNow, query)).numAffectedRows ?? 0n);
  }

  async delete(table: string, groups: readonly WhereGroup[]): Promise<number> {
    assertWriteCondition(table, groups, 'delete');
    const where = whereOfGroups(this.#adapter, groups);
    const query = this.#shapes.statement(`delete ${table} ${where.key}`, [], where.lists, (_, lists) =>
      deleteQuery(this.#db, this.#adapter, table, { groups: where.groups, lists }),
    );
    return Number((await execute(this.#db, this.#runNow, query)).numAffectedRows ?? 0n);
  }

  /** Whether `column` can be read from `table` (false when the store says it has no such column); not cached. */
  async hasColumn(table: string, column: string): Promise<boolean> {
    const query = this.#db.selectFrom(table).select(sql.ref(column).as('c')).limit(1).compile();
    try {
      await execute(this.#db, this.#runNow, query);
      return true;
    } catch (error) {
      if (this.#adapter.classify(error).kind === 'schema') return false;
      throw error;
    }
  }
}

class SqlSelect implements SelectStatement {
  readonly #key: string;

  constructor(
    private readonly db: Kysely<AnyDatabase>,
    private readonly adapter: SqlAdapter,
    private readonly runNowOf: RunNow | undefined,
    private readonly shapes: ShapeCache,
    readonly table: string,
    private readonly fields: readonly string[],
    private readonly identity: readonly string[],
    private readonly where: KeyedWhere,
  ) {
    this.#key = `select ${table} ${joined(fields)} ${joined(identity)} ${where.key}`;
  }

  async run(variant: SelectVariant, values: readonly unknown[]): Promise<ClientRow[]> {
    return (await execute(this.db, this.runNowOf, this.#query(variant, values))).rows as ClientRow[];
  }

  runNow(variant: SelectVariant, values: readonly unknown[]): ClientRow[] | undefined {
    return this.runNowOf?.(this.#query(variant, values))?.rows as ClientRow[] | undefined;
  }

  #query(variant: SelectVariant, values: readonly unknown[]): CompiledQuery {
    const { db, adapter, table, fields, identity, where } = this;
    return this.shapes.statement(`${this.#key} ${variant.name}`, values, where.lists, (slots, lists) =>
      variant.extend(selectQuery(db, adapter, table, fields, { groups: where.groups, lists }, identity), slots),
    );
  }

  /** Streams read more than a page: building the query each time costs nothing beside them. */
  stream(chunkSize: number): AsyncIterable<ClientRow> {
    return selectQuery(this.db, this.adapter, this.table, this.fields, this.where, this.identity).stream(chunkSize);
  }
}

/**
 * A short stand-in for a field list in shape keys: `#n`, one per distinct list. Lists are usually the same arrays call
 * after call (the engine keeps them), so each array is joined once and keys stay short to hash.
 */
const listKeys = new WeakMap<readonly string[], string>();
const listIds = new Map<string, string>();
const MAX_LIST_IDS = 10_000;
let nextListId = 0;

function joined(list: readonly string[]): string {
  if (list.length === 0) return '';
  let key = listKeys.get(list);
  if (key === undefined) {
    const text = list.join(',');
    key = listIds.get(text);
    if (key === undefined) {
      // Ids are never reused, so one always stands for one text; forgetting them only costs recompiling some shapes.
      if (listIds.size >= MAX_LIST_IDS) listIds.clear();
      listIds.set(text, (key = `#${nextListId++}`));
    }
    listKeys.set(list, key);
  }
  return key;
}

type RunNow = (query: CompiledQuery) => QueryResult<unknown> | undefined;

/** Runs `query` at once where it can, else through Kysely (which takes the connection or the transaction's). */
function execute(
  db: Kysely<AnyDatabase>,
  runNow: RunNow | undefined,
  query: CompiledQuery,
): Promise<QueryResult<unknown>> | QueryResult<unknown> {
  return runNow?.(query) ?? db.executeQuery(query);
}

interface KeyedWhere extends WhereLists {
  /**
   * The groups' structure in a shape key: each group's fields joined by `,`, groups joined by `|` (so the group count is
   * one more than the bars). The shape cache appends the list lengths in the same order, so each group's lengths follow.
   */
  readonly key: string;
}

/** The groups' field names, their values encoded for the client, and their structure as a shape key. */
function whereOfGroups(adapter: SqlAdapter, groups: readonly WhereGroup[]): KeyedWhere {
  const fieldsOfGroups: WhereField[][] = [];
  const lists: unknown[][] = [];
  let key = '';
  for (const group of groups) {
    const fields: WhereField[] = [];
    const names: string[] = [];
    for (const term of group) {
      fields.push(term.fold ? { lower: term.field } : term.field);
      names.push(term.fold ? `lower(${term.field})` : term.field);
      lists.push(term.values.map((value) => adapter.encode(value)));
    }
    key = fieldsOfGroups.length === 0 ? names.join(',') : `${key}|${names.join(',')}`;
    fieldsOfGroups.push(fields);
  }
  return { groups: fieldsOfGroups, lists, key };
}

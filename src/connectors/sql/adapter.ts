// What differs between SQL engines, as one small interface (Kysely's DialectAdapter idea): everything else is shared.
import type { CompiledQuery, Expression, ExpressionBuilder, Kysely, QueryCreator, QueryResult, SelectQueryBuilder, SqlBool } from 'kysely';
import type { IntrospectedCollection, Row, Value } from '../connector.js';
import type { StoreFailure } from '../failures.js';
import type { DateForm } from './dated.js';

/** Tables and columns are only known at run time: every table is a record of unknown columns. */
export type AnyDatabase = Record<string, Record<string, unknown>>;
export type AnyQueryCreator = QueryCreator<AnyDatabase>;
export type AnySelect = SelectQueryBuilder<AnyDatabase, string, Record<string, unknown>>;
export type AnyExpressionBuilder = ExpressionBuilder<AnyDatabase, string>;
/** A client row before `decode`. */
export type ClientRow = Record<string, unknown>;

/** A way to extend a find's select (paging); compiled once per shape, so one `name` must always extend the same way. */
export interface SelectVariant {
  readonly name: string;
  /** Adds to `query`; `values` stands for the values the variant binds (its `run` arguments), in order. */
  extend(query: AnySelect, values: readonly unknown[]): AnySelect;
}

/** The select of one find, as an adapter pages through it. */
export interface SelectStatement {
  readonly table: string;
  /** Runs the select extended by `variant`, binding `values`; returns every row it reads. */
  run(variant: SelectVariant, values: readonly unknown[]): Promise<ClientRow[]>;
  /** `run` done at once, where the adapter runs statements synchronously and its connection is free; else undefined. */
  runNow(variant: SelectVariant, values: readonly unknown[]): ClientRow[] | undefined;
  /** The plain select as one streamed statement (Kysely's `.stream()`), about `chunkSize` rows per round trip. */
  stream(chunkSize: number): AsyncIterable<ClientRow>;
}

export interface IntrospectContext {
  /** Schema to read (PostgreSQL), already validated. */
  readonly schema?: string | undefined;
  readonly sampleSize: number;
  readonly signal?: AbortSignal | undefined;
}

export interface SqlAdapter {
  readonly kind: 'sqlite' | 'postgres' | 'mysql';
  /** Bound parameters one statement may carry; longer IN-lists are split over several statements. */
  readonly parameterBudget: number;
  /**
   * IN-lists of at least this many values bind as one array parameter (`inList` decides), so their length stays out of the
   * SQL and shapes stay few; shorter ones bind value by value. Infinity: lists always bind value by value.
   */
  readonly arrayListFrom: number;
  /**
   * A column that tells any two rows of a table apart even without a primary key (SQLite's rowid): an OR selection run as
   * several statements finds and counts a row once by it when the collection declares no primary key. Undefined: none.
   */
  readonly rowIdentity?: string | undefined;
  /** True when a streaming find keeps its connection busy, so a transaction cannot run anything else until it ends. */
  readonly streamHoldsConnection: boolean;
  /**
   * True when text comparison ignores case by default (MySQL/MariaDB's `_ci` collations): a case-insensitive identity is
   * then compared as it is, which keeps the column's index, instead of through `lower()`. Default: false.
   */
  readonly comparesCaseInsensitively?: boolean;
  /** A Value as this client binds it. */
  encode(value: Value): unknown;
  /** A client row as a Row (in place). */
  decode(row: ClientRow): Row;
  /** True when `decode` returns the row as it is (SQLite): pages are then handed on without a pass over them. */
  readonly rowsAsReturned?: boolean;
  /** `field IN (values)`, values already encoded; binds them as one parameter when there are `arrayListFrom` or more. */
  inList(eb: AnyExpressionBuilder, field: string | Expression<unknown>, values: readonly unknown[]): Expression<SqlBool>;
  /**
   * The rows of a find in pages of about `batchSize` (a page in memory, never the whole result). `probed`: the caller
   * already knows the result is longer than a page, so no probe for a one-page result is run first.
   */
  pages(select: SelectStatement, batchSize: number, probed?: boolean): AsyncIterable<readonly ClientRow[]>;
  /**
   * Runs a statement at once, outside Kysely's queue, when the client is synchronous and its connection is free (SQLite);
   * undefined: run it through Kysely. Only for a Kysely without plugins (no `withSchema`): their result hooks are skipped.
   * With it, a find whose result fits in one page is read at once, sparing it every asynchronous step.
   */
  runNow?(query: CompiledQuery): QueryResult<unknown> | undefined;
  /** `runNow` for the statements of the open transaction, on the connection it holds (SQLite); undefined: use Kysely. */
  runInTransaction?(query: CompiledQuery): QueryResult<unknown> | undefined;
  classify(error: unknown): StoreFailure;
  /** How `column`'s values read as instants (its declared type; SQLite: per value), for a date condition pushed down. */
  dateForm(
    db: Kysely<AnyDatabase>,
    column: { readonly schema?: string | undefined; readonly table: string; readonly column: string },
  ): Promise<DateForm>;
  introspect(db: Kysely<AnyDatabase>, context: IntrospectContext): Promise<readonly IntrospectedCollection[]>;
}

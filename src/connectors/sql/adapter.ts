// What differs between SQL engines, as one small interface (Kysely's DialectAdapter idea): everything else is shared.
import type { Expression, ExpressionBuilder, Kysely, QueryCreator, SelectQueryBuilder, SqlBool } from 'kysely';
import type { IntrospectedCollection, Row, Value } from '../connector.js';
import type { StoreFailure } from '../failures.js';

/** Tables and columns are only known at run time: every table is a record of unknown columns. */
export type AnyDatabase = Record<string, Record<string, unknown>>;
export type AnyQueryCreator = QueryCreator<AnyDatabase>;
export type AnySelect = SelectQueryBuilder<AnyDatabase, string, Record<string, unknown>>;
export type AnyExpressionBuilder = ExpressionBuilder<AnyDatabase, string>;

export interface StreamContext {
  readonly table: string;
  readonly batchSize: number;
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
  /** True when a streaming find keeps its connection busy, so a transaction cannot run anything else until it ends. */
  readonly streamHoldsConnection: boolean;
  /** A Value as this client binds it. */
  encode(value: Value): unknown;
  /** A client row as a Row (in place). */
  decode(row: Record<string, unknown>): Row;
  /** `field IN (values)`, values already encoded. */
  inList(eb: AnyExpressionBuilder, field: string, values: readonly unknown[]): Expression<SqlBool>;
  /** Streams the rows of a select, about `batchSize` per round trip. */
  stream(query: AnySelect, context: StreamContext): AsyncIterable<Record<string, unknown>>;
  classify(error: unknown): StoreFailure;
  introspect(db: Kysely<AnyDatabase>, context: IntrospectContext): Promise<readonly IntrospectedCollection[]>;
}

// The Connector interface: the only way engines read and change a provider's datastores.
import type { CollectionModel, RedisType, StoreModel } from '../policy/index.js';

/** A value as it travels between a store and an engine. */
export type Value = string | number | bigint | boolean | null | Date | Uint8Array;
export type Row = Readonly<Record<string, Value>>;

/** What an engine may rely on; engines branch on these flags, never on the store kind. */
export interface ConnectorCapabilities {
  /** Changes to one store for one request can be made atomic. */
  readonly transactions: boolean;
  /** Rows are tables with columns (false: key-value, e.g. Redis). */
  readonly tables: boolean;
  /** `find` streams without buffering the whole result. */
  readonly streaming: boolean;
  /** `introspect` can draft a dataset from the live store. */
  readonly introspection: boolean;
  /** Remote system that answers access/erasure itself (HTTP connector). */
  readonly delegated: boolean;
  /** Whole rows can be given an instant at which the store removes them itself (`expireAt`; Redis keys). */
  readonly expiry: boolean;
}

/** A row found by `find` (Redis: with its `$key`), and the instant the store is to remove it. */
export interface RowExpiry {
  readonly row: Row;
  readonly at: Date;
}

/** One group of a selection: every listed field must equal one of its values (AND of IN-lists); `{}` matches every row. */
export type Where = Readonly<Record<string, readonly Value[]>>;

/**
 * Selects rows of one collection: `where` is one group, or an array of groups of which some must hold (OR), run as one
 * statement where the store allows. A row several groups match is found, counted and changed once. For `find` and `count`,
 * a group with an empty value list matches nothing, and so does an array with no other group. `update` and `delete`
 * refuse (CustosError 'invalid-input', naming the collection) `{}`, an array holding `{}`, `[]`, and any empty value list:
 * each is more likely a mistake than a wish to touch every row, or none. No connector sends a write with an empty condition.
 *
 * One caveat: an OR carrying more values than a SQL store binds in one statement (SQLite 32,000, MySQL 20,000) runs as
 * several, and rows are told apart by the collection's primary key, else SQLite's rowid. A collection with neither (no
 * `primaryKey` declared, and a PostgreSQL or MySQL table, or a SQLite view or WITHOUT ROWID table) may then see a row
 * several groups match found, counted and updated once per statement that matches it; deletes stay exact.
 */
export interface Selection {
  readonly collection: CollectionModel;
  readonly where: Where | readonly Where[];
}

/** The rows of one collection whose date in `field` may be at or before `atMost` (see `Connector.findDatedPages`). */
export interface DatedSelection {
  readonly collection: CollectionModel;
  /** A field of the collection's rows that holds a date (ISO text, epoch seconds or milliseconds, a timestamp). */
  readonly field: string;
  readonly atMost: Date;
}

/** One row's own values: the row named by its key fields (usually the primary key), and what to set on it. */
export interface RowUpdate {
  readonly key: Readonly<Record<string, Value>>;
  readonly set: Readonly<Record<string, Value>>;
}

export interface FindOptions {
  /** Fields to return; defaults to every declared field of the collection. */
  readonly fields?: readonly string[];
  readonly signal?: AbortSignal;
  /** Rows fetched per round trip when streaming (default 1,000). */
  readonly batchSize?: number;
}

/**
 * Operations that run inside one store, possibly in a transaction. Inside a transaction, finish (or stop) a `find`
 * before the next operation: the transaction's single connection is busy while a find is open. A store that stops
 * answering part-way fails the operation with CustosError('store-unavailable'): a find never ends early as if complete,
 * and a count or write never reports the rows it could not reach as absent.
 */
export interface ConnectorSession {
  /** Streams matching rows; for Redis each row also carries `$key`, the key it came from. */
  find(selection: Selection, options?: FindOptions): AsyncIterable<Row>;
  /**
   * The same rows as `find`, a page at a time (at most `batchSize` rows, never the whole result): one await per page
   * instead of one per row, for callers that read many small results. Where the store read a small result at once,
   * `rowsAtOnce` gives it without iterating.
   */
  findPages(selection: Selection, options?: FindOptions): AsyncIterable<readonly Row[]>;
  /** Counts matching rows. */
  count(selection: Selection): Promise<number>;
  /** Sets the given fields on matching rows; returns how many rows matched (the same on every engine, even when already set). */
  update(selection: Selection, set: Readonly<Record<string, Value>>): Promise<number>;
  /**
   * Gives each row values of its own (a keyed hash, a truncated IP); returns how many rows matched, a row named twice
   * counted once (its later values win). SQL stores set the rows that assign the same fields in one statement where
   * rows are named by one field; other stores update row by row.
   */
  updateEach(collection: CollectionModel, rows: readonly RowUpdate[]): Promise<number>;
  /** Deletes matching rows (Redis: whole keys for hash/string, members for set/list/zset; a hash field is erased by `update` to null); returns how many. */
  delete(selection: Selection): Promise<number>;
}

export interface IntrospectedColumn {
  readonly name: string;
  readonly dataType: string;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly references?: { readonly table: string; readonly column: string } | undefined;
  /** A few non-null values, for category detection; never logged. */
  readonly samples: readonly Value[];
  /**
   * Among the first rows read (a bounded sample, never the whole table): how many held a value, and how many distinct
   * values they held. Tells a reference many rows share (a store, a support rep) from a one-to-one one (an address).
   */
  readonly spread?: { readonly rows: number; readonly distinct: number } | undefined;
}

export interface IntrospectedCollection {
  readonly name: string;
  /** Redis key pattern, when the store is key-value. */
  readonly key?: string | undefined;
  /** Redis value type of the keys matching `key`. */
  readonly type?: RedisType | undefined;
  /** Redis: sets under this pattern list the collection's keys, by their sampled members (a candidate `keyIndex`). */
  readonly listedBy?: string | undefined;
  /** Redis: this collection's sets list the keys of that pattern: an index of another collection, not data of its own. */
  readonly lists?: string | undefined;
  readonly columns: readonly IntrospectedColumn[];
}

export interface Connector extends ConnectorSession {
  readonly kind: StoreModel['kind'];
  readonly capabilities: ConnectorCapabilities;
  /**
   * Where `capabilities.expiry`: has the store remove each row at its instant (Redis: `PEXPIREAT … LT` on the row's key, so
   * an earlier expiry the application set is kept), an instant already past removing it at once. Rows that are not whole
   * keys (members of a set, list or sorted set) are left. Returns how many rows were given their instant.
   */
  expireAt?(collection: CollectionModel, rows: readonly RowExpiry[]): Promise<number>;
  /** Runs `work` atomically where `capabilities.transactions`; otherwise runs it directly. */
  transaction<T>(work: (session: ConnectorSession) => Promise<T>): Promise<T>;
  /**
   * SQL stores: every row of a collection with a one-field primary key except rows whose `field` holds a date known to
   * be after `atMost` (rows without a date come too, and a few dated a little after: the caller tests each row), in pages
   * of `batchSize` in key order, each page its own statement after the last key of the one before, so rows deleted
   * between pages never shift the next one. A column whose form the store cannot tell (free text in PostgreSQL or MySQL)
   * is read whole. Absent: read with `findPages`.
   */
  findDatedPages?(selection: DatedSelection, options?: FindOptions): AsyncIterable<readonly Row[]>;
  /** Checks the store answers; throws CustosError('store-unavailable') when it does not. */
  ping(): Promise<void>;
  introspect(options?: { sampleSize?: number; signal?: AbortSignal }): Promise<readonly IntrospectedCollection[]>;
  /** Releases connections; using the connector afterwards throws CustosError('closed'). */
  close(): Promise<void>;
}

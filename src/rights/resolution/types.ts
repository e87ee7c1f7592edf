// What resolution returns (the person's selections) and what its callers may ask of it (a visitor, extra fields, pins).
import type { KeyValue, Row } from '../../connectors/index.js';
import type { CollectionModel } from '../../policy/index.js';
import type { CollectionLookup } from '../plan.js';

/** AND of IN-lists on one collection, in a JSON-safe form. */
export type Where = Readonly<Record<string, readonly KeyValue[]>>;

export interface ResolvedRequest {
  /** The request's identities plus those found on rows matched by identity (expansion). */
  readonly identities: Readonly<Record<string, readonly string[]>>;
  /**
   * Collection → selections; rows matching any selection are the person's. Absent: nothing to select, or a collection
   * resolution read whole and found none of the person's rows in.
   */
  readonly selections: Readonly<Record<string, readonly Where[]>>;
  /** False when no row matched any identity: the person is not known. */
  readonly found: boolean;
  /**
   * With `pin`: collection → the very rows resolution found, by primary key (one IN-list), for collections it read whole
   * that have a one-column key and at most `PINNED_ROWS` of the person's rows. Writing by key touches exactly the rows
   * resolved, and costs the store one index probe per row instead of one per route.
   */
  readonly pinned?: Readonly<Record<string, readonly Where[]>>;
  /**
   * Erasure: collection → field → the values of that field on the person's rows, for the parents of `null-reference`
   * operations with a `parent` (their referencing rows are detached by these keys).
   */
  readonly parentKeys?: Readonly<Record<string, Readonly<Record<string, readonly KeyValue[]>>>>;
  /** Collection → rows an `owns` link pointed at but other rows reference too: shared, left alone. */
  readonly shared?: Readonly<Record<string, number>>;
}

/**
 * Receives every row of the person, collection by collection in plan order, each row once (access streams them to the
 * package). The resolver does the reading: identity collections are read once, during expansion, with these fields.
 */
export interface CollectionVisitor {
  /**
   * The fields the caller needs of a collection's rows (the resolver adds the keys it needs itself). Returning the same
   * array for the same collection lets the resolver and the connector reuse what they derive from it.
   */
  fields(lookup: CollectionLookup, collection: CollectionModel): readonly string[];
  /** A page of the collection's rows; called only when there are rows. */
  page(lookup: CollectionLookup, collection: CollectionModel, rows: readonly Row[]): void | Promise<void>;
  /** After the collection's last page (also when it had none). */
  end(lookup: CollectionLookup, collection: CollectionModel): void | Promise<void>;
}

export interface ResolveOptions {
  readonly signal?: AbortSignal | undefined;
  /** When given, every selected collection's rows are handed to it in plan order. */
  readonly visit?: CollectionVisitor;
  /** Rows of one identity collection kept from expansion for the visitor (default 5,000); beyond, it is read again. */
  readonly keptRows?: number;
  /** Without a visitor: the rows of collections resolution reads whole anyway, with extra fields (erasure's intents). */
  readonly alsoRead?: AlsoRead;
  /** Without a visitor: also return `pinned`, the rows found of collections read whole, by primary key. */
  readonly pin?: boolean;
}

/**
 * Fields a caller wants of some collections' rows. A collection that resolution reads in full (it feeds other lookups)
 * is read once with them, and its rows handed over; the caller reads the others itself.
 */
export interface AlsoRead {
  /** The extra fields of this collection's rows, or undefined when none are wanted. */
  fields(collection: CollectionModel): readonly string[] | undefined;
  /** Every row of the collection's selections (called once, also with none). */
  rows(collection: CollectionModel, rows: readonly Row[]): void;
}

/** Upper bound on identity-expansion rounds (each round only queries values not seen before). */
export const MAX_EXPANSION_ROUNDS = 5;

/**
 * Rows of one identity collection kept from expansion for the visitor, so it is not read twice. A person with more is
 * read again in phase 2 instead: memory stays bounded.
 */
export const KEPT_ROWS = 5_000;

/**
 * Rows of one collection pinned by key at most; a person with more keeps the collection's selections (a longer IN-list
 * would be a statement of its own length, compiled and prepared anew, and the journaled resolution would grow with it).
 */
export const PINNED_ROWS = 64;

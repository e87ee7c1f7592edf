// The plan of a rights request: which collections hold the person's data, how each is found, and what each action does to it.
import type { ErasureStrategy } from '../policy/index.js';

export const RIGHTS_ACTIONS = ['access', 'portability', 'rectify', 'erase', 'restrict', 'lift-restriction'] as const;
export type RightsAction = (typeof RIGHTS_ACTIONS)[number];

/** Identity key → the values the request carries (normalised). */
export type Identities = ReadonlyMap<string, readonly string[]>;

/** How rows of a collection are recognised as the person's. Rows matching any route belong to the person. */
export type Route =
  | { readonly kind: 'identity'; readonly field: string; readonly identity: string }
  /**
   * `link: belongs-to`: this collection references `from`; its rows whose `field` holds a value of `from.fromField`
   * among the person's rows.
   */
  | { readonly kind: 'reference'; readonly field: string; readonly from: string; readonly fromField: string }
  /**
   * `link: owns`: `from` references this collection; its rows whose `field` is referenced by the person's rows of `from`
   * through `fromField`, except a row any other row references too (`referrers`, every reference to this collection):
   * that row is shared, reported and left alone.
   */
  | {
      readonly kind: 'owned';
      readonly field: string;
      readonly from: string;
      readonly fromField: string;
      readonly referrers: readonly { readonly collection: string; readonly field: string }[];
    };

export interface CollectionLookup {
  /** `dataset.collection`. */
  readonly collection: string;
  readonly dataset: string;
  readonly routes: readonly Route[];
  /** Fields later lookups or identity expansion read from this collection's rows. */
  readonly keyFields: readonly string[];
}

/** What erasure does to one field of a kept row. */
export interface FieldOperation {
  readonly field: string;
  readonly strategy: Exclude<ErasureStrategy, 'delete-row' | 'keep'>;
  readonly value?: string | number | boolean | null | undefined;
  readonly hold?: string | undefined;
}

export type ErasureOperation =
  /**
   * Nulls a reference before deletions. Without `parent`, on the person's rows of the collection (breaking a cycle).
   * With `parent`, on every row whose `field` holds a key of the parent's rows this erasure deletes: a kept row of the
   * person's, or another person's row that merely points at the deleted one (an association): nothing else is written.
   */
  | {
      readonly kind: 'null-reference';
      readonly collection: string;
      readonly dataset: string;
      readonly field: string;
      readonly reason: string;
      readonly parent?: { readonly collection: string; readonly field: string } | undefined;
    }
  | { readonly kind: 'delete'; readonly collection: string; readonly dataset: string }
  /** Keeps the rows, applying field operations; `holds` lists the legal holds that keep them. */
  | {
      readonly kind: 'mask';
      readonly collection: string;
      readonly dataset: string;
      readonly fields: readonly FieldOperation[];
      readonly holds: readonly string[];
      /**
       * What happens to a row whose every hold has already ended: `delete-row` when the collection's rows are otherwise
       * deleted and nothing references them, else `mask` (its held fields are nulled too). Absent: nothing is held.
       */
      readonly released?: 'delete-row' | 'mask' | undefined;
    };

export interface RightsPlan {
  readonly action: RightsAction;
  /** The identity keys the request carries (values are not part of a printable plan). */
  readonly identityKeys: readonly string[];
  /** Lookups in an order where every route's source comes first. */
  readonly lookups: readonly CollectionLookup[];
  /** Erasure only: operations in execution order (children before parents). */
  readonly erasure: readonly ErasureOperation[];
  /** Collections holding personal data that no route reaches, with the reason. */
  readonly unreachable: readonly { readonly collection: string; readonly reason: string }[];
  readonly notes: readonly string[];
}

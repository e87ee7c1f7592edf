// The KeyRing: where wrapped data keys are kept (Custos's store, or memory in tests). It never sees an unwrapped key.
import { checkPurpose, type VaultPurpose } from './purposes.js';

/** A data key that can still open its envelopes: wrapped by the master key `masterId`. */
export interface LiveDataKey {
  readonly state: 'live';
  /** `dk_` and 16 hex characters; written into every envelope sealed under it. */
  readonly id: string;
  readonly purpose: VaultPurpose;
  /** ISO 8601, from the vault's clock. */
  readonly createdAt: string;
  /** The key new seals of a `shared` purpose use; at most one per purpose. */
  readonly current: boolean;
  /** The id of the master key that wrapped it (see `MasterKey.id`). */
  readonly masterId: string;
  /** `nonce ‖ ciphertext ‖ tag` (60 bytes). */
  readonly wrapped: Uint8Array;
}

/** A crypto-shredded key: only its id, purpose and dates remain, so opening its envelopes says when it was destroyed. */
export interface DestroyedDataKey {
  readonly state: 'destroyed';
  readonly id: string;
  readonly purpose: VaultPurpose;
  readonly createdAt: string;
  readonly destroyedAt: string;
}

export type StoredDataKey = LiveDataKey | DestroyedDataKey;

/** How many live keys each master wraps, and how many keys were destroyed: whether an old master is still needed. */
export interface KeyRingCensus {
  readonly byMaster: Readonly<Record<string, number>>;
  readonly destroyed: number;
}

/**
 * Each method is one atomic step, so a process that dies between two calls leaves every key either as it was or as
 * the call left it. Implementations: `openMemoryKeyRing` (tests) and `openSqliteKeyRing`; both pass the same contract.
 */
export interface KeyRing {
  get(id: string): Promise<StoredDataKey | undefined>;
  /** The purpose's current key, if it has one. */
  current(purpose: VaultPurpose): Promise<LiveDataKey | undefined>;
  /** Adds a key; when it is `current`, the purpose's previous current key stops being current in the same step. */
  add(key: LiveDataKey): Promise<void>;
  /**
   * Replaces a live key's wrapping only while it is still wrapped by `fromMasterId` (compare-and-set, so a concurrent
   * rotation or destruction is never undone); true when it replaced it.
   */
  rewrap(id: string, fromMasterId: string, toMasterId: string, wrapped: Uint8Array): Promise<boolean>;
  /** Forgets the wrapped key for good, keeping a tombstone stamped `at`. Undefined for an unknown id; a destroyed key stays as it was. */
  destroy(id: string, at: string): Promise<DestroyedDataKey | undefined>;
  /** Up to `limit` live keys not wrapped by `masterId`, ordered by id, after `afterId` (paging a rotation). */
  wrappedByOthers(masterId: string, afterId: string, limit: number): Promise<readonly LiveDataKey[]>;
  census(): Promise<KeyRingCensus>;
  /** Ends what the ring holds (a database it opened); a ring given a connection leaves it open. */
  close(): Promise<void>;
}

/** A row of the key-ring table as SQLite (`is_current` 0/1) or PostgreSQL (a boolean) returns it. */
export interface KeyRingRow {
  readonly id: string;
  readonly purpose: string;
  readonly created_at: string;
  readonly is_current: boolean | number;
  readonly master_id: string | null;
  readonly wrapped: Buffer | null;
  readonly destroyed_at: string | null;
}

/** The stored key a table row describes; the purpose is checked, so a row written by a newer Custos is refused. */
export function keyOfRow(row: KeyRingRow | undefined): StoredDataKey | undefined {
  if (row === undefined) return undefined;
  const purpose = checkPurpose(row.purpose);
  if (row.destroyed_at !== null)
    return { state: 'destroyed', id: row.id, purpose, createdAt: row.created_at, destroyedAt: row.destroyed_at };
  return {
    state: 'live',
    id: row.id,
    purpose,
    createdAt: row.created_at,
    current: row.is_current === true || row.is_current === 1,
    masterId: row.master_id!,
    wrapped: row.wrapped!,
  };
}

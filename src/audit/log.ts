// The AuditLog interface: an append-only, hash-chained log that SQLite and PostgreSQL implement alike.
import type { AuditEntry, NewAuditEntry } from './entry.js';

/**
 * Appends are serialised: two appenders (threads, processes, hosts) never give two entries the same seq or chain two
 * entries to the same predecessor. Entries are never changed or removed through this interface.
 */
export interface AuditLog {
  /** Checks the entry (see `checkNewEntry`), gives it the next seq and the clock's time, chains it and stores it. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Appends several entries in one transaction (a sweep's or a run's entries): consecutive seqs, all or none. */
  appendAll(entries: readonly NewAuditEntry[]): Promise<readonly AuditEntry[]>;
  /** Up to `limit` entries with seq ≥ `fromSeq`, in seq order, as stored (a gap in seq is returned as it is). */
  read(fromSeq: number, limit: number): Promise<readonly AuditEntry[]>;
  /**
   * Like `read`, each entry as the verifier needs it: its seq, hashes and content text assembled from the stored
   * columns without parsing them (verifying a million entries is mostly this read).
   */
  readLinks(fromSeq: number, limit: number): Promise<readonly ChainLink[]>;
  /** The last entry, or undefined when the log is empty. */
  head(): Promise<AuditEntry | undefined>;
  /** Ends what the log holds (a connection it opened); a log given a connection leaves it open. */
  close(): Promise<void>;
}

/** One link of the chain as stored: `hash` should be `chainHash(prevHash, content)`. */
export interface ChainLink {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  /** The entry's content text (see `contentText`) from its stored columns; undefined when a column has no text (edited). */
  readonly content: string | undefined;
}

/** Where an appended entry's time comes from; default the system clock. */
export interface AuditLogOptions {
  readonly clock?: { now(): Date };
}

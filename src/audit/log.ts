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
  /** The last entry, or undefined when the log is empty. */
  head(): Promise<AuditEntry | undefined>;
  /** Ends what the log holds (a connection it opened); a log given a connection leaves it open. */
  close(): Promise<void>;
}

/** Where an appended entry's time comes from; default the system clock. */
export interface AuditLogOptions {
  readonly clock?: { now(): Date };
}

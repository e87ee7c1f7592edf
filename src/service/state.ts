// Custos's own state for a service: the store (migrated), the job queue and the vault's key ring, on SQLite or PostgreSQL.
import type { Clock } from '../clock.js';
import type { CustosError } from '../errors.js';
import { openPgBossJobQueue, openSqliteJobQueue, type JobQueue } from '../jobs/index.js';
import { openPostgresStore, openSqliteStore, type Store } from '../store/index.js';
import { openMemoryKeyRing, openPostgresKeyRing, openSqliteKeyRing, type KeyRing } from '../vault/index.js';
import type { StoreLocation } from './options.js';

export interface ServiceState {
  readonly store: Store;
  readonly jobs: JobQueue;
  readonly ring: KeyRing;
  /** Closes the queue (waiting for running jobs up to its close timeout), the key ring and the store, in that order (idempotent). */
  close(): Promise<void>;
}

export interface StateOptions {
  readonly clock: Clock;
  readonly queue: { readonly pollIntervalMs?: number; readonly expireInSeconds?: number; readonly closeTimeoutMs?: number };
  /** The queue's own failures while polling (a lost server). */
  readonly onQueueError: (error: CustosError) => void;
}

/**
 * Opens the store and waits until it is migrated (a server out of reach fails here, not at the first request), then the
 * queue on the same database (SQLite: the store's file; PostgreSQL: pg-boss in `<schema>_jobs`) and the key ring (the
 * store's file, or the store's schema, created by its migration 6). What opened is closed again when a later step fails.
 */
export async function openServiceState(location: StoreLocation, options: StateOptions): Promise<ServiceState> {
  const opened: { close(): Promise<void> }[] = [];
  // The last opened closes first: the queue's running jobs still use the key ring and the store.
  let closing: Promise<void> | undefined;
  const closeAll = () =>
    (closing ??= (async () => {
      for (const part of [...opened].reverse()) await part.close().catch(() => undefined);
    })());
  try {
    const store =
      location.kind === 'sqlite'
        ? openSqliteStore(location.file, { clock: options.clock })
        : openPostgresStore(location.url, { schema: location.schema, clock: options.clock });
    opened.push(store);
    await store.ready();
    const ring =
      location.kind === 'postgres'
        ? openPostgresKeyRing(location.url, { schema: location.schema })
        : location.file === ':memory:'
          ? openMemoryKeyRing()
          : openSqliteKeyRing(location.file);
    opened.push(ring);
    // The key ring's table is there (a PostgreSQL store older than its migration 6 is migrated by now): fail here if not.
    await ring.census();
    const queue = { ...options.queue, clock: options.clock };
    const jobs =
      location.kind === 'sqlite'
        ? openSqliteJobQueue(location.file, queue)
        : await openPgBossJobQueue(location.url, { ...queue, schema: location.jobsSchema, onError: options.onQueueError });
    opened.push(jobs);
    return { store, jobs, ring, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

// Checkpoints the store's WAL from a worker thread, so that copying it into the database file (and syncing that file)
// never runs inside a request.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Journal writes before the checkpointer starts: a one-shot command writes a few and exits; a server writes on. */
export const CHECKPOINTER_AFTER_WRITES = 64;

/** How often the worker checkpoints; a checkpoint with nothing to copy returns at once. */
const INTERVAL_MS = 200;

/**
 * WAL pages after which the request path checkpoints by itself while the checkpointer runs (SQLite's default is 1,000):
 * only if the worker falls far behind, or has stopped, does a request pay for it.
 */
export const BACKSTOP_PAGES = 16_000;

/**
 * The worker, in plain JavaScript (it loads no TypeScript loader): a connection of its own that runs a PASSIVE checkpoint
 * every interval. PASSIVE waits for no one: readers and the writer go on, and what it cannot copy now it copies next time.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next interval tries again; the request path's backstop covers a worker that never can.
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>;
}

/** Starts checkpointing `file` (a SQLite database in WAL mode) from a worker thread that never keeps the process alive. */
export function startCheckpointer(file: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { file, driver, intervalMs: INTERVAL_MS } });
  worker.unref();
  // A worker that fails (the file removed under it, say) leaves checkpoints to the request path's backstop.
  worker.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Unref'd, the worker would not keep the process alive while the caller awaits its exit: a process with nothing else
      // to do would end there, before the store's own connection closes (and folds the WAL into the file).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

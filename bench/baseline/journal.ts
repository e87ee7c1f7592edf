// The journal a hand-written erasure keeps to be resumable as the engine's is: a run row naming what it found before any
// write, one step write per store before its writes commit, and the run's end; in Custos's own SQLite store file, with
// that store's settings (WAL, synchronous NORMAL, secure_delete), on a connection and in tables of its own.
import Database from 'better-sqlite3';

/** One erasure's journal, in the order the erasure calls it. */
export interface ErasureJournal {
  /** Before any write, one commit: the run, with the ids found (what a resumed run must erase, which names the person). */
  begin(found: Readonly<Record<string, readonly unknown[]>>): Promise<void>;
  /**
   * Before `store`'s writes commit (at the end of its transaction, or before a store without one), one commit: the
   * previous store's steps done and this one's attempted, as the engine writes them together.
   */
  attempt(store: string): Promise<void>;
  /** After the last store, one commit: its steps done, the run completed, what was found dropped. */
  finish(): Promise<void>;
}

export interface ErasureJournalFile {
  /** The journal of the run `runId`. */
  forRun(runId: string): ErasureJournal;
  close(): Promise<void>;
}

const TABLES = `
  CREATE TABLE IF NOT EXISTS bench_erasure_runs (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, found TEXT
  );
  CREATE TABLE IF NOT EXISTS bench_erasure_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL REFERENCES bench_erasure_runs (id), kind TEXT NOT NULL, body TEXT NOT NULL
  );`;

/** Opens the journal tables in the SQLite file `file` (Custos's store file: the engine journals there too). */
export function sqliteErasureJournal(file: string): ErasureJournalFile {
  const db = new Database(file, { timeout: 5000 });
  // The settings openSqliteStore gives its connection: the same durability, the same cost per commit.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.exec(TABLES);
  const insertRun = db.prepare("INSERT INTO bench_erasure_runs (id, status, started_at, found) VALUES (?, 'running', ?, ?)");
  const log = db.prepare('INSERT INTO bench_erasure_log (run_id, kind, body) VALUES (?, ?, ?)');
  const end = db.prepare("UPDATE bench_erasure_runs SET status = 'completed', finished_at = ?, found = NULL WHERE id = ?");
  const inTransaction = db.transaction((write: () => void) => write());
  return {
    forRun(runId) {
      let previous: string | undefined;
      const done = () => {
        if (previous !== undefined) log.run(runId, 'done', JSON.stringify({ store: previous }));
      };
      return {
        async begin(found) {
          insertRun.run(runId, new Date().toISOString(), JSON.stringify(found));
        },
        async attempt(store) {
          inTransaction(() => {
            done();
            log.run(runId, 'attempt', JSON.stringify({ store }));
          });
          previous = store;
        },
        async finish() {
          inTransaction(() => {
            done();
            end.run(new Date().toISOString(), runId);
          });
          previous = undefined;
        },
      };
    },
    close: async () => void db.close(),
  };
}

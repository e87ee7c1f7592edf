// The job queue's table in a SQLite database, created by `migrateSqliteJobs` (Custos's store calls it from its own migrations).
import type Database from 'better-sqlite3';

/**
 * Ordered, applied once each, tracked in `jobs_migrations` (not the store's `schema_migrations`, so the queue can live
 * in any SQLite file and the store can call this from its own migration step). Instants are ISO-8601 UTC texts, which
 * sort as they compare. One waiting job per name and singleton key, as pg-boss's `short` policy keeps it.
 */
export const SQLITE_JOBS_MIGRATIONS: readonly { readonly id: number; readonly sql: string }[] = [
  {
    id: 1,
    sql: `
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'retrying', 'running', 'completed', 'failed', 'cancelled')),
        singleton_key TEXT,
        run_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        retry_limit INTEGER NOT NULL,
        retry_delay INTEGER NOT NULL,
        retry_backoff INTEGER NOT NULL,
        expire_seconds INTEGER NOT NULL,
        locked_by TEXT,
        locked_until TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE UNIQUE INDEX jobs_one_waiting_per_key ON jobs (name, singleton_key) WHERE state = 'queued' AND singleton_key IS NOT NULL;
      CREATE INDEX jobs_next ON jobs (name, state, run_at);
      CREATE INDEX jobs_locks ON jobs (state, locked_until);
    `,
  },
];

/** Creates or updates the job table in `db`, in one IMMEDIATE transaction (two processes opening at once apply each once). */
export function migrateSqliteJobs(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS jobs_migrations (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      db
        .prepare<[], { id: number }>('SELECT id FROM jobs_migrations')
        .all()
        .map((r) => r.id),
    );
    for (const m of SQLITE_JOBS_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO jobs_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    }
  }).immediate();
}

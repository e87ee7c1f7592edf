// The audit trail's tables in a SQLite database, created by `migrateSqliteAudit` (Custos's store calls it from its own migrations).
import type Database from 'better-sqlite3';

/**
 * Ordered, applied once each, tracked in `audit_migrations` (not the store's `schema_migrations`, so the audit tables
 * can live in any SQLite file and the store can call this from its own migration step). Triggers refuse UPDATE and
 * DELETE: the log is append-only to anyone using SQL too, short of dropping them, which verification then catches.
 */
export const SQLITE_AUDIT_MIGRATIONS: readonly { readonly id: number; readonly sql: string }[] = [
  {
    id: 1,
    sql: `
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        subjects TEXT NOT NULL,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries are never changed'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries are never removed'); END;
    `,
  },
];

/** Creates or updates the audit tables in `db`, in one IMMEDIATE transaction (two processes opening at once apply each once). */
export function migrateSqliteAudit(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS audit_migrations (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      db
        .prepare<[], { id: number }>('SELECT id FROM audit_migrations')
        .all()
        .map((r) => r.id),
    );
    for (const m of SQLITE_AUDIT_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO audit_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    }
  }).immediate();
}

// The key ring's table in a SQLite database, created by `migrateSqliteKeyRing` (Custos's store will call it from its own migrations).
import type Database from 'better-sqlite3';

/**
 * Ordered, applied once each, tracked in `vault_migrations` (not the store's `schema_migrations`, so the key ring can
 * live in any SQLite file and the store can call this from its own migration step). A row is live (master id and
 * wrapped key, no destruction time) or a tombstone (destruction time only); one current key per purpose at most.
 */
export const SQLITE_KEYRING_MIGRATIONS: readonly { readonly id: number; readonly sql: string }[] = [
  {
    id: 1,
    sql: `
      CREATE TABLE vault_data_keys (
        id TEXT PRIMARY KEY,
        purpose TEXT NOT NULL,
        created_at TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
        master_id TEXT,
        wrapped BLOB,
        destroyed_at TEXT,
        CHECK ((destroyed_at IS NULL AND master_id IS NOT NULL AND wrapped IS NOT NULL)
            OR (destroyed_at IS NOT NULL AND master_id IS NULL AND wrapped IS NULL AND is_current = 0))
      );
      CREATE UNIQUE INDEX vault_data_keys_current ON vault_data_keys (purpose) WHERE is_current = 1;
      CREATE INDEX vault_data_keys_master ON vault_data_keys (master_id, id) WHERE master_id IS NOT NULL;
    `,
  },
];

/** Creates or updates the key ring's table in `db`, in one IMMEDIATE transaction (two processes opening at once apply each once). */
export function migrateSqliteKeyRing(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS vault_migrations (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      db
        .prepare<[], { id: number }>('SELECT id FROM vault_migrations')
        .all()
        .map((r) => r.id),
    );
    for (const m of SQLITE_KEYRING_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO vault_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    }
  }).immediate();
}

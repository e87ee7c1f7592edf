// Custos's embedded store on SQLite (better-sqlite3): WAL journal, so a killed process loses nothing it committed.
import Database from 'better-sqlite3';
import type { AuditLog } from '../../audit/log.js';
import { openSqliteAuditLog } from '../../audit/sqlite/log.js';
import { CustosError } from '../../errors.js';
import type { Store } from '../store.js';
import { BACKSTOP_PAGES, CHECKPOINTER_AFTER_WRITES, startCheckpointer, type Checkpointer } from './checkpointer.js';
import { deskConcerns, deskWriteFailure, LostRace, type DeskSql } from '../desk/index.js';
import { createStoreFile } from './files.js';
import { sqliteHolds } from './holds.js';
import { sqliteJournal } from './journal.js';
import { sqliteLeases } from './leases.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { latestMigration, refuseNewerStore } from '../migration-guard.js';
import { sqlitePlans } from './plans.js';

export interface SqliteStoreOptions {
  /** Stamps audit entries; default the system clock. */
  readonly clock?: { now(): Date } | undefined;
}

/** Opens (creating if needed, owner-only: see createStoreFile) a SQLite store; `file` may be ':memory:' for tests. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  if (file !== ':memory:') createStoreFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (what resumption needs) without an fsync per commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // What a run drops (its resolution, which names the person) is overwritten in the file, not merely unlinked.
  db.pragma('secure_delete = ON');
  let audit: AuditLog;
  try {
    migrate(db, file === ':memory:' ? 'in memory' : `in ${file}`);
    // The audit trail's own migrations (tracked in audit_migrations), on the same connection, left open by its close.
    audit = openSqliteAuditLog(db, options.clock ? { clock: options.clock } : {});
  } catch (error) {
    db.close();
    throw error;
  }
  let closed = false;
  const live = () => {
    if (closed) throw new CustosError({ code: 'closed', message: 'the Custos store is closed' });
    return db;
  };
  // A store that keeps being written (a server, a batch) has its WAL checkpointed by a worker thread from then on.
  let writes = 0;
  let checkpointer: Checkpointer | undefined;
  const wrote = () => {
    if (++writes !== CHECKPOINTER_AFTER_WRITES || file === ':memory:') return;
    checkpointer = startCheckpointer(file);
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  };
  const plans = sqlitePlans(db);
  // One wrapper for every journal write: better-sqlite3 builds a new one on each `transaction(fn)` call.
  const transaction = db.transaction((write: () => void) => write());
  const inTransaction = (write: () => void): void => {
    plans.begin();
    live();
    transaction(write);
    plans.committed();
    wrote();
  };
  const holds = sqliteHolds(db, live);
  // The desk's SQL numbers its parameters (`$1`, as PostgreSQL reads them): each becomes a `?`, its value bound in the
  // order the `?`s come.
  const prepared = new Map<string, { readonly statement: Database.Statement; readonly order: readonly number[] }>();
  const prepare = (sql: string, params: readonly unknown[]) => {
    let found = prepared.get(sql);
    if (!found) {
      const order: number[] = [];
      const statement = db.prepare(sql.replace(/\$(\d+)/g, (_, n: string) => (order.push(Number(n) - 1), '?')));
      prepared.set(sql, (found = { statement, order }));
    }
    return { statement: found.statement, values: found.order.map((i) => params[i]) };
  };
  const desk: DeskSql = {
    async all<R>(sql: string, params: readonly unknown[]) {
      live();
      const { statement, values } = prepare(sql, params);
      return statement.all(...values) as R[];
    },
    async write(statements, duplicate) {
      live();
      try {
        db.transaction(() => {
          for (const s of statements) {
            const { statement, values } = prepare(s.sql, s.params);
            if (statement.run(...values).changes === 0 && s.mustChange) throw new LostRace();
          }
        }).immediate();
        wrote();
        return true;
      } catch (error) {
        return deskWriteFailure(error, duplicate);
      }
    },
    async claim<R>(sql: string, params: readonly unknown[]) {
      live();
      const { statement, values } = prepare(sql, params);
      const rows = db.transaction(() => statement.all(...values) as R[]).immediate();
      wrote();
      return rows;
    },
    skipLocked: '',
  };

  return {
    kind: 'sqlite',
    journal: sqliteJournal(db, { live, wrote, inTransaction, plans, registerHolds: holds.register }),
    holds: { endingBy: holds.endingBy, inForce: holds.inForce, forRun: holds.forRun },
    leases: sqliteLeases(db, live),
    audit,
    ...deskConcerns(desk),
    // Migrated as it opened: a store that cannot be used was refused then.
    ready: async () => undefined,
    async close() {
      if (closed) return;
      closed = true;
      // The worker's connection goes first: the last one to close checkpoints the WAL into the file and removes it.
      await checkpointer?.stop();
      await audit.close();
      db.close();
    },
  };
}

/**
 * Applies the migrations not applied yet, all in one IMMEDIATE transaction: the write lock is taken before the applied
 * ones are read, so two processes opening a new store at once never both apply one (the second sees the first's work).
 */
function migrate(db: Database.Database, where: string): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      db
        .prepare<[], { id: number }>('SELECT id FROM schema_migrations')
        .all()
        .map((r) => r.id),
    );
    refuseNewerStore('sqlite', where, Math.max(0, ...applied), latestMigration(SQLITE_MIGRATIONS));
    for (const m of SQLITE_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    }
  }).immediate();
}

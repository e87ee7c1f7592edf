// The audit log on SQLite (better-sqlite3): each append is one IMMEDIATE transaction, so concurrent appenders queue.
import Database from 'better-sqlite3';
import { systemClock } from '../../clock.js';
import { CustosError } from '../../errors.js';
import { chainEntries } from '../chain.js';
import { checkNewEntry, type AuditEntry, type NewAuditEntry } from '../entry.js';
import type { AuditLog, AuditLogOptions } from '../log.js';
import { AUDIT_COLUMNS, entryFromRow, linkFromValues, rowValues, type AuditRow } from '../rows.js';
import { migrateSqliteAudit } from './migrations.js';

/** How long an append waits for another process's append to commit before failing with `store-unavailable`. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens the audit log in a SQLite file (created if needed, WAL) or in a database Custos's store already holds (left
 * open by `close`). Either way the audit tables are migrated first. Default clock: the system clock.
 */
export function openSqliteAuditLog(target: string | Database.Database, options: AuditLogOptions = {}): AuditLog {
  const owned = typeof target === 'string';
  const db = owned ? new Database(target, { timeout: BUSY_TIMEOUT_MS }) : target;
  if (owned && target !== ':memory:') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  migrateSqliteAudit(db);
  const clock = options.clock ?? systemClock;
  let closed = false;
  const live = () => {
    if (closed) throw new CustosError({ code: 'closed', message: 'the audit log is closed' });
  };

  const stmt = {
    last: db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1'),
    insert: db.prepare(`INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`),
    page: db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?'),
    // Arrays, not objects: the verifier reads every row of the log.
    links: db
      .prepare<[number, number], unknown[]>(`SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?`)
      .raw(),
  };
  // The head is read after the write lock is taken (IMMEDIATE), so no other appender can chain to it meanwhile.
  const appendChecked = db.transaction((checked: readonly ReturnType<typeof checkNewEntry>[]) => {
    const head = stmt.last.get();
    const stored = chainEntries(head && { seq: Number(head.seq), hash: head.hash }, checked, clock.now().toISOString());
    for (const entry of stored) stmt.insert.run(rowValues(entry));
    return stored;
  });
  const appendAll = (entries: readonly NewAuditEntry[]): readonly AuditEntry[] => {
    live();
    const checked = entries.map(checkNewEntry);
    if (checked.length === 0) return [];
    try {
      return appendChecked.immediate(checked);
    } catch (error) {
      throw sqliteFailure(error, 'append to');
    }
  };

  return {
    async append(entry) {
      return appendAll([entry])[0]!;
    },
    async appendAll(entries) {
      return appendAll(entries);
    },
    async read(fromSeq, limit) {
      live();
      return stmt.page.all(fromSeq, limit).map(entryFromRow);
    },
    async readLinks(fromSeq, limit) {
      live();
      return stmt.links.all(fromSeq, limit).map(linkFromValues);
    },
    async head() {
      live();
      const row = stmt.last.get();
      return row && entryFromRow(row);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (owned) db.close();
    },
  };
}

/** A lock held past the busy timeout is the store being unavailable; anything else, a store error. */
function sqliteFailure(error: unknown, doing: string): CustosError {
  const code = (error as { code?: unknown }).code;
  const busy = code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  return new CustosError({
    code: busy ? 'store-unavailable' : 'store-error',
    message: busy
      ? `could not ${doing} the audit log: another process held its lock past the busy timeout; try again`
      : `could not ${doing} the audit log: ${(error as Error).message}`,
    cause: error,
  });
}

// The key ring on SQLite (better-sqlite3): each method one statement or one IMMEDIATE transaction.
import Database from 'better-sqlite3';
import { CustosError } from '../../errors.js';
import { keyOfRow, type KeyRing, type KeyRingRow, type LiveDataKey } from '../key-ring.js';
import { migrateSqliteKeyRing } from './migrations.js';

const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens the key ring in a SQLite file (created if needed, WAL) or in a database Custos's store already holds (left open
 * by `close`). Either way the key ring's table is migrated first.
 */
export function openSqliteKeyRing(target: string | Database.Database): KeyRing {
  const owned = typeof target === 'string';
  const db = owned ? new Database(target, { timeout: BUSY_TIMEOUT_MS }) : target;
  if (owned && target !== ':memory:') db.pragma('journal_mode = WAL');
  migrateSqliteKeyRing(db);
  let closed = false;
  const live = () => {
    if (closed) throw new CustosError({ code: 'closed', message: 'the key ring is closed' });
  };

  const stmt = {
    get: db.prepare<[string], KeyRingRow>('SELECT * FROM vault_data_keys WHERE id = ?'),
    current: db.prepare<[string], KeyRingRow>('SELECT * FROM vault_data_keys WHERE purpose = ? AND is_current = 1'),
    retire: db.prepare<[string]>('UPDATE vault_data_keys SET is_current = 0 WHERE purpose = ? AND is_current = 1'),
    insert: db.prepare<[string, string, string, number, string, Buffer]>(
      'INSERT INTO vault_data_keys (id, purpose, created_at, is_current, master_id, wrapped) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    rewrap: db.prepare<[string, Buffer, string, string]>(
      'UPDATE vault_data_keys SET master_id = ?, wrapped = ? WHERE id = ? AND master_id = ? AND destroyed_at IS NULL',
    ),
    destroy: db.prepare<[string, string]>(
      'UPDATE vault_data_keys SET master_id = NULL, wrapped = NULL, is_current = 0, destroyed_at = ? WHERE id = ? AND destroyed_at IS NULL',
    ),
    others: db.prepare<[string, string, number], KeyRingRow>(
      'SELECT * FROM vault_data_keys WHERE master_id IS NOT NULL AND master_id <> ? AND id > ? ORDER BY id LIMIT ?',
    ),
    byMaster: db.prepare<[], { master_id: string; n: number }>(
      'SELECT master_id, COUNT(*) AS n FROM vault_data_keys WHERE master_id IS NOT NULL GROUP BY master_id ORDER BY master_id',
    ),
    destroyed: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM vault_data_keys WHERE destroyed_at IS NOT NULL'),
  };

  const add = db.transaction((key: LiveDataKey) => {
    if (key.current) stmt.retire.run(key.purpose);
    stmt.insert.run(key.id, key.purpose, key.createdAt, key.current ? 1 : 0, key.masterId, Buffer.from(key.wrapped));
  });
  // secure_delete makes SQLite zero whatever space the old wrapped key leaves free (a freeblock in its page) instead of
  // leaving it there until reused. A copy may remain in the WAL until its next checkpoint, and in backups of the store
  // until the master key that wrapped it is retired (docs/vault.md).
  const destroy = db.transaction((id: string, at: string) => {
    stmt.destroy.run(at, id);
    return stmt.get.get(id);
  });

  const run = <T>(doing: string, work: () => T): T => {
    live();
    try {
      return work();
    } catch (error) {
      throw sqliteFailure(error, doing);
    }
  };

  return {
    async get(id) {
      return run('read', () => keyOfRow(stmt.get.get(id)));
    },
    async current(purpose) {
      return run('read', () => keyOfRow(stmt.current.get(purpose)) as LiveDataKey | undefined);
    },
    async add(key) {
      run('add a key to', () => add.immediate(key));
    },
    async rewrap(id, fromMasterId, toMasterId, wrapped) {
      return run('re-wrap a key in', () => stmt.rewrap.run(toMasterId, Buffer.from(wrapped), id, fromMasterId).changes === 1);
    },
    async destroy(id, at) {
      return run('destroy a key in', () => {
        const secure = db.pragma('secure_delete', { simple: true }) as number;
        db.pragma('secure_delete = ON');
        try {
          const key = keyOfRow(destroy.immediate(id, at));
          return key?.state === 'live' ? undefined : key;
        } finally {
          db.pragma(`secure_delete = ${secure === 1 ? 'ON' : 'OFF'}`);
        }
      });
    },
    async wrappedByOthers(masterId, afterId, limit) {
      return run('read', () => stmt.others.all(masterId, afterId, limit).map((row) => keyOfRow(row) as LiveDataKey));
    },
    async census() {
      return run('read', () => ({
        byMaster: Object.fromEntries(stmt.byMaster.all().map((r) => [r.master_id, r.n])),
        destroyed: stmt.destroyed.get()!.n,
      }));
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
  if (error instanceof CustosError) return error;
  const code = (error as { code?: unknown }).code;
  const busy = code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return new CustosError({ code: 'conflict', message: `could not ${doing} the key ring: a data key with this id already exists` });
  return new CustosError({
    code: busy ? 'store-unavailable' : 'store-error',
    message: busy
      ? `could not ${doing} the key ring: another process held its lock past the busy timeout; try again`
      : `could not ${doing} the key ring: ${(error as Error).message}`,
    cause: error,
  });
}

// Request leases in the SQLite store: taken and renewed under the write lock, so two processes never both hold one.
import type Database from 'better-sqlite3';
import { ownerHasEnded } from '../lease-owner.js';
import type { RequestLeases } from '../store.js';

interface LeaseRow {
  owner: string;
  expires_at: number;
}

/** The store's leases on `db`; `live` returns the connection, or throws once the store is closed. */
export function sqliteLeases(db: Database.Database, live: () => Database.Database): RequestLeases {
  const stmt = {
    get: db.prepare<[string], LeaseRow>('SELECT owner, expires_at FROM leases WHERE request_id = ?'),
    put: db.prepare(
      `INSERT INTO leases (request_id, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (request_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
    ),
    renew: db.prepare('UPDATE leases SET expires_at = ? WHERE request_id = ? AND owner = ?'),
    release: db.prepare('DELETE FROM leases WHERE request_id = ? AND owner = ?'),
  };
  // IMMEDIATE: the write lock is taken before the holder is read, so no other process reads the same free lease.
  const take = db.transaction((requestId: string, owner: string, ttlMs: number) => {
    const now = Date.now();
    const held = stmt.get.get(requestId);
    if (held && held.owner !== owner && held.expires_at > now && !ownerHasEnded(held.owner)) {
      return { taken: false as const, holder: { expiresAt: new Date(held.expires_at) } };
    }
    stmt.put.run(requestId, owner, now + ttlMs);
    return { taken: true as const };
  });
  return {
    async take(requestId, owner, ttlMs) {
      live();
      return take.immediate(requestId, owner, ttlMs);
    },
    async renew(requestId, owner, ttlMs) {
      live();
      return stmt.renew.run(Date.now() + ttlMs, requestId, owner).changes > 0;
    },
    async release(requestId, owner) {
      live();
      stmt.release.run(requestId, owner);
    },
  };
}

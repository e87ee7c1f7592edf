// Request leases in the PostgreSQL store: one row per request id, taken by one conditional upsert, so two processes
// (on any hosts) never both hold one. Expiry is the database's clock; the holder's renewals are its heartbeat.
import { ownerHasEnded } from '../lease-owner.js';
import type { RequestLeases } from '../store.js';
import type { PostgresAccess } from './access.js';

const EXPIRES = `clock_timestamp() + $3::double precision * interval '1 millisecond'`;

/**
 * A lease held by a process of another host is judged by its expiry alone (its pid means nothing here); one held by a
 * process of this host that has ended (`ownerHasEnded`) is taken over at once, as on SQLite.
 */
export function postgresLeases(db: PostgresAccess): RequestLeases {
  return {
    take: (requestId, owner, ttlMs) =>
      db.withClient('take a lease in', async (client) => {
        // Free, run out, or already this owner's: taken in one statement (the row lock orders concurrent takers).
        for (;;) {
          const put = await client.query(
            `INSERT INTO leases (request_id, owner, expires_at) VALUES ($1, $2, ${EXPIRES})
             ON CONFLICT (request_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
             WHERE leases.owner = excluded.owner OR leases.expires_at <= clock_timestamp()`,
            [requestId, owner, ttlMs],
          );
          if (put.rowCount === 1) return { taken: true as const };
          const held = (
            await client.query<{ owner: string; expires_at: Date }>('SELECT owner, expires_at FROM leases WHERE request_id = $1', [
              requestId,
            ])
          ).rows[0];
          if (!held) continue; // released meanwhile: take it
          if (!ownerHasEnded(held.owner)) return { taken: false as const, holder: { expiresAt: held.expires_at } };
          // Its holder ended on this host: take it over, unless another process did first (then look again).
          const swapped = await client.query(`UPDATE leases SET owner = $2, expires_at = ${EXPIRES} WHERE request_id = $1 AND owner = $4`, [
            requestId,
            owner,
            ttlMs,
            held.owner,
          ]);
          if (swapped.rowCount === 1) return { taken: true as const };
        }
      }),
    renew: (requestId, owner, ttlMs) =>
      db.withClient('renew a lease in', async (client) => {
        const renewed = await client.query(`UPDATE leases SET expires_at = ${EXPIRES} WHERE request_id = $1 AND owner = $2`, [
          requestId,
          owner,
          ttlMs,
        ]);
        return renewed.rowCount === 1;
      }),
    release: (requestId, owner) =>
      db.withClient('release a lease in', async (client) => {
        await client.query('DELETE FROM leases WHERE request_id = $1 AND owner = $2', [requestId, owner]);
      }),
  };
}

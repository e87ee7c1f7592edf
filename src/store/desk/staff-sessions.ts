// Staff sessions in the store: keyed by the hash of the cookie's id, ended one by one, per staff member, or when expired.
import { CustosError } from '../../errors.js';
import type { SessionStage, StaffSessions, StoredStaffSession } from './desk.js';
import type { DeskSql } from './sql.js';

interface SessionRow {
  id_hash: string;
  staff_id: string;
  stage: SessionStage;
  csrf_secret: string;
  created_at: string;
  last_seen_at: string;
}

const toSession = (r: SessionRow): StoredStaffSession => ({
  idHash: r.id_hash,
  staffId: r.staff_id,
  stage: r.stage,
  csrfSecret: r.csrf_secret,
  createdAt: new Date(r.created_at),
  lastSeenAt: new Date(r.last_seen_at),
});

export function deskStaffSessions(db: DeskSql): StaffSessions {
  const never = () => new CustosError({ code: 'internal', message: 'a staff session change cannot take a unique key' });
  /** Rows deleted by one statement: the engine reports changed rows only through a `mustChange` write, so count first. */
  const deleteWhere = async (where: string, params: readonly unknown[]): Promise<number> => {
    const [row] = await db.all<{ n: number | string }>(`SELECT count(*) AS n FROM staff_sessions WHERE ${where}`, params);
    await db.write([{ sql: `DELETE FROM staff_sessions WHERE ${where}`, params }], never);
    return Number(row?.n ?? 0);
  };
  return {
    async create(session) {
      await db.write(
        [
          {
            sql: `INSERT INTO staff_sessions (id_hash, staff_id, stage, csrf_secret, created_at, last_seen_at)
                  VALUES ($1, $2, $3, $4, $5, $6)`,
            params: [
              session.idHash,
              session.staffId,
              session.stage,
              session.csrfSecret,
              session.createdAt.toISOString(),
              session.lastSeenAt.toISOString(),
            ],
          },
        ],
        // Never the hash itself in a message: it is the session's key.
        () => new CustosError({ code: 'conflict', message: `a session of staff ${session.staffId} has the id of another session` }),
      );
    },
    get: async (idHash) => (await db.all<SessionRow>('SELECT * FROM staff_sessions WHERE id_hash = $1', [idHash])).map(toSession)[0],
    touch: (idHash, lastSeenAt) =>
      db.write(
        [
          {
            sql: 'UPDATE staff_sessions SET last_seen_at = $2 WHERE id_hash = $1',
            params: [idHash, lastSeenAt.toISOString()],
            mustChange: true,
          },
        ],
        never,
      ),
    async delete(idHash) {
      await db.write([{ sql: 'DELETE FROM staff_sessions WHERE id_hash = $1', params: [idHash] }], never);
    },
    deleteForStaff: (staffId) => deleteWhere('staff_id = $1', [staffId]),
    // Instants are ISO text of one length and zone (toISOString): they compare as text in either engine.
    purgeExpired: ({ idleBefore, createdBefore }) =>
      deleteWhere('last_seen_at < $1 OR created_at < $2', [idleBefore.toISOString(), createdBefore.toISOString()]),
  };
}

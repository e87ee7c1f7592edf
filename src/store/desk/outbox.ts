// The outbox in the store: messages queued with their template and ids, sent or failed after counted attempts.
import { CustosError } from '../../errors.js';
import type { NewOutboxMessage, Outbox, OutboxMessage, OutboxStatus } from './desk.js';
import { pageCursor, pageLimit, readPageCursor } from './cursor.js';
import type { DeskSql, DeskStatement } from './sql.js';

interface OutboxRow {
  id: string;
  request_id: string | null;
  recipient: string;
  template: string;
  language: string;
  params: string;
  body: string | null;
  status: OutboxStatus;
  attempts: number;
  queued_at: string;
  sent_at: string | null;
  claimed_until: string | null;
}

const toMessage = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  ...(r.request_id === null ? {} : { requestId: r.request_id }),
  to: r.recipient,
  template: r.template,
  language: r.language,
  params: JSON.parse(r.params) as Record<string, string>,
  ...(r.body === null ? {} : { body: r.body }),
  status: r.status,
  attempts: Number(r.attempts),
  queuedAt: new Date(r.queued_at),
  ...(r.sent_at === null ? {} : { sentAt: new Date(r.sent_at) }),
  ...(r.claimed_until === null ? {} : { claimedUntil: new Date(r.claimed_until) }),
});

/** The key an address is found by whatever its case (as staff users' `email_key`). */
export const outboxKey = (address: string): string => address.trim().toLowerCase();

/** The most messages `forRecipient` returns: far above what one person is ever sent. */
const RECIPIENT_LIMIT = 10_000;

/** Ends the claim in the statement that marks the message: the next pass sees it as it is now. */
const UNCLAIM = 'claimed_by = NULL, claimed_until = NULL';

/** The statement that queues a message: alone, or in the write of the request change that sends it. */
export function outboxInsert(m: NewOutboxMessage): DeskStatement {
  return {
    sql: `INSERT INTO outbox (id, request_id, recipient, recipient_key, template, language, params, body, status, attempts, queued_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0, $9)`,
    params: [
      m.id,
      m.requestId ?? null,
      m.to,
      outboxKey(m.to),
      m.template,
      m.language,
      JSON.stringify(m.params),
      m.body ?? null,
      m.queuedAt.toISOString(),
    ],
  };
}

export function deskOutbox(db: DeskSql): Outbox {
  const never = () => new CustosError({ code: 'internal', message: 'an outbox update cannot take a unique key' });
  const get = async (id: string) => (await db.all<OutboxRow>('SELECT * FROM outbox WHERE id = $1', [id])).map(toMessage)[0];
  return {
    async enqueue(m) {
      await db.write(
        [outboxInsert(m)],
        () => new CustosError({ code: 'conflict', message: `outbox message ${m.id} already exists`, details: { messageId: m.id } }),
      );
      return { ...m, status: 'queued', attempts: 0 };
    },
    get,
    queued: async (limit) =>
      (
        await db.all<OutboxRow>(`SELECT * FROM outbox WHERE status = 'queued' ORDER BY queued_at, id LIMIT $1`, [
          Math.max(1, Math.floor(limit)),
        ])
      ).map(toMessage),
    async claim({ owner, limit, now, leaseMs }) {
      // Materialised, so the rows picked (and, on PostgreSQL, locked) are picked once, whatever plan the update gets.
      const rows = await db.claim<OutboxRow>(
        `WITH picked AS MATERIALIZED (
           SELECT id FROM outbox WHERE status = 'queued' AND (claimed_until IS NULL OR claimed_until <= $3)
           ORDER BY queued_at, id LIMIT $4 ${db.skipLocked}
         )
         UPDATE outbox SET claimed_by = $1, claimed_until = $2 WHERE id IN (SELECT id FROM picked) RETURNING *`,
        [owner, new Date(now.getTime() + Math.max(0, leaseMs)).toISOString(), now.toISOString(), Math.max(1, Math.floor(limit))],
      );
      return rows
        .sort((a, b) => (a.queued_at === b.queued_at ? (a.id < b.id ? -1 : 1) : a.queued_at < b.queued_at ? -1 : 1))
        .map(toMessage);
    },
    async release(ids, owner) {
      if (ids.length === 0) return;
      await db.write(
        ids.map((id) => ({
          sql: `UPDATE outbox SET ${UNCLAIM} WHERE id = $1 AND claimed_by = $2 AND status = 'queued'`,
          params: [id, owner],
        })),
        never,
      );
    },
    forRecipient: async (address) =>
      (
        await db.all<OutboxRow>(`SELECT * FROM outbox WHERE recipient_key = $1 ORDER BY queued_at, id LIMIT ${RECIPIENT_LIMIT}`, [
          outboxKey(address),
        ])
      ).map(toMessage),
    async markSent(id, at, forget = []) {
      if (forget.length === 0)
        return db.write(
          [
            {
              sql: `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = $2, ${UNCLAIM} WHERE id = $1 AND status = 'queued'`,
              params: [id, at.toISOString()],
              mustChange: true,
            },
          ],
          never,
        );
      // A queued message's params never change, so the ones read here are the ones the update replaces; the status
      // condition still lets one process only mark it.
      const message = await get(id);
      if (message?.status !== 'queued') return false;
      const kept = Object.fromEntries(Object.entries(message.params).filter(([key]) => !forget.includes(key)));
      return db.write(
        [
          {
            sql: `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = $2, params = $3, ${UNCLAIM} WHERE id = $1 AND status = 'queued'`,
            params: [id, at.toISOString(), JSON.stringify(kept)],
            mustChange: true,
          },
        ],
        never,
      );
    },
    async list(filter = {}, page = {}) {
      const limit = pageLimit(page.limit, 500);
      const where: string[] = [];
      const params: unknown[] = [];
      const bind = (value: unknown) => `$${params.push(value)}`;
      if (filter.requestId !== undefined) where.push(`request_id = ${bind(filter.requestId)}`);
      if (page.after !== undefined) {
        const [at, id] = readPageCursor(page.after);
        // Newest first: the next page starts right before the last message seen (the index on (queued_at, id)).
        where.push(`(queued_at < ${bind(at)} OR (queued_at = ${bind(at)} AND id < ${bind(id)}))`);
      }
      const rows = await db.all<OutboxRow>(
        `SELECT * FROM outbox ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY queued_at DESC, id DESC LIMIT ${limit + 1}`,
        params,
      );
      const items = rows.slice(0, limit).map(toMessage);
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return last ? { items, next: pageCursor(last.queued_at, last.id) } : { items };
    },
    markAttemptFailed: (id, final) =>
      db.write(
        [
          {
            sql: `UPDATE outbox SET attempts = attempts + 1, status = $2, ${UNCLAIM} WHERE id = $1 AND status = 'queued'`,
            params: [id, final ? 'failed' : 'queued'],
            mustChange: true,
          },
        ],
        never,
      ),
  };
}

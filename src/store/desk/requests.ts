// Rights requests in the store: optimistic concurrency on a version column, keyset pages, each request's history.
import { CustosError } from '../../errors.js';
import type { RequestStatus, RightsRequest, Transition } from '../../workflow/index.js';
import { requestFromText, requestText, transitionFromText, transitionText } from './codec.js';
import { pageCursor, pageLimit, readPageCursor } from './cursor.js';
import { outboxInsert } from './outbox.js';
import type { RequestFilter, RequestStore, StoredRequest } from './desk.js';
import type { DeskSql, DeskStatement } from './sql.js';

interface RequestRow {
  body: string;
  version: number;
  due_on: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PAGE = 500;

function checkDay(day: string, field: string): string {
  if (DAY.test(day)) return day;
  throw new CustosError({ code: 'invalid-input', message: `${field} must be a day as YYYY-MM-DD (e.g. 2028-03-01)`, details: { field } });
}

const stored = (row: RequestRow): StoredRequest => ({ request: requestFromText(row.body), version: Number(row.version), due: row.due_on });

const cursor = (s: StoredRequest): string => pageCursor(s.due, s.request.id);

const transitionRows = (id: string, fromSeq: number, transitions: readonly Transition[]): DeskStatement[] =>
  transitions.map((t, i) => ({
    sql: 'INSERT INTO request_transitions (request_id, seq, body) VALUES ($1, $2, $3)',
    params: [id, fromSeq + i, transitionText(t)],
  }));

export function deskRequests(db: DeskSql): RequestStore {
  const get = async (id: string) => {
    const row = (await db.all<RequestRow>('SELECT body, version, due_on FROM requests WHERE id = $1', [id]))[0];
    return row && stored(row);
  };
  const nextSeq = async (id: string) =>
    Number((await db.all<{ n: number | null }>('SELECT max(seq) AS n FROM request_transitions WHERE request_id = $1', [id]))[0]?.n ?? 0) +
    1;
  const columns = (r: RightsRequest, due: string) => [
    r.kind,
    r.status,
    r.jurisdiction,
    checkDay(due, 'due'),
    requestText(r),
    r.channel,
    r.receivedAt.toISOString(),
    r.closedAt?.toISOString() ?? null,
  ];
  return {
    async create(request, due, transitions = []) {
      await db.write(
        [
          {
            sql: `INSERT INTO requests (id, kind, status, jurisdiction, due_on, body, channel, received_at, closed_at, version)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)`,
            params: [request.id, ...columns(request, due)],
          },
          ...transitionRows(request.id, 1, transitions),
        ],
        () => new CustosError({ code: 'conflict', message: `request ${request.id} already exists`, details: { requestId: request.id } }),
      );
      return { request, version: 1, due };
    },
    async update(request, { expectedVersion, due, transitions = [], messages = [] }) {
      // The history's next seq is read before the write; a concurrent writer fails the version check, so it never races.
      const seq = await nextSeq(request.id);
      const saved = await db.write(
        [
          {
            sql: `UPDATE requests SET kind = $2, status = $3, jurisdiction = $4, due_on = $5, body = $6, channel = $7,
                  received_at = $8, closed_at = $9, version = version + 1 WHERE id = $1 AND version = $10`,
            params: [request.id, ...columns(request, due), expectedVersion],
            mustChange: true,
          },
          ...transitionRows(request.id, seq, transitions),
          ...messages.map(outboxInsert),
        ],
        () =>
          new CustosError({
            code: 'conflict',
            message: `request ${request.id} was changed by someone else: reload it and try again`,
            details: { requestId: request.id },
          }),
      );
      if (saved) return { request, version: expectedVersion + 1, due };
      const now = await get(request.id);
      if (!now) throw new CustosError({ code: 'not-found', message: `no request ${request.id}`, details: { requestId: request.id } });
      throw new CustosError({
        code: 'conflict',
        message: `request ${request.id} was changed by someone else (it is at version ${now.version}, not ${expectedVersion}): reload it and decide again`,
        details: { requestId: request.id, version: now.version, expectedVersion },
      });
    },
    get,
    async list(filter = {}, page = {}) {
      const limit = pageLimit(page.limit, MAX_PAGE);
      const { where, params, bind } = conditionsOf(filter);
      if (page.after !== undefined) {
        const [due, id] = readPageCursor(page.after);
        // Keyset: the index on (due_on, id) starts right after the last row seen, however deep the page.
        where.push(`(due_on > ${bind(due)} OR (due_on = ${bind(due)} AND id > ${bind(id)}))`);
      }
      const rows = await db.all<RequestRow>(
        `SELECT body, version, due_on FROM requests ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY due_on, id LIMIT ${limit + 1}`,
        params,
      );
      const items = rows.slice(0, limit).map(stored);
      return rows.length > limit ? { items, next: cursor(items[items.length - 1]!) } : { items };
    },
    async count(filter = {}) {
      const { where, params } = conditionsOf(filter);
      const rows = await db.all<{ n: number | string }>(
        `SELECT count(*) AS n FROM requests ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
        params,
      );
      // PostgreSQL's count is a bigint, which its driver hands over as text.
      return Number(rows[0]?.n ?? 0);
    },
    async activity(since) {
      const from = since.toISOString();
      const rows = await db.all<{ status: string; due_on: string; received_at: string; closed_at: string | null }>(
        `SELECT status, due_on, received_at, closed_at FROM requests
         WHERE closed_at IS NULL OR closed_at >= $1 OR received_at >= $2`,
        [from, from],
      );
      return rows.map((r) => ({
        status: r.status as RequestStatus,
        due: r.due_on,
        receivedAt: new Date(r.received_at),
        ...(r.closed_at ? { closedAt: new Date(r.closed_at) } : {}),
      }));
    },
    async history(id) {
      const rows = await db.all<{ body: string }>('SELECT body FROM request_transitions WHERE request_id = $1 ORDER BY seq', [id]);
      return rows.map((r) => transitionFromText(r.body));
    },
  };
}

/** A filter as SQL conditions on the requests table, with their parameters (`$1`…) and the binder for more. */
function conditionsOf(filter: RequestFilter): { where: string[]; params: unknown[]; bind: (value: unknown) => string } {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  if (filter.kinds) where.push(filter.kinds.length === 0 ? '1 = 0' : `kind IN (${filter.kinds.map(bind).join(', ')})`);
  if (filter.statuses) where.push(filter.statuses.length === 0 ? '1 = 0' : `status IN (${filter.statuses.map(bind).join(', ')})`);
  if (filter.jurisdiction !== undefined) where.push(`jurisdiction = ${bind(filter.jurisdiction)}`);
  if (filter.channels) where.push(filter.channels.length === 0 ? '1 = 0' : `channel IN (${filter.channels.map(bind).join(', ')})`);
  if (filter.dueBefore !== undefined) where.push(`due_on < ${bind(checkDay(filter.dueBefore, 'dueBefore'))}`);
  if (filter.dueFrom !== undefined) where.push(`due_on >= ${bind(checkDay(filter.dueFrom, 'dueFrom'))}`);
  return { where, params, bind };
}

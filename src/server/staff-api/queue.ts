// The staff queue: requests filtered and paged by due day, and what is overdue or due this week.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Desk } from '../../desk/index.js';
import type { RequestFilter } from '../../store/index.js';
import { CLOSED_STATUSES, INTAKE_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES, type RequestStatus } from '../../workflow/index.js';
import type { ServerConfig } from '../config.js';
import { PAGE_QUERY, REFUSALS, REQUEST_SUMMARY, requestSummary, storedSummary } from './schemas.js';

const OPEN_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter((s) => !(CLOSED_STATUSES as readonly string[]).includes(s));
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export const QUEUE_QUERY = z.object({
  kind: z.enum(REQUEST_KINDS).optional(),
  /** A status, or `open` for every status not yet completed, denied or cancelled. */
  status: z.enum([...REQUEST_STATUSES, 'open']).optional(),
  jurisdiction: z.string().min(1).max(64).optional(),
  channel: z.enum(INTAKE_CHANNELS).optional(),
  dueBefore: DAY.optional(),
  /** `overdue`: open and past the due day; `this-week`: open and due from today to 7 days ahead. */
  due: z.enum(['overdue', 'this-week']).optional(),
  ...PAGE_QUERY,
});

const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const earlier = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a < b ? a : b);

/**
 * The store filter a queue query asks for, on `now`'s UTC day. The due words read the due day the desk stored; a UK
 * request waiting for proof moves its due day while it waits (the `due` route and each item's `due` count that).
 */
export function queueFilter(query: z.infer<typeof QUEUE_QUERY>, now: Date): RequestFilter {
  const today = now.toISOString().slice(0, 10);
  const window =
    query.due === 'overdue' ? { dueBefore: today } : query.due === 'this-week' ? { dueFrom: today, dueBefore: addDays(today, 8) } : {};
  const statuses =
    query.status === 'open' || (query.status === undefined && query.due !== undefined)
      ? OPEN_STATUSES
      : query.status === undefined
        ? undefined
        : query.due !== undefined && !OPEN_STATUSES.includes(query.status)
          ? []
          : [query.status];
  return {
    ...(query.kind ? { kinds: [query.kind] } : {}),
    ...(statuses ? { statuses } : {}),
    ...(query.jurisdiction ? { jurisdiction: query.jurisdiction } : {}),
    ...(query.channel ? { channels: [query.channel] } : {}),
    ...(window.dueFrom ? { dueFrom: window.dueFrom } : {}),
    ...(earlier(query.dueBefore, window.dueBefore) ? { dueBefore: earlier(query.dueBefore, window.dueBefore) } : {}),
  };
}

const TAGS = ['staff: queue'];

export function registerQueueRoutes(app: FastifyInstance, { config, desk }: { config: ServerConfig; desk: Desk }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/staff/requests', {
    config: { requires: 'requests:read' },
    schema: {
      tags: TAGS,
      summary: 'The queue: requests by due day (soonest first), filtered, a page at a time',
      querystring: QUEUE_QUERY,
      response: { 200: z.object({ items: z.array(REQUEST_SUMMARY), next: z.string().optional() }), ...REFUSALS },
    },
    handler: async (request) => {
      const now = config.clock.now();
      const { after, limit } = request.query;
      const page = await desk.list(queueFilter(request.query, now), { ...(after ? { after } : {}), limit });
      return { items: page.items.map((s) => storedSummary(s, now)), ...(page.next ? { next: page.next } : {}) };
    },
  });

  const DUE_LIST = z.object({ count: z.number().int(), items: z.array(REQUEST_SUMMARY) });
  api.get('/api/staff/requests/due', {
    config: { requires: 'requests:read' },
    schema: {
      tags: TAGS,
      summary: 'Open requests past their due day (longest overdue first) and due within 7 days (soonest first)',
      response: { 200: z.object({ overdue: DUE_LIST, dueThisWeek: DUE_LIST }), 401: REFUSALS[401], 403: REFUSALS[403] },
    },
    handler: async () => {
      const now = config.clock.now();
      const [overdue, week] = await Promise.all([desk.overdue(), desk.dueThisWeek()]);
      const list = (requests: typeof overdue) => ({ count: requests.length, items: requests.map((r) => requestSummary(r, now)) });
      return { overdue: list(overdue), dueThisWeek: list(week) };
    },
  });
}

// The staff queue: requests filtered and paged by due day, and what is overdue or due this week.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queueFilter, type Desk } from '../../desk/index.js';
import { INTAKE_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES } from '../../workflow/index.js';
import type { ServerConfig } from '../config.js';
import { PAGE_QUERY, REFUSALS, REQUEST_SUMMARY, requestSummary, storedSummary } from './schemas.js';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export { queueFilter };

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

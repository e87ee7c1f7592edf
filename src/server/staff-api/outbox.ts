// The outbox for staff: what was sent to people and how delivery went; never a message's params (codes, links) or address.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sentMessage, type Desk } from '../../desk/index.js';
import { OUTBOX_STATUSES } from '../../store/index.js';
import { PAGE_QUERY, REFUSALS } from './schemas.js';

const MESSAGE = z.object({
  id: z.string(),
  requestId: z.string().optional(),
  template: z.string(),
  language: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  queuedAt: z.string(),
  sentAt: z.string().optional(),
});

export function registerOutboxRoutes(app: FastifyInstance, { desk }: { desk: Desk }): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/staff/outbox', {
    config: { requires: 'requests:read' },
    schema: {
      tags: ['staff: outbox'],
      summary: 'Messages to people, newest first, a page at a time (template and delivery only)',
      querystring: z.object({ requestId: z.string().min(1).max(128).optional(), ...PAGE_QUERY }),
      response: { 200: z.object({ items: z.array(MESSAGE), next: z.string().optional() }), ...REFUSALS },
    },
    handler: async (request) => {
      const { requestId, after, limit } = request.query;
      const page = await desk.core.store.outbox.list(requestId ? { requestId } : {}, { ...(after ? { after } : {}), limit });
      return {
        // Built field by field from what staff may see: the params and the recipient never reach the answer.
        items: page.items.map((m) => {
          const { queuedAt, sentAt, ...seen } = sentMessage(m);
          return {
            ...seen,
            ...(m.requestId === undefined ? {} : { requestId: m.requestId }),
            queuedAt: queuedAt.toISOString(),
            ...(sentAt ? { sentAt: sentAt.toISOString() } : {}),
          };
        }),
        ...(page.next ? { next: page.next } : {}),
      };
    },
  });
}

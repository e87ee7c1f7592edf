// Two placeholder staff routes of the request desk, there to show the permission hook at work until the desk exists.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CustosError } from '../errors.js';

/**
 * PLACEHOLDER: what the two demonstration routes call. The request desk (workflow + store) will implement it, or
 * replace these routes with its own.
 */
export interface StaffDesk {
  /** Approves a request awaiting approval; `staffId` is the approving officer (an audit actor, never an e-mail). */
  approveRequest(requestId: string, staffId: string): Promise<{ readonly requestId: string; readonly status: string }>;
  /** The newest audit entries, newest first. */
  auditTrail(limit: number): Promise<readonly { readonly seq: number; readonly action: string; readonly at: string }[]>;
}

export function registerDeskPlaceholderRoutes(app: FastifyInstance, desk: StaffDesk): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/staff/requests/:id/approve', {
    config: { requires: 'requests:approve' },
    schema: {
      tags: ['desk (placeholder)'],
      summary: 'Approve a request awaiting approval',
      params: z.object({ id: z.string().min(1).max(100) }),
      response: { 200: z.object({ requestId: z.string(), status: z.string() }) },
    },
    handler: async (request) => {
      if (!request.staff) throw new CustosError({ code: 'internal', message: 'approval ran without the access hook' });
      return desk.approveRequest(request.params.id, request.staff.member.id);
    },
  });

  api.get('/api/staff/audit', {
    config: { requires: 'audit:read' },
    schema: {
      tags: ['desk (placeholder)'],
      summary: 'The newest audit entries',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: z.object({ entries: z.array(z.object({ seq: z.number(), action: z.string(), at: z.string() })) }) },
    },
    handler: async (request) => ({ entries: [...(await desk.auditTrail(request.query.limit))] }),
  });
}

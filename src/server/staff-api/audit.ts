// The audit trail for auditors: entries newest first (ids and counts only, as the trail keeps them), and the chain verified.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTOR_KINDS, AUDIT_ACTIONS, CHAIN_PROBLEMS, verifyChain, type AuditEntry, type AuditLog } from '../../audit/index.js';
import type { Desk } from '../../desk/index.js';
import { REFUSALS } from './schemas.js';

const ENTRY = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.string() }),
  action: z.enum(AUDIT_ACTIONS),
  subjects: z.record(z.string(), z.string()),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

/** Up to `limit` entries before seq `before` (default: after the last), newest first, and the cursor of the next page. */
export async function auditPage(
  log: Pick<AuditLog, 'read' | 'head'>,
  page: { readonly before?: number | undefined; readonly limit: number },
): Promise<{ readonly entries: readonly AuditEntry[]; readonly next?: number | undefined }> {
  const end = page.before ?? ((await log.head())?.seq ?? 0) + 1;
  const from = Math.max(1, end - page.limit);
  // Seqs are consecutive in a sound log; an entry removed from an edited one only makes a page shorter.
  const entries = end <= 1 ? [] : (await log.read(from, end - from)).filter((e) => e.seq < end).reverse();
  return from > 1 ? { entries, next: from } : { entries };
}

const entryJson = (e: AuditEntry): z.infer<typeof ENTRY> => ({
  seq: e.seq,
  at: e.at,
  actor: { kind: e.actor.kind, id: e.actor.id },
  action: e.action,
  subjects: Object.fromEntries(Object.entries(e.subjects).filter((kv): kv is [string, string] => typeof kv[1] === 'string')),
  details: { ...e.details },
  hash: e.hash,
});

const TAGS = ['staff: audit'];

export function registerAuditRoutes(app: FastifyInstance, { desk }: { desk: Desk }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const log = desk.core.store.audit;

  api.get('/api/staff/audit', {
    config: { requires: 'audit:read' },
    schema: {
      tags: TAGS,
      summary: 'The audit trail, newest first, a page at a time (ids and counts, never personal data)',
      querystring: z.object({
        /** The `next` of the previous page: entries with a lower seq. */
        before: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: { 200: z.object({ entries: z.array(ENTRY), next: z.number().int().optional() }), ...REFUSALS },
    },
    handler: async (request) => {
      const page = await auditPage(log, request.query);
      return { entries: page.entries.map(entryJson), ...(page.next === undefined ? {} : { next: page.next }) };
    },
  });

  api.post('/api/staff/audit/verify', {
    config: { requires: 'audit:verify' },
    schema: {
      tags: TAGS,
      summary: 'Verify the hash chain: valid, or the first altered, removed or reordered entry by seq and why',
      response: {
        200: z.union([
          z.object({
            valid: z.literal(true),
            entries: z.number().int(),
            head: z.object({ seq: z.number().int(), hash: z.string() }).optional(),
          }),
          z.object({
            valid: z.literal(false),
            entries: z.number().int(),
            problem: z.object({ kind: z.enum(CHAIN_PROBLEMS), seq: z.number().int(), message: z.string() }),
          }),
        ]),
        ...REFUSALS,
      },
    },
    handler: async (request) => {
      const abort = new AbortController();
      request.raw.once('close', () => abort.abort());
      const result = await verifyChain(log, { signal: abort.signal });
      if (!result.ok) return { valid: false as const, entries: result.entries, problem: { ...result.problem } };
      return {
        valid: true as const,
        entries: result.entries,
        ...(result.head ? { head: { seq: result.head.seq, hash: result.head.hash } } : {}),
      };
    },
  });
}

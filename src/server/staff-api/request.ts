// One request for staff: its detail (audited as a view of the person's data), its plan with a dry run, a proof's bytes.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Desk, RequestDetail } from '../../desk/index.js';
import { OUTBOX_STATUSES } from '../../store/index.js';
import { ACTOR_ROLES, REQUEST_EVENTS, REQUEST_STATUSES } from '../../workflow/index.js';
import type { ServerConfig } from '../config.js';
import { deskActor, ERROR, REFUSALS, REQUEST_ID_PARAMS, REQUEST_SUMMARY, requestSummary } from './schemas.js';

const iso = (at: Date | undefined) => at?.toISOString();

const DETAIL = z.object({
  request: REQUEST_SUMMARY,
  /** The identity values the person gave: personal data, the reason this view is audited. */
  identities: z.record(z.string(), z.array(z.string())),
  details: z.record(z.string(), z.unknown()),
  language: z.string().optional(),
  operation: z.string().optional(),
  deadline: z.object({
    receivedOn: z.string(),
    due: z.string(),
    firstDue: z.string(),
    pausedDays: z.number(),
    clockStopped: z.boolean(),
    extended: z.boolean(),
    extension: z.object({ tellBy: z.string(), due: z.string() }).optional(),
    acknowledgeBy: z.string().optional(),
  }),
  /** The statuses it went through, with who (a staff id, `custos`, `requester`), when and why. */
  history: z.array(
    z.object({
      event: z.enum(REQUEST_EVENTS),
      from: z.enum(REQUEST_STATUSES),
      to: z.enum(REQUEST_STATUSES),
      actor: z.object({ role: z.enum(ACTOR_ROLES), id: z.string() }),
      at: z.string(),
      reason: z.string().optional(),
      runId: z.string().optional(),
    }),
  ),
  /** The events the request accepts now (what the console may offer). */
  allowed: z.array(z.enum(REQUEST_EVENTS)),
  verification: z.object({
    verified: z.boolean(),
    awaitingProof: z.boolean(),
    proofs: z.array(z.object({ id: z.string(), mediaType: z.string(), size: z.number(), uploadedAt: z.string() })),
  }),
  runs: z.array(z.object({ runId: z.string(), operation: z.string(), startedAt: z.string(), outcome: z.string().optional() })),
  /** Messages to the person: template and delivery, never their params (codes, download links) or address. */
  messages: z.array(
    z.object({
      id: z.string(),
      template: z.string(),
      language: z.string(),
      status: z.enum(OUTBOX_STATUSES),
      attempts: z.number(),
      queuedAt: z.string(),
      sentAt: z.string().optional(),
    }),
  ),
});

/** Statuses a request reaches only once the person is verified. */
const VERIFIED_OR_LATER = new Set(['verified', 'awaiting-approval', 'approved', 'running', 'completed']);

function detailJson(detail: RequestDetail, now: Date): z.infer<typeof DETAIL> {
  const { request, deadline } = detail;
  const verified = detail.history.some((t) => t.event === 'verify') || VERIFIED_OR_LATER.has(request.status);
  return {
    request: requestSummary(request, now, detail.version),
    identities: Object.fromEntries(Object.entries(request.identities).map(([key, values]) => [key, [...values]])),
    details: { ...request.details },
    ...(request.language ? { language: request.language } : {}),
    ...(request.operation ? { operation: request.operation } : {}),
    deadline: { ...deadline },
    history: detail.history.map((t) => ({
      event: t.event,
      from: t.from,
      to: t.to,
      actor: { role: t.actor.role, id: t.actor.id },
      at: t.at.toISOString(),
      ...(t.reason === undefined ? {} : { reason: t.reason }),
      ...(t.runId === undefined ? {} : { runId: t.runId }),
    })),
    allowed: [...detail.allowed],
    verification: {
      verified,
      awaitingProof: request.status === 'awaiting-proof',
      proofs: detail.proofs.map((p) => ({ id: p.id, mediaType: p.mediaType, size: p.size, uploadedAt: p.uploadedAt.toISOString() })),
    },
    runs: request.runs.map((r) => ({
      runId: r.runId,
      operation: r.operation,
      startedAt: r.startedAt.toISOString(),
      ...(r.outcome ? { outcome: r.outcome } : {}),
    })),
    messages: detail.messages.map((m) => ({ ...m, queuedAt: m.queuedAt.toISOString(), sentAt: iso(m.sentAt) })),
  };
}

const PLAN = z.object({
  requestId: z.string(),
  operations: z.array(
    z.object({
      operation: z.string(),
      found: z.boolean(),
      collections: z.array(
        z.object({
          collection: z.string(),
          dataset: z.string(),
          rows: z.number().int(),
          actions: z.array(z.string()),
          fields: z.array(z.object({ field: z.string(), strategy: z.string(), hold: z.string().optional() })),
        }),
      ),
      unreachable: z.array(z.object({ collection: z.string(), reason: z.string() })),
      notes: z.array(z.string()),
      text: z.string(),
    }),
  ),
});

const TAGS = ['staff: requests'];

export function registerRequestRoutes(app: FastifyInstance, { config, desk }: { config: ServerConfig; desk: Desk }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/staff/requests/:id', {
    config: { requires: 'requests:read' },
    schema: {
      tags: TAGS,
      summary: "A request with the person's identities, its history, verification, runs and messages (audited as a view)",
      params: REQUEST_ID_PARAMS,
      response: { 200: DETAIL, ...REFUSALS, 404: ERROR },
    },
    handler: async (request) => detailJson(await desk.get(request.params.id, deskActor(request)), config.clock.now()),
  });

  api.get('/api/staff/requests/:id/plan', {
    config: { requires: 'requests:read' },
    schema: {
      tags: TAGS,
      summary: "What running the request would do, in words, with a dry-run count of the person's rows per collection",
      params: REQUEST_ID_PARAMS,
      response: { 200: PLAN, ...REFUSALS, 404: ERROR, 412: ERROR },
    },
    handler: async (request) => {
      const abort = new AbortController();
      request.raw.once('close', () => abort.abort());
      const preview = await desk.preview(request.params.id, deskActor(request), abort.signal);
      return {
        requestId: preview.requestId,
        operations: preview.operations.map((o) => ({
          ...o,
          collections: o.collections.map((c) => ({ ...c, actions: [...c.actions], fields: c.fields.map((f) => ({ ...f })) })),
          unreachable: [...o.unreachable],
          notes: [...o.notes],
        })),
      };
    },
  });

  api.get('/api/staff/requests/:id/proofs/:proofId', {
    config: { requires: 'requests:manage' },
    schema: {
      tags: TAGS,
      summary: 'An identity proof the person sent, to check it (audited; destroyed once the request is processed)',
      produces: ['application/pdf', 'image/jpeg', 'image/png'],
      params: REQUEST_ID_PARAMS.extend({ proofId: z.string().min(1).max(128) }),
      response: { ...REFUSALS, 404: ERROR },
    },
    handler: async (request, reply) => {
      const { bytes, mediaType } = await desk.viewProof(request.params.id, request.params.proofId, deskActor(request));
      // Bytes are sent as they are (no serializer runs): the untyped reply says so to the compiler.
      return (reply as FastifyReply)
        .type(mediaType)
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline')
        .send(bytes);
    },
  });
}

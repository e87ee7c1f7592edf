// Staff decisions on a request: approve, deny, extend, ask for proof, mark verified, run again, complete, cancel; and a
// request received by e-mail or post registered on the person's behalf.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Desk } from '../../desk/index.js';
import { RIGHTS_ACTIONS } from '../../rights/index.js';
import type { StoredRequest } from '../../store/index.js';
import type { Actor } from '../../workflow/index.js';
import type { Permission } from '../../workflow/index.js';
import type { ServerConfig } from '../config.js';
import { inBody, SUBMISSION } from '../public-routes.js';
import { deskActor, ERROR, REASON, REFUSALS, REQUEST_ID_PARAMS, REQUEST_SUMMARY, storedSummary } from './schemas.js';

const TAGS = ['staff: decisions'];
/** A body that may be left out: a POST without one arrives as null. */
const optionalBody = <S extends z.ZodRawShape>(shape: S) =>
  z
    .object(shape)
    .nullish()
    .transform((body): Partial<z.output<z.ZodObject<S>>> => body ?? {});
const OPTIONAL_REASON = optionalBody({ reason: REASON.optional() });
const REQUIRED_REASON = z.object({ reason: REASON });

/** One decision route: its path word, the permission it needs, its body and what it asks of the desk. */
interface Decision<B extends z.ZodType> {
  readonly path: string;
  readonly requires: Permission;
  readonly summary: string;
  readonly body: B;
  readonly decide: (desk: Desk, id: string, actor: Actor, body: z.output<B>) => Promise<StoredRequest>;
}

/**
 * Approving and denying decide the request (`requests:approve`); the other moves manage it (`requests:manage`). The
 * workflow still checks each move against the request's status: a refusal is its 409, 412 or 400.
 */
const decisions = (route: <B extends z.ZodType>(d: Decision<B>) => void): void => {
  route({
    path: 'approve',
    requires: 'requests:approve',
    summary: 'Approve: the request runs (an objection or post-mortem request names the operation)',
    body: optionalBody({ operation: z.enum(RIGHTS_ACTIONS).optional(), reason: REASON.optional() }),
    decide: (desk, id, actor, body) =>
      desk.approve(id, actor, {
        ...(body.operation ? { operation: body.operation } : {}),
        ...(body.reason ? { reason: body.reason } : {}),
      }),
  });
  route({
    path: 'deny',
    requires: 'requests:approve',
    summary: 'Deny, with the reason the person is told',
    body: REQUIRED_REASON,
    decide: (desk, id, actor, body) => desk.deny(id, actor, body.reason),
  });
  route({
    path: 'extend',
    requires: 'requests:manage',
    summary: 'Extend the deadline where the law allows it (refused under Quebec or LGPD), with the reason told to the person',
    body: REQUIRED_REASON,
    decide: (desk, id, actor, body) => desk.extend(id, actor, body.reason),
  });
  route({
    path: 'ask-proof',
    requires: 'requests:manage',
    summary: 'Ask the person for more proof of identity, saying why',
    body: REQUIRED_REASON,
    decide: (desk, id, actor, body) => desk.askForProof(id, actor, body.reason),
  });
  route({
    path: 'mark-verified',
    requires: 'requests:manage',
    summary: 'Record that staff verified the person another way (the reason is on record)',
    body: REQUIRED_REASON,
    decide: (desk, id, actor, body) => desk.markVerified(id, actor, body.reason),
  });
  route({
    path: 'complete',
    requires: 'requests:manage',
    summary: 'Complete a request that runs nothing (withdrawal of consent) once it was done',
    body: OPTIONAL_REASON,
    decide: (desk, id, actor, body) => desk.complete(id, actor, body.reason),
  });
  route({
    path: 'cancel',
    requires: 'requests:manage',
    summary: 'Cancel, with the reason kept on record',
    body: REQUIRED_REASON,
    decide: (desk, id, actor, body) => desk.cancel(id, actor, body.reason),
  });
};

const DECISION_ERRORS = { ...REFUSALS, 404: ERROR, 409: ERROR, 412: ERROR } as const;

/** One decision's route; generic so that its body's type reaches its `decide`. */
function registerDecision<B extends z.ZodType>(
  app: FastifyInstance,
  { config, desk }: { config: ServerConfig; desk: Desk },
  d: Decision<B>,
) {
  app.withTypeProvider<ZodTypeProvider>().post(`/api/staff/requests/:id/${d.path}`, {
    config: { requires: d.requires },
    schema: {
      tags: TAGS,
      summary: d.summary,
      params: REQUEST_ID_PARAMS,
      body: d.body,
      response: { 200: REQUEST_SUMMARY, ...DECISION_ERRORS },
    },
    handler: async (request) => {
      // The route's schema parsed the body with `d.body`; the generic type provider cannot say so by itself.
      const saved = await d.decide(desk, request.params.id, deskActor(request), request.body as z.output<B>);
      return storedSummary(saved, config.clock.now());
    },
  });
}

export function registerDecisionRoutes(app: FastifyInstance, { config, desk }: { config: ServerConfig; desk: Desk }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  decisions((d) => registerDecision(app, { config, desk }, d));

  api.post('/api/staff/requests/:id/rerun', {
    config: { requires: 'requests:manage' },
    schema: {
      tags: TAGS,
      summary: 'Run an approved request again after its run failed (queued as a job)',
      params: REQUEST_ID_PARAMS,
      response: { 202: z.object({ queued: z.literal(true) }), ...DECISION_ERRORS },
    },
    handler: async (request, reply) => {
      await desk.rerun(request.params.id, deskActor(request));
      return reply.code(202).send({ queued: true as const });
    },
  });

  api.post('/api/staff/requests', {
    config: { requires: 'requests:manage' },
    schema: {
      tags: TAGS,
      summary: 'Register a request received by e-mail or post, on the person’s behalf',
      body: SUBMISSION.extend({ channel: z.enum(['email', 'post']) }),
      response: {
        201: z.object({
          id: z.string(),
          /** Shown once: hand it to the person (by letter or e-mail) so they can follow the request. */
          statusToken: z.string(),
          codeSent: z.boolean(),
        }),
        ...REFUSALS,
      },
    },
    handler: async (request, reply) => {
      const receipt = await inBody(desk.register(request.body, deskActor(request)));
      return reply.code(201).header('cache-control', 'no-store').send(receipt);
    },
  });
}

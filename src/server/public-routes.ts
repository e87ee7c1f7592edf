// The privacy center's routes: a person submits a request, confirms the code, follows it, sends proof, cancels, downloads.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROOF_MEDIA_TYPES, NEXT_STEPS, type Desk, type RequestStatusView } from '../desk/index.js';
import { CustosError, isCustosError } from '../errors.js';
import { REQUEST_KINDS, REQUEST_STATUSES } from '../workflow/index.js';
import type { ServerConfig } from './config.js';
import type { ErrorBody } from './error-handler.js';

export interface PublicRouteDependencies {
  readonly config: ServerConfig;
  readonly desk: Desk;
}

export const ERROR = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    field: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string(),
  }),
});

/** Any string reaches the desk, which answers 404 alike for a token that never was and one that is no longer. */
const TOKEN_PARAMS = z.object({ token: z.string().min(1).max(128) });

export const SUBMISSION = z.object({
  kind: z.enum(REQUEST_KINDS),
  jurisdiction: z.string().min(1).max(64),
  /** Identity key → values: personal data, checked against the manifest's keys by the desk, never logged or echoed. */
  identities: z
    .record(z.string().min(1).max(64), z.array(z.string().min(1).max(320)).min(1).max(10))
    .refine((ids) => Object.keys(ids).length > 0 && Object.keys(ids).length <= 10, 'name between 1 and 10 identity keys'),
  details: z.record(z.string(), z.unknown()).optional(),
  language: z.string().min(2).max(5).optional(),
});

export const STATUS_VIEW = z.object({
  requestId: z.string(),
  kind: z.enum(REQUEST_KINDS),
  status: z.enum(REQUEST_STATUSES),
  timeline: z.array(z.object({ status: z.enum(REQUEST_STATUSES), at: z.string() })),
  receivedOn: z.string(),
  due: z.string(),
  extended: z.boolean(),
  next: z.enum(NEXT_STEPS),
  blockers: z.array(z.string()),
  blockersInWords: z.array(z.string()),
});

const TAGS = ['privacy center'];

/** Dates as ISO strings: the reply schema describes JSON, not a Date. */
export const viewJson = (view: RequestStatusView): z.infer<typeof STATUS_VIEW> => ({
  ...view,
  timeline: view.timeline.map(({ status, at }) => ({ status, at: at.toISOString() })),
  blockers: [...view.blockers],
  blockersInWords: [...view.blockersInWords],
});

/**
 * The desk's `invalid-input` names a submission's field as the desk knows it (`identities.passport`); the person's
 * form knows the body, as a schema refusal says it (`body.identities.passport`).
 */
export async function inBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isCustosError(error) && error.code === 'invalid-input' && typeof error.details.field === 'string')
      throw new CustosError({
        code: error.code,
        message: error.message,
        details: { ...error.details, field: `body.${error.details.field}` },
      });
    throw error;
  }
}

export function registerPublicRoutes(app: FastifyInstance, { config, desk }: PublicRouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Per address and per route: a status token or a code is guessed on these, so they allow less than the API at large.
  const strict = { max: config.publicRateLimit.max, timeWindow: config.publicRateLimit.windowMs };
  const ip = (request: FastifyRequest) => request.ip;

  // A proof is a document's raw bytes (no multipart): the media type is the Content-Type header.
  app.addContentTypeParser(
    [...PROOF_MEDIA_TYPES],
    { parseAs: 'buffer', bodyLimit: desk.core.options.maxProofBytes },
    (_request, body, done) => done(null, body),
  );

  api.post('/api/requests', {
    config: { requires: 'public' },
    schema: {
      tags: TAGS,
      summary: 'Submit a rights request from the privacy center: a code goes to its e-mail address',
      body: SUBMISSION,
      response: { 201: z.object({ id: z.string(), statusToken: z.string() }), 400: ERROR },
    },
    handler: async (request, reply) => {
      const { id, statusToken } = await inBody(desk.submit({ ...request.body, channel: 'web' }, { ip: ip(request) }));
      return reply.code(201).send({ id, statusToken });
    },
  });

  api.post('/api/requests/status/:token/code', {
    config: { requires: 'public', rateLimit: strict },
    schema: {
      tags: TAGS,
      summary: 'Confirm the e-mail code: the request goes on by itself',
      params: TOKEN_PARAMS,
      body: z.object({ code: z.string().trim().min(1).max(16) }),
      response: {
        200: z.object({ status: z.enum(REQUEST_STATUSES) }),
        400: ERROR,
        401: ERROR,
        404: ERROR,
        409: ERROR,
        412: ERROR,
        429: ERROR,
      },
    },
    handler: async (request) => {
      const view = await desk.verifyCode(request.params.token, request.body.code, ip(request));
      return { status: view.status };
    },
  });

  api.post('/api/requests/status/:token/code/resend', {
    config: { requires: 'public', rateLimit: strict },
    schema: {
      tags: TAGS,
      summary: 'Send a new code (the last one stops working)',
      params: TOKEN_PARAMS,
      response: { 202: z.object({ sent: z.literal(true) }), 404: ERROR, 409: ERROR, 412: ERROR, 429: ERROR },
    },
    handler: async (request, reply) => {
      await desk.resendCode(request.params.token, ip(request));
      return reply.code(202).send({ sent: true as const });
    },
  });

  api.get('/api/requests/status/:token', {
    config: { requires: 'public', rateLimit: strict },
    schema: {
      tags: TAGS,
      summary: "The person's view of their request: status, timeline, due day, next step",
      params: TOKEN_PARAMS,
      response: { 200: STATUS_VIEW, 404: ERROR, 429: ERROR },
    },
    handler: async (request) => viewJson(await desk.statusFor(request.params.token)),
  });

  api.post('/api/requests/status/:token/proof', {
    config: { requires: 'public', rateLimit: strict },
    bodyLimit: desk.core.options.maxProofBytes,
    schema: {
      tags: TAGS,
      summary: `Send a proof of identity: the raw bytes of a document (${PROOF_MEDIA_TYPES.join(', ')})`,
      consumes: [...PROOF_MEDIA_TYPES],
      params: TOKEN_PARAMS,
      body: z.custom<Buffer>((body) => Buffer.isBuffer(body), "the body must be the document's bytes").describe('The document (binary)'),
      response: { 201: z.object({ proofId: z.string() }), 400: ERROR, 404: ERROR, 409: ERROR, 413: ERROR, 415: ERROR },
    },
    // Before the body is checked: a text or JSON body parsed by another parser is the wrong media type, not bad input.
    preValidation: async (request, reply) => {
      if (!(PROOF_MEDIA_TYPES as readonly string[]).includes(mediaTypeOf(request)))
        return sendError(request, reply, 415, {
          code: 'invalid-input',
          field: 'headers.content-type',
          message: `headers.content-type: send a proof as ${PROOF_MEDIA_TYPES.join(', ')}`,
        });
    },
    handler: async (request, reply) => {
      const { proofId } = await desk.uploadProof(request.params.token, request.body, mediaTypeOf(request));
      return reply.code(201).send({ proofId });
    },
  });

  api.post('/api/requests/status/:token/cancel', {
    config: { requires: 'public', rateLimit: strict },
    schema: {
      tags: TAGS,
      summary: 'Withdraw the request',
      params: TOKEN_PARAMS,
      body: z.object({ reason: z.string().trim().min(1).max(1000) }),
      response: { 200: STATUS_VIEW, 400: ERROR, 404: ERROR, 409: ERROR },
    },
    handler: async (request) => viewJson(await inBody(desk.cancelByRequester(request.params.token, request.body.reason))),
  });

  api.get('/download/:token', {
    config: { requires: 'public', rateLimit: strict },
    schema: {
      tags: TAGS,
      summary: 'The access or portability package, once: a second call is 410 Gone',
      produces: ['application/zip', 'application/json'],
      params: TOKEN_PARAMS,
      response: { 410: ERROR, 429: ERROR },
    },
    handler: async (request, reply) => {
      let got: Awaited<ReturnType<Desk['download']>>;
      try {
        got = await desk.download(request.params.token);
      } catch (error) {
        if (isCustosError(error) && error.code === 'not-found') return gone(request, reply, error.message);
        throw error;
      }
      // A stream is sent as it is (no serializer runs): the untyped reply says so to the compiler.
      return (reply as FastifyReply)
        .header('content-type', got.mediaType)
        .header('content-length', String(got.size))
        .header('content-disposition', `attachment; filename="${got.fileName}"`)
        .header('cache-control', 'no-store')
        .send(got.stream);
    },
  });
}

const mediaTypeOf = (request: FastifyRequest): string => (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** An answer of the error handler's shape, for the statuses no CustosError code maps to (410, 415). */
function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  error: Omit<ErrorBody['error'], 'requestId'>,
): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: { ...error, requestId: request.id } } satisfies ErrorBody);
}

/**
 * The desk refuses a used, expired or unknown download token alike (`not-found`); the link was once the person's, so
 * the answer is 410 Gone, still not telling the cases apart.
 */
const gone = (request: FastifyRequest, reply: FastifyReply, message: string): FastifyReply =>
  sendError(request, reply, 410, { code: 'not-found', message });

// Every failure as one JSON shape: `{ error: { code, message?, field?, details?, requestId } }`, never a stack.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isCustosError, type ErrorCode } from '../errors.js';
import { STATUS_BY_CODE, isServerFault } from './error-statuses.js';

export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message?: string;
    /** Where invalid input is: `body.email`, `query.limit`, `params.id`. */
    readonly field?: string;
    readonly details?: Readonly<Record<string, unknown>>;
    readonly requestId: string;
  };
}

/** Fastify's names for the parts of a request, as a client writes them. */
const PART_NAMES: Readonly<Record<string, string>> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** Fastify's 4xx errors (bad JSON, wrong media type, CSRF, rate limit) by status; their messages are the framework's own. */
const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  429: 'rate-limited',
};

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const requestId = request.id;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const part = PART_NAMES[error.validationContext ?? 'body'] ?? 'body';
    const path = (first?.instancePath ?? '').split('/').filter(Boolean).join('.');
    const field = path === '' ? part : `${part}.${path}`;
    return send(reply, 400, { code: 'invalid-input', field, message: `${field}: ${first?.message ?? 'invalid'}`, requestId });
  }
  if (isCustosError(error)) {
    const status = STATUS_BY_CODE[error.code];
    if (isServerFault(status)) return fault(request, reply, status, error.code, error);
    const { field, ...rest } = error.details;
    const details = Object.keys(rest).length > 0 ? rest : undefined;
    return send(reply, status, {
      code: error.code,
      message: error.message,
      ...(typeof field === 'string' ? { field } : {}),
      ...(details ? { details } : {}),
      requestId,
    });
  }
  if (error.code === 'FST_CSRF_MISSING_SECRET' || error.code === 'FST_CSRF_INVALID_TOKEN') {
    const message = 'A change needs the x-csrf-token header: the token sign-in and GET /api/staff/me return.';
    return send(reply, 403, { code: 'forbidden', message, details: { reason: 'csrf' }, requestId });
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500 && error.code?.startsWith('FST_')) {
    const code = CODE_BY_STATUS[status] ?? 'invalid-input';
    return send(reply, status, { code, message: error.message, requestId });
  }
  if (status === 429) {
    // @fastify/rate-limit's own error carries no FST_ code.
    const message = 'Too many requests from this address: try again in a minute.';
    return send(reply, 429, { code: 'rate-limited', message, requestId });
  }
  return fault(request, reply, 500, 'internal', error);
}

function fault(request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, error: Error): FastifyReply {
  request.log.error({ err: error }, 'request failed');
  return send(reply, status, { code, requestId: request.id });
}

function send(reply: FastifyReply, status: number, error: ErrorBody['error']): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error } satisfies ErrorBody);
}

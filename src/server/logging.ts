// The server's logger: pino under a redaction layer. A log line says which route answered what, never who asked or with what.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { destination, pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/** Paths pino censors wherever a log call puts them: credentials, and the personal data a staff route carries. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'body',
  'query',
  'email',
  'password',
  '*.password',
  '*.email',
  '*.totp',
  '*.code',
  '*.token',
  '*.csrfToken',
] as const;

/**
 * A request as logged: its id, method and route *pattern* (`/api/staff/requests/:id/approve`), not the URL: a path
 * may carry an identifier and a query string an e-mail. No body, no headers, no client address (personal data too;
 * the rate limiter reads it, the log does not need it).
 */
function requestForLog(request: FastifyRequest): Record<string, unknown> {
  return { id: request.id, method: request.method, route: request.routeOptions?.url ?? '(no route)' };
}

function replyForLog(reply: FastifyReply): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

/** An error as logged: type, code and stack with any e-mail address in its message masked. No `details`, no cause's values. */
function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, ...(typeof code === 'string' ? { code } : {}), stack: maskPersonalData(error.stack ?? error.message) };
}

const EMAIL = /[^\s@"'<>()]+@[^\s@"'<>()]+\.[^\s@"'<>()]+/g;
/** Long unbroken runs of token alphabet (session ids, API keys, CSRF tokens) are not words of a stack trace. */
const TOKEN = /\b[A-Za-z0-9_-]{32,}\b/g;

export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, '[e-mail]').replace(TOKEN, '[token]');
}

export function createServerLogger(options: { readonly stream?: DestinationStream; readonly level: LogLevel }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      serializers: { req: requestForLog, res: replyForLog, err: errorForLog },
    },
    options.stream ?? destination(1),
  );
}

// Request ids: a caller's well-formed x-request-id is kept (so a proxy's id follows the request), any other replaced.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Short and plain: a request id is written into logs, so it may not carry line breaks, markup or someone's e-mail. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,64}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && WELL_FORMED.test(given) && !given.includes('@') ? given : randomUUID();
}

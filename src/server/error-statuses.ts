// The one map from a CustosError code to an HTTP status: a new code does not compile until it has a status here.
import type { ErrorCode } from '../errors.js';

export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = Object.freeze({
  'invalid-manifest': 422,
  'invalid-input': 400,
  'unknown-identity': 400,
  'not-found': 404,
  config: 500,
  'store-unavailable': 503,
  'store-error': 500,
  'precondition-failed': 412,
  conflict: 409,
  'request-busy': 409,
  unauthorized: 401,
  forbidden: 403,
  'rate-limited': 429,
  // nginx's "client closed request": the caller gave up, nobody reads this answer.
  aborted: 499,
  closed: 503,
  internal: 500,
});

/** A 5xx answer says nothing but its code and request id: its message may name tables, hosts or values. */
export function isServerFault(status: number): boolean {
  return status >= 500;
}

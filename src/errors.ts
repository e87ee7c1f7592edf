// The one error type of Custos: a closed set of codes that the HTTP layer maps to statuses and the CLI to exit codes.

export const ERROR_CODES = [
  'invalid-manifest',
  'invalid-input',
  'unknown-identity',
  'not-found',
  'config',
  'store-unavailable',
  'store-error',
  'precondition-failed',
  'conflict',
  /** Another process is running the same request (it holds the request id's lease): try again once it has finished. */
  'request-busy',
  'unauthorized',
  'forbidden',
  /** Too many attempts from one address or at one account (sign-ins, the API's per-address limit): try again later. */
  'rate-limited',
  'aborted',
  'closed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CustosErrorOptions {
  readonly code: ErrorCode;
  readonly message: string;
  /** Structured context safe to show a user: never secrets or personal data. */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class CustosError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(options: CustosErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CustosError';
    this.code = options.code;
    this.details = options.details ?? {};
  }
}

export function isCustosError(error: unknown): error is CustosError {
  return error instanceof CustosError;
}

/** Wraps anything thrown into a CustosError, keeping known ones as they are. */
export function toCustosError(error: unknown, fallback: ErrorCode = 'internal'): CustosError {
  if (error instanceof CustosError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CustosError({ code: fallback, message, cause: error });
}

// PostgreSQL client errors as Custos errors: a server out of reach is `store-unavailable`, anything else `store-error`.
import { CustosError } from '../../errors.js';

/** Class 08 (connection), 57P (shutdown), refused or dropped sockets: the server cannot be reached now. */
export function postgresStoreFailure(error: unknown, doing: string): CustosError {
  if (error instanceof CustosError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const unavailable = /^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code);
  return new CustosError({
    code: unavailable ? 'store-unavailable' : 'store-error',
    message: `could not ${doing} the Custos store on PostgreSQL: ${(error as Error).message}`,
    details: code === '' ? {} : { sqlstate: code },
    cause: error,
  });
}

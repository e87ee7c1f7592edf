// Turning client errors into CustosErrors that name the store but never carry a password, a value or a stack of the client.
import { CustosError } from '../errors.js';
import type { StoreTarget } from './target.js';

/** How an engine classifies a client error: the store is unreachable, the manifest names something missing, or other. */
export interface StoreFailure {
  /** `not-null`: a NULL written into a column the store keeps NOT NULL (each adapter knows its engine's code). */
  readonly kind: 'unavailable' | 'schema' | 'not-null' | 'other';
  /** Client error code (SQLSTATE, errno name…), safe to show. */
  readonly code?: string | undefined;
  /** Set only for `schema` failures, whose messages name identifiers, never values. */
  readonly message?: string | undefined;
}

/** Node network error codes that mean the server cannot be reached. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);

/** The `code` property of a thrown client error, when it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

/** The message of a thrown value, for classification only (never shown unless classified `schema`). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** CustosError('store-unavailable') for a store that does not answer; no client cause is attached, so no stack or URL leaks. */
export function storeUnavailable(target: StoreTarget, failure: Pick<StoreFailure, 'code'>): CustosError {
  const reason = failure.code ? ` (${failure.code})` : '';
  return new CustosError({
    code: 'store-unavailable',
    message: `${target.label}: the ${target.kind} store is unavailable${reason}`,
    details: { dataset: target.dataset, kind: target.kind, reason: failure.code },
  });
}

/**
 * Wraps a client error: unavailable stores become 'store-unavailable', everything else 'store-error'; CustosErrors pass through.
 * The client error is not kept as `cause`: some clients put the SQL with its values (personal data) on it.
 */
export function toStoreError(target: StoreTarget, error: unknown, failure: StoreFailure, operation: string): CustosError {
  if (error instanceof CustosError) return error;
  if (failure.kind === 'unavailable') return storeUnavailable(target, failure);
  const why =
    failure.kind === 'not-null'
      ? `the store keeps a column it sets to NULL NOT NULL (${failure.code}): declare that field \`required: true\` in the manifest, so erasure keeps or removes the whole row instead`
      : failure.kind === 'schema' && failure.message
        ? failure.message
        : `error ${failure.code ?? 'unknown'}`;
  return new CustosError({
    code: 'store-error',
    message: `${target.label}: ${operation} failed: ${why}`,
    details: { dataset: target.dataset, kind: target.kind, operation, reason: failure.code },
  });
}

// How a console page declares who may open it, and what the others get: an anonymous or expired session is sent to
// the sign-in page (`/console/sign-in?next=`), an admin still to enrol TOTP to enrolment, a role without the permission
// a 403 page. The checks are the server's one access hook (src/server/access.ts), registered on the console's routes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCustosError } from '../../errors.js';
import type { ConsoleAccess } from './layout.js';

/** The form field that carries the CSRF token (the access hook reads it when no `x-csrf-token` header came). */
export const CSRF_FIELD = '_csrf';

/**
 * A console route's options: the access hook reads `config.requires` like the API's (`session`: any session, even
 * one still to enrol TOTP; `public`: the sign-in pages).
 */
export const guarded = (requires: ConsoleAccess | 'session' | 'public') => ({ config: { requires } }) as const;

/** Why the sign-in page is shown: the session ended (idle or too old), or the member signed out. */
export const SIGN_IN_REASONS = ['idle', 'absolute', 'signed-out'] as const;
export type SignInReason = (typeof SIGN_IN_REASONS)[number];

/** The sign-in page's address that comes back to `next` (a console path only: never an open redirect). */
export function signInPath(next: string | undefined, reason?: SignInReason): string {
  const query = new URLSearchParams();
  if (next !== undefined && safeNext(next) !== undefined) query.set('next', next);
  if (reason) query.set('ended', reason);
  const text = query.toString();
  return `/console/sign-in${text === '' ? '' : `?${text}`}`;
}

/** `next` when it is a path of the console (`/console…`, no scheme, no `//`), else undefined. */
export function safeNext(next: unknown): string | undefined {
  return typeof next === 'string' && /^\/console(\/|\?|$)/.test(next) && !next.includes('//') && !next.includes('\\') ? next : undefined;
}

/** What a refused console request gets instead of the API's JSON. */
export type Refusal =
  | { readonly kind: 'sign-in'; readonly location: string }
  | { readonly kind: 'enrol'; readonly location: string }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'csrf' };

/**
 * The refusal an error of the access hook (or the CSRF check) means on a console page, or undefined for any other
 * error (the server's handler answers it). A GET comes back to its own page after signing in; a refused POST to the
 * page its form was on is not replayed (its token would be stale), so it comes back to the console's start.
 */
export function refusalOf(error: unknown, request: FastifyRequest): Refusal | undefined {
  if (isCustosError(error)) {
    if (error.code === 'unauthorized') {
      const expired = error.details['expired'];
      const reason = expired === 'idle' || expired === 'absolute' ? expired : undefined;
      return { kind: 'sign-in', location: signInPath(request.method === 'GET' ? request.url : undefined, reason) };
    }
    if (error.code === 'forbidden')
      return error.details['next'] === 'totp-enrolment' ? { kind: 'enrol', location: '/console/totp' } : { kind: 'forbidden' };
    return undefined;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'FST_CSRF_MISSING_SECRET' || code === 'FST_CSRF_INVALID_TOKEN' ? { kind: 'csrf' } : undefined;
}

/** Answers a refusal: a 303 to sign-in or enrolment, or the 403 page `page` renders. */
export function sendRefusal(refusal: Refusal, reply: FastifyReply, page: (kind: 'forbidden' | 'csrf') => FastifyReply): FastifyReply {
  if (refusal.kind === 'sign-in' || refusal.kind === 'enrol')
    return reply.header('cache-control', 'no-store').redirect(refusal.location, 303);
  return page(refusal.kind);
}

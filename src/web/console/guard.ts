// How a console page declares who may open it, and what the others get: an anonymous or expired session is sent to
// the sign-in page (`/console/sign-in?next=`), an admin still to enrol TOTP to enrolment, a role without the permission
// a 403 page. The checks are the server's one access hook (src/server/access.ts), registered on the console's routes;
// every console page (the queue's and the oversight pages alike) builds its context and answers refusals here.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { isCustosError } from '../../errors.js';
import type { PolicyModel } from '../../policy/index.js';
import { requestLanguage } from '../language.js';
import { htmlPage, type PageContext } from '../layout.js';
import { webMessagesFor } from '../messages/index.js';
import type { ConsoleAccess, ConsoleContext } from './layout.js';
import { ConsoleMessagePage } from './pages/message.js';

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

/**
 * A console page's context before (or without) a sign-in: its language (`?lang=`, remembered in the `lang` cookie, then
 * the cookie, then `Accept-Language`), its words, and its own path for the language switch.
 */
export function pageContextOf(model: PolicyModel, request: FastifyRequest, reply: FastifyReply): PageContext {
  const { lang, self } = requestLanguage(model, request, reply);
  return { model, lang, t: webMessagesFor(lang), self, home: '/console' };
}

/** A signed-in page's context: the page's, who is signed in and the CSRF token its forms carry. */
export function consoleContextOf(model: PolicyModel, request: FastifyRequest, reply: FastifyReply): ConsoleContext {
  const staff = request.staff;
  if (!staff) throw new Error('a console page ran without the access hook');
  return {
    ...pageContextOf(model, request, reply),
    staff: { email: staff.member.email, role: staff.member.role },
    csrf: reply.generateCsrf(),
  };
}

/** Answers with a page: never cached (it shows a person's data or a member's session). */
export const sendPage = (reply: FastifyReply, tree: ComponentChildren, status = 200): FastifyReply =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(htmlPage(tree));

/**
 * The console's error handler: a refusal of the access hook becomes a redirect or the 403 page, an unknown request or
 * entry the 404 page; any other error goes to `fallback` (the server's handler), or, without one, to the enclosing
 * context's handler.
 */
export function consoleErrorHandler(
  model: PolicyModel,
  fallback?: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => FastifyReply,
) {
  const messagePage = (request: FastifyRequest, reply: FastifyReply, status: number, title: string, text: string) => {
    const ctx = pageContextOf(model, request, reply);
    return sendPage(reply, ConsoleMessagePage({ ctx, title, text }), status);
  };
  return async function consoleRefusals(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const refusal = refusalOf(error, request);
    if (refusal === undefined) {
      if (isCustosError(error) && error.code === 'not-found') {
        const g = pageContextOf(model, request, reply).t.console.guard;
        return messagePage(request, reply, 404, g.notFoundTitle, g.notFound);
      }
      if (fallback) return fallback(error, request, reply);
      throw error;
    }
    return sendRefusal(refusal, reply, (kind) => {
      const t = pageContextOf(model, request, reply).t.console;
      const role = request.staff ? t.roles[request.staff.member.role] : '';
      return messagePage(request, reply, 403, t.guard.forbiddenTitle, kind === 'csrf' ? t.guard.csrf : t.guard.forbidden(role));
    });
  };
}

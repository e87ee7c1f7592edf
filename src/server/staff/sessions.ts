// Staff sessions: a random 256-bit id in an HttpOnly cookie, only its hash stored, ended when idle or too old.
import { createHash, randomBytes } from 'node:crypto';
import type { StaffSession } from './directory.js';

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** What the session store is keyed by: a stolen table of hashes opens no session. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** 18 random bytes, the size @fastify/csrf's own secrets have. */
export function newCsrfSecret(): string {
  return randomBytes(18).toString('base64url');
}

export interface SessionLifetime {
  /** A session unused this long is over. */
  readonly idleMs: number;
  /** A session this old is over however busy it is. */
  readonly absoluteMs: number;
}

/** Why a session is over at `now`, or undefined while it is valid. */
export function sessionExpiry(session: StaffSession, now: Date, lifetime: SessionLifetime): 'idle' | 'absolute' | undefined {
  if (now.getTime() - session.createdAt.getTime() >= lifetime.absoluteMs) return 'absolute';
  if (now.getTime() - session.lastSeenAt.getTime() >= lifetime.idleMs) return 'idle';
  return undefined;
}

/**
 * The cookie's name. Behind TLS it takes the `__Host-` prefix: browsers then refuse it unless Secure, on path `/` and
 * without a Domain, so a sibling subdomain cannot plant or widen it.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-custos_session' : 'custos_session';
}

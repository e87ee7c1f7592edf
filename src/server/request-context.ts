// What the server adds to Fastify's types: a route's declared access, and the signed-in staff member on a request.
import type { StaffMember, StaffSession } from './staff/directory.js';
import type { RouteAccess } from './permissions.js';

export interface SignedInStaff {
  readonly member: StaffMember;
  readonly session: StaffSession;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (permissions.ts); every route under /api declares it. */
    requires?: RouteAccess;
  }
  interface FastifyRequest {
    /** Set by the access hook on every route that is not `public`. */
    staff: SignedInStaff | null;
    /** Read by @fastify/csrf-protection (its `@fastify/session` mode): the CSRF secret of the session. */
    session: { csrfSecret?: string } | null;
  }
}

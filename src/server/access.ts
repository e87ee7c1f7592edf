// Access in one place: which staff member a request comes from, whether the route's declared permission is theirs, CSRF.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { CustosError } from '../errors.js';
import type { ServerConfig } from './config.js';
import { roleAllows } from '../workflow/index.js';
import { isRouteAccess, type RouteAccess } from './permissions.js';
import type { StaffDirectory, StaffSessionStore } from './staff/directory.js';
import { hashSessionId, sessionCookieName, sessionExpiry } from './staff/sessions.js';
import './request-context.js';

export interface AccessDependencies {
  readonly config: ServerConfig;
  readonly directory: StaffDirectory;
  readonly sessions: StaffSessionStore;
}

/** Methods that change nothing: every other method on a non-public route needs a CSRF token. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Registers the checks on `app`'s routes (an encapsulated context: the API, not the docs UI's static files). */
export function registerAccessControl(app: FastifyInstance, deps: AccessDependencies): void {
  app.decorateRequest('staff', null);
  app.decorateRequest('session', null);
  app.addHook('onRoute', (route) => {
    if (!isRouteAccess(route.config?.requires))
      throw new CustosError({
        code: 'internal',
        message: `route ${String(route.method)} ${route.url} declares no access: set config.requires to 'public', 'signed-in', 'session' or a permission`,
      });
  });
  app.addHook('onRequest', async (request, reply) => {
    const requires = request.routeOptions.config.requires;
    if (requires === undefined || requires === 'public') return;
    request.staff = await signedInStaff(request, reply, deps);
    request.session = { csrfSecret: request.staff.session.csrfSecret };
    refuseUnlessAllowed(request, requires);
  });
  // After the body is parsed (a console form carries its token in the `_csrf` field), before it is validated.
  app.addHook('preValidation', function csrfOnChanges(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
    const requires = request.routeOptions.config.requires;
    if (requires === undefined || requires === 'public' || SAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });
}

async function signedInStaff(request: FastifyRequest, reply: FastifyReply, deps: AccessDependencies) {
  const cookie = sessionCookieName(deps.config.secureCookies);
  const id = request.cookies[cookie];
  if (!id) throw signInRequired();
  const idHash = hashSessionId(id);
  const session = await deps.sessions.find(idHash);
  const now = deps.config.clock.now();
  const expiry = session && sessionExpiry(session, now, deps.config.session);
  const member = session && !expiry ? await deps.directory.findById(session.staffId) : undefined;
  if (!session || expiry || !member || member.disabled) {
    if (session) await deps.sessions.delete(idHash);
    reply.clearCookie(cookie, { path: '/' });
    throw signInRequired(expiry);
  }
  await deps.sessions.touch(idHash, now);
  return { member, session };
}

function refuseUnlessAllowed(request: FastifyRequest, requires: Exclude<RouteAccess, 'public'>): void {
  const { member, session } = request.staff!;
  if (requires === 'session') return;
  if (session.stage === 'totp-enrolment')
    throw new CustosError({
      code: 'forbidden',
      message: 'An administrator signs in with a TOTP code: enrol an authenticator first (POST /api/staff/totp/enrolment).',
      details: { next: 'totp-enrolment' },
    });
  if (requires === 'signed-in' || roleAllows(member.role, requires)) return;
  throw new CustosError({
    code: 'forbidden',
    message: `The ${member.role} role does not include ${requires}.`,
    details: { role: member.role, requires },
  });
}

function signInRequired(expiry?: 'idle' | 'absolute'): CustosError {
  const message =
    expiry === 'idle'
      ? 'The session ended after a time unused: sign in again (POST /api/staff/login).'
      : expiry === 'absolute'
        ? 'The session reached its maximum length: sign in again (POST /api/staff/login).'
        : 'Sign in first (POST /api/staff/login).';
  return new CustosError({ code: 'unauthorized', message, details: expiry ? { expired: expiry } : {} });
}

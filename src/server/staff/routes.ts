// The staff sign-in routes: login, sign-out, who am I, TOTP enrolment and its confirmation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CustosError } from '../../errors.js';
import type { ServerConfig } from '../config.js';
import { ROLE_PERMISSIONS, SESSION_STAGES, STAFF_ROLES, type SessionStage } from '../../workflow/index.js';
import type { SignedInStaff } from '../request-context.js';
import type { StaffDirectory, StaffMember, StaffSessionStore } from './directory.js';
import { MAX_PASSWORD_LENGTH } from './passwords.js';
import { hashSessionId, newCsrfSecret, newSessionId, sessionCookieName } from './sessions.js';
import { checkSignIn } from './sign-in.js';
import type { LoginThrottle } from './throttle.js';
import { acceptedTotpStep, newTotpSecret, totpEnrolment } from './totp.js';

export interface StaffRouteDependencies {
  readonly config: ServerConfig;
  readonly directory: StaffDirectory;
  readonly sessions: StaffSessionStore;
  readonly throttle: LoginThrottle;
}

const TOTP_CODE = z.string().regex(/^\d{6}$/, 'a TOTP code is 6 digits');

const SIGNED_IN = z.object({
  stage: z.enum(SESSION_STAGES),
  staff: z.object({ id: z.string(), role: z.enum(STAFF_ROLES) }),
  /** Send it back in the x-csrf-token header of every change. */
  csrfToken: z.string(),
});

const STAFF_ME = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  permissions: z.array(z.string()),
  totpEnrolled: z.boolean(),
  csrfToken: z.string(),
});

const REFUSED = 'The e-mail address, password or code was not accepted.';

export function registerStaffRoutes(app: FastifyInstance, deps: StaffRouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cookie = sessionCookieName(deps.config.secureCookies);

  const openSession = (request: FastifyRequest, reply: FastifyReply, member: StaffMember, stage: SessionStage) =>
    openStaffSession(deps, request, reply, member, stage);

  api.post('/api/staff/login', {
    config: { requires: 'public' },
    schema: {
      tags: ['staff'],
      summary: 'Sign in with e-mail, password and (once enrolled) a TOTP code',
      body: z.object({
        email: z.string().min(1).max(254),
        password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
        totp: TOTP_CODE.optional(),
      }),
      response: { 200: SIGNED_IN },
    },
    handler: async (request, reply) => {
      const outcome = await checkSignIn(
        { ...request.body, address: request.ip },
        { directory: deps.directory, throttle: deps.throttle, clock: deps.config.clock },
      );
      if (outcome.ok) return openSession(request, reply, outcome.member, outcome.stage);
      switch (outcome.reason) {
        case 'throttled':
          throw new CustosError({ code: 'rate-limited', message: 'Too many failed sign-ins: wait a few minutes and try again.' });
        case 'totp-required':
          throw new CustosError({
            code: 'unauthorized',
            message: 'Enter the code your authenticator app shows.',
            details: { totpRequired: true },
          });
        case 'refused':
          throw new CustosError({ code: 'unauthorized', message: REFUSED });
        default:
          throw outcome.reason satisfies never;
      }
    },
  });

  api.post('/api/staff/logout', {
    config: { requires: 'session' },
    schema: { tags: ['staff'], summary: 'Sign out: the session ends on the server, its cookie is cleared' },
    handler: async (request, reply) => {
      await deps.sessions.delete(staffOf(request).session.idHash);
      reply.clearCookie(cookie, { path: '/' });
      return reply.code(204).send();
    },
  });

  api.get('/api/staff/me', {
    config: { requires: 'signed-in' },
    schema: { tags: ['staff'], summary: 'The signed-in staff member, their permissions and a CSRF token', response: { 200: STAFF_ME } },
    handler: async (request, reply) => {
      const { member } = staffOf(request);
      return {
        id: member.id,
        email: member.email,
        role: member.role,
        permissions: [...ROLE_PERMISSIONS[member.role]],
        totpEnrolled: member.totp !== undefined,
        csrfToken: reply.generateCsrf(),
      };
    },
  });

  api.post('/api/staff/totp/enrolment', {
    config: { requires: 'session' },
    schema: {
      tags: ['staff'],
      summary: 'Start TOTP enrolment: a secret, its otpauth URI and a QR code to scan',
      response: { 200: z.object({ secret: z.string(), uri: z.string(), qrCode: z.string() }) },
    },
    handler: async (request) => {
      const { member } = staffOf(request);
      if (member.totp) throw new CustosError({ code: 'conflict', message: 'This account already has an authenticator.' });
      const secret = newTotpSecret();
      await deps.directory.setPendingTotp(member.id, secret);
      return totpEnrolment(secret, deps.config.totpIssuer, member.email);
    },
  });

  api.post('/api/staff/totp/confirmation', {
    config: { requires: 'session' },
    schema: {
      tags: ['staff'],
      summary: 'Finish TOTP enrolment with a first code: every session of the account ends, a new one starts',
      body: z.object({ code: TOTP_CODE }),
      response: { 200: SIGNED_IN },
    },
    handler: async (request, reply) => {
      const { member } = staffOf(request);
      const pending = member.pendingTotpSecret;
      if (!pending)
        throw new CustosError({ code: 'precondition-failed', message: 'Start enrolment first (POST /api/staff/totp/enrolment).' });
      const now = deps.config.clock.now();
      const step = acceptedTotpStep(pending, request.body.code, now);
      if (step === undefined)
        throw new CustosError({
          code: 'invalid-input',
          message: 'body.code does not match: enter the code the authenticator shows now.',
          details: { field: 'body.code' },
        });
      await deps.directory.confirmTotp(member.id, { secret: pending, confirmedAt: now, lastStep: step });
      await deps.sessions.deleteForStaff(member.id);
      return openSession(request, reply, member, 'complete');
    },
  });
}

/** A new session (never a reused id: signing in changes the cookie), its cookie set, its first CSRF token returned. */
export async function openStaffSession(
  deps: Pick<StaffRouteDependencies, 'config' | 'sessions'>,
  request: FastifyRequest,
  reply: FastifyReply,
  member: StaffMember,
  stage: SessionStage,
) {
  const cookie = sessionCookieName(deps.config.secureCookies);
  const id = newSessionId();
  const now = deps.config.clock.now();
  const csrfSecret = newCsrfSecret();
  // Sessions abandoned without a sign-out would stay in the table for good: each sign-in clears those that expired.
  await deps.sessions.purgeExpired({
    idleBefore: new Date(now.getTime() - deps.config.session.idleMs),
    createdBefore: new Date(now.getTime() - deps.config.session.absoluteMs),
  });
  await deps.sessions.create({ idHash: hashSessionId(id), staffId: member.id, stage, csrfSecret, createdAt: now, lastSeenAt: now });
  reply.setCookie(cookie, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: Math.floor(deps.config.session.absoluteMs / 1000),
  });
  request.session = { csrfSecret };
  return { stage, staff: { id: member.id, role: member.role }, csrfToken: reply.generateCsrf() };
}

function staffOf(request: FastifyRequest): SignedInStaff {
  if (!request.staff) throw new CustosError({ code: 'internal', message: 'a staff route ran without the access hook' });
  return request.staff;
}

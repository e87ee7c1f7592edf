// The staff console's server side: its routes get the one access hook (sessions, permissions, CSRF) and the sign-in
// pages the staff module's checks, through the small interface the pages declare (src/web/console/auth.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Desk } from '../desk/index.js';
import { CustosError } from '../errors.js';
import { registerConsole, type ConsoleAuth } from '../web/index.js';
import { registerAccessControl } from './access.js';
import type { ServerConfig } from './config.js';
import { handleError } from './error-handler.js';
import type { SignedInStaff } from './request-context.js';
import type { StaffDirectory, StaffSessionStore } from './staff/directory.js';
import { openStaffSession } from './staff/routes.js';
import { sessionCookieName } from './staff/sessions.js';
import { checkSignIn } from './staff/sign-in.js';
import type { LoginThrottle } from './staff/throttle.js';
import { acceptedTotpStep, newTotpSecret, totpEnrolment } from './staff/totp.js';

export interface StaffConsoleDependencies {
  readonly config: ServerConfig;
  readonly desk: Desk;
  readonly directory: StaffDirectory;
  readonly sessions: StaffSessionStore;
  readonly throttle: LoginThrottle;
}

/** Registers the console on `app` (an encapsulated context of its own: its error handler answers with pages). */
export async function registerStaffConsole(app: FastifyInstance, deps: StaffConsoleDependencies): Promise<void> {
  registerAccessControl(app, { config: deps.config, directory: deps.directory, sessions: deps.sessions });
  await registerConsole(app, { desk: deps.desk, clock: deps.config.clock, auth: consoleAuth(deps), fallback: handleError });
}

function staffOf(request: FastifyRequest): SignedInStaff {
  if (!request.staff) throw new CustosError({ code: 'internal', message: 'a console route ran without the access hook' });
  return request.staff;
}

function consoleAuth(deps: StaffConsoleDependencies): ConsoleAuth {
  const cookie = sessionCookieName(deps.config.secureCookies);
  return {
    async signIn(request, reply, attempt) {
      const outcome = await checkSignIn(
        { ...attempt, address: request.ip },
        { directory: deps.directory, throttle: deps.throttle, clock: deps.config.clock },
      );
      if (!outcome.ok) return outcome;
      await openStaffSession(deps, request, reply, outcome.member, outcome.stage);
      return { ok: true, stage: outcome.stage, role: outcome.member.role };
    },
    async signOut(request, reply) {
      await deps.sessions.delete(staffOf(request).session.idHash);
      reply.clearCookie(cookie, { path: '/' });
    },
    async enrolment(request, mode) {
      const member = await deps.directory.findById(staffOf(request).member.id);
      if (!member || member.totp) return 'enrolled';
      let secret = member.pendingTotpSecret;
      if (mode === 'show' && secret === undefined) return 'not-started';
      if (mode === 'new' || secret === undefined) {
        secret = newTotpSecret();
        await deps.directory.setPendingTotp(member.id, secret);
      }
      const { uri } = await totpEnrolment(secret, deps.config.totpIssuer, member.email);
      const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { secret, uri, svg };
    },
    async confirmEnrolment(request, reply, code) {
      const member = await deps.directory.findById(staffOf(request).member.id);
      const pending = member?.pendingTotpSecret;
      if (!member || !pending) return false;
      const now = deps.config.clock.now();
      const step = acceptedTotpStep(pending, code, now);
      if (step === undefined) return false;
      await deps.directory.confirmTotp(member.id, { secret: pending, confirmedAt: now, lastStep: step });
      await deps.sessions.deleteForStaff(member.id);
      await openStaffSession(deps, request, reply, member, 'complete');
      return true;
    },
  };
}

// Fixtures for the server's tests: staff of each role, a clock tests move, a log capture, and a signed-in client.
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import type { Clock } from '../clock.js';
import type { ServerOptions } from './config.js';
import type { StaffDesk } from './desk-routes.js';
import type { StaffRole } from '../workflow/index.js';
import { buildServer, type CustosServer } from './server.js';
import type { StaffMember } from './staff/directory.js';
import { InMemoryStaffDirectory, InMemoryStaffSessions } from './staff/in-memory.js';
import { hashPassword } from './staff/passwords.js';
import { newTotpSecret, totpCode } from './staff/totp.js';

export const PASSWORD = 'correct horse battery staple';
export const START = new Date('2025-03-03T09:00:00Z');

/** One member per role; the admin has TOTP unless `adminWithoutTotp`. Hashing is slow (argon2id): done once per file. */
let hashed: Promise<string> | undefined;
export async function staffFixture(options: { adminWithoutTotp?: boolean } = {}): Promise<{
  members: Record<StaffRole, StaffMember>;
  adminTotpSecret: string;
}> {
  hashed ??= hashPassword(PASSWORD);
  const passwordHash = await hashed;
  const adminTotpSecret = newTotpSecret();
  const member = (role: StaffRole): StaffMember => ({ id: `staff-${role}`, email: `${role}@nimbus.example`, role, passwordHash });
  return {
    adminTotpSecret,
    members: {
      admin: options.adminWithoutTotp
        ? member('admin')
        : { ...member('admin'), totp: { secret: adminTotpSecret, confirmedAt: START, lastStep: -1 } },
      officer: member('officer'),
      analyst: member('analyst'),
      auditor: member('auditor'),
    },
  };
}

export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export function movableClock(start = START): MovableClock {
  let at = start.getTime();
  return { now: () => new Date(at), advance: (ms) => void (at += ms) };
}

/** A writable that keeps every log line, for asserting what reached the log and what did not. */
export function logCapture(): { stream: Writable; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

export interface DeskCalls {
  approved: { requestId: string; staffId: string }[];
}

/** A desk that records calls; `fail` makes approval throw what it is given. */
export function recordingDesk(fail?: () => never): StaffDesk & DeskCalls {
  const approved: DeskCalls['approved'] = [];
  return {
    approved,
    async approveRequest(requestId, staffId) {
      if (fail) fail();
      approved.push({ requestId, staffId });
      return { requestId, status: 'approved' };
    },
    async auditTrail(limit) {
      return [{ seq: 1, action: 'request.approved', at: START.toISOString() }].slice(0, limit);
    },
  };
}

export interface TestServer extends CustosServer {
  readonly directory: InMemoryStaffDirectory;
  readonly sessions: InMemoryStaffSessions;
  readonly clock: MovableClock;
  readonly adminTotpSecret: string;
  readonly log: () => string;
  readonly desk: StaffDesk & DeskCalls;
}

export async function testServer(
  options: Partial<ServerOptions> & { adminWithoutTotp?: boolean; desk?: StaffDesk & DeskCalls } = {},
): Promise<TestServer> {
  const { members, adminTotpSecret } = await staffFixture(options);
  const directory = new InMemoryStaffDirectory(Object.values(members));
  const sessions = new InMemoryStaffSessions();
  const clock = movableClock();
  const capture = logCapture();
  const desk = options.desk ?? recordingDesk();
  const server = await buildServer({ clock, ...options, directory, sessions, desk, logger: { stream: capture.stream } });
  return { ...server, directory, sessions, clock, adminTotpSecret, log: capture.text, desk };
}

export interface SignedIn {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly response: LightMyRequestResponse;
}

/** Signs in as the member of `role` (with the admin's current TOTP code) and returns the cookie header and CSRF token. */
export async function signIn(server: TestServer, role: StaffRole, extra: { totp?: string } = {}): Promise<SignedIn> {
  const totp = extra.totp ?? (role === 'admin' ? totpCode(server.adminTotpSecret, server.clock.now()) : undefined);
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/staff/login',
    payload: { email: `${role}@nimbus.example`, password: PASSWORD, ...(totp ? { totp } : {}) },
  });
  const session = response.cookies.find((c) => c.name.endsWith('custos_session'));
  const body = response.json() as { csrfToken?: string };
  return { cookie: session ? `${session.name}=${session.value}` : '', csrfToken: body.csrfToken ?? '', response };
}

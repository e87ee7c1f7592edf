// Fixtures for the server's tests: staff of each role, a clock tests move, a log capture, and a signed-in client.
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { describe } from 'vitest';
import type { Clock } from '../clock.js';
import type { ServerOptions } from './config.js';
import type { Desk } from '../desk/index.js';
import { CustosError } from '../errors.js';
import { request as receivedRequest } from '../workflow/requests.test-support.js';
import type { RightsRequest } from '../workflow/index.js';
import type { StaffRole } from '../workflow/index.js';
import { buildServer, type CustosServer } from './server.js';
import type { Store } from '../store/index.js';
import type { StaffDirectory, StaffMember } from './staff/directory.js';
import { openStaffStore, STAFF_STORE_ENGINES, type StaffStoreEngine } from './staff-store.test-support.js';
import { storeStaffAccounts } from './staff/store-accounts.js';
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

/**
 * A desk over the test's store (the staff API's users, keys, outbox and audit routes read it) whose `approve` records
 * its calls and answers an approved request, or throws what `fail` throws; any other request method fails as `internal`.
 * For the server's own tests (access, CSRF, errors); the staff API over a real desk is test/desk/staff-api.test.ts.
 */
export function recordingDesk(store: Store, fail?: () => never): Desk & DeskCalls {
  const approved: DeskCalls['approved'] = [];
  const known = {
    approved,
    // Only what the routes read when they are registered: the store, and the largest proof the public routes take.
    core: { store, clock: { now: () => START }, options: { maxProofBytes: 1024 } },
    async approve(requestId: string, actor: { readonly id: string }) {
      if (fail) fail();
      approved.push({ requestId, staffId: actor.id });
      const request = { ...receivedRequest({ id: requestId, receivedAt: START }), status: 'approved' } as RightsRequest;
      return { request, version: 2, due: '2025-04-03' };
    },
  };
  const refuse = (name: string) => async () => {
    throw new CustosError({ code: 'internal', message: `the recording desk has no ${name}` });
  };
  return new Proxy(known, {
    get: (target, name) => (name in target ? target[name as keyof typeof known] : refuse(String(name))),
  }) as unknown as Desk & DeskCalls;
}

export interface TestServer extends CustosServer {
  readonly store: Store;
  readonly directory: StaffDirectory;
  readonly clock: MovableClock;
  readonly adminTotpSecret: string;
  readonly log: () => string;
  readonly desk: Desk & DeskCalls;
  /** Every row of one of the store's tables, read past Custos as a database user would. */
  rows(table: string): Promise<Record<string, unknown>[]>;
  /** The id hashes of the sessions stored. */
  sessionIdHashes(): Promise<string[]>;
}

/**
 * A server over a fresh store of `engine` (default SQLite), its staff accounts created through the store-backed
 * directory (the admin's TOTP seed sealed by the vault). `close()` closes the store and removes it.
 */
export async function testServer(
  options: Partial<ServerOptions> & { adminWithoutTotp?: boolean; deskFails?: () => never; engine?: StaffStoreEngine } = {},
): Promise<TestServer> {
  const { members, adminTotpSecret } = await staffFixture(options);
  const staffStore = await openStaffStore(options.engine ?? 'sqlite');
  const { store } = staffStore;
  const { directory, sessions } = storeStaffAccounts(store, staffStore.vault);
  for (const { totp, ...member } of Object.values(members)) {
    await store.users.create({ ...member, disabled: member.disabled ?? false, createdAt: START });
    if (totp) await directory.confirmTotp(member.id, totp);
  }
  const clock = movableClock();
  const capture = logCapture();
  const desk = recordingDesk(store, options.deskFails);
  const { engine: _engine, adminWithoutTotp: _without, deskFails: _fails, ...serverOptions } = options;
  const server = await buildServer({ clock, ...serverOptions, directory, sessions, desk, logger: { stream: capture.stream } });
  const rows = staffStore.rows;
  return {
    ...server,
    async close() {
      await server.close();
      await staffStore.dispose();
    },
    store,
    directory,
    clock,
    adminTotpSecret,
    log: capture.text,
    desk,
    rows,
    sessionIdHashes: async () => (await rows('staff_sessions')).map((r) => String(r.id_hash)),
  };
}

/**
 * `describe` once per store engine the machine has (SQLite always, PostgreSQL when CUSTOS_TEST_POSTGRES_URL is set),
 * the suite given a `testServer` on that engine.
 */
export function describeOnStaffStores(name: string, suite: (start: typeof testServer) => void): void {
  for (const engine of STAFF_STORE_ENGINES)
    describe(`${name} (${engine} store)`, () => suite((options = {}) => testServer({ ...options, engine })));
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

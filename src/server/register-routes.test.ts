import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openRegisters } from '../desk/index.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { describeOnStaffStores, movableClock, signIn, START, type TestServer } from './testing.test-support.js';

let server: TestServer | undefined;
let registerStore: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await registerStore?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = registerStore = dir = undefined;
});

const INCIDENT = {
  detectedAt: '2025-03-03T06:00:00Z',
  description: 'A support export was mailed to the wrong customer',
  dataCategories: ['user.contact.email'],
  approxPeople: 40,
  approxRecords: 52,
  risk: 'risk',
  laws: ['gdpr', 'quebec'],
};

describeOnStaffStores('register routes', (testServer) => {
  /** A server whose registers live in a SQLite store of their own, on the clock the test moves. */
  async function start(): Promise<TestServer> {
    const clock = movableClock(START);
    dir = mkdtempSync(join(tmpdir(), 'custos-register-routes-'));
    registerStore = openSqliteStore(join(dir, 'custos.db'), { clock });
    server = await testServer({ clock, registers: openRegisters({ store: registerStore, clock }) });
    return Object.assign(server, { clock });
  }

  it('records an incident and shows its notification clock: due at, hours left, then overdue', async () => {
    const s = await start();
    const first = await signIn(s, 'officer');
    const created = await s.app.inject({
      method: 'POST',
      url: '/api/staff/registers/incidents',
      headers: { cookie: first.cookie, 'x-csrf-token': first.csrfToken },
      payload: INCIDENT,
    });
    expect(created.statusCode).toBe(201);
    const { entry, version, clock } = created.json();
    expect([entry.status, version]).toEqual(['open', 1]);
    // Detected 06:00, now 09:00: the authority is due 72 hours after awareness.
    expect(clock).toMatchObject({ dueAt: '2025-03-06T06:00:00.000Z', hoursLeft: 69, overdue: false });
    expect(clock.notifications.map((n: { law: string; to: string }) => `${n.law}:${n.to}`)).toEqual(['gdpr:authority']);
    s.clock.advance(70 * 3_600_000);
    // The session ended meanwhile: signed in again.
    const { cookie, csrfToken } = await signIn(s, 'officer');
    const late = await s.app.inject({ method: 'GET', url: `/api/staff/registers/incidents/${entry.id}`, headers: { cookie } });
    expect(late.json().clock).toMatchObject({ hoursLeft: -1, overdue: true });
    const overdue = await s.app.inject({ method: 'GET', url: '/api/staff/registers?overdue=true', headers: { cookie } });
    expect(overdue.json().items.map((v: { entry: { id: string } }) => v.entry.id)).toEqual([entry.id]);
    const notified = await s.app.inject({
      method: 'PATCH',
      url: `/api/staff/registers/incidents/${entry.id}`,
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { version: 1, notification: { to: 'authority', law: 'gdpr', at: s.clock.now().toISOString() } },
    });
    expect(notified.statusCode).toBe(200);
    expect(notified.json().clock).toMatchObject({ overdue: false });
    expect(notified.json().clock.dueAt).toBeUndefined();
    const stale = await s.app.inject({
      method: 'PATCH',
      url: `/api/staff/registers/incidents/${entry.id}`,
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { version: 1, status: 'closed' },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('names the wrong field in a 400, from the schema and from the register', async () => {
    const s = await start();
    const { cookie, csrfToken } = await signIn(s, 'officer');
    const post = (url: string, payload: unknown) =>
      s.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrfToken }, payload: payload as object });
    const negative = await post('/api/staff/registers/incidents', { ...INCIDENT, approxPeople: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error).toMatchObject({ code: 'invalid-input', field: 'body.approxPeople' });
    const future = await post('/api/staff/registers/incidents', { ...INCIDENT, detectedAt: '2025-03-04T09:00:00Z' });
    expect(future.json().error).toMatchObject({ code: 'invalid-input', field: 'body.detectedAt' });
    const email = await post('/api/staff/registers/complaints', { from: { email: 'ada@example.com' }, subject: 'x' });
    expect(email.json().error.field).toMatch(/^body\.from/);
    const authority = await post('/api/staff/registers/authority-requests', {
      authority: 'Tribunal judiciaire de Paris',
      jurisdiction: 'FR',
      legalBasis: 'Requisition',
    });
    expect(authority.statusCode).toBe(201);
    const { entry } = authority.json();
    const refused = await s.app.inject({
      method: 'PATCH',
      url: `/api/staff/registers/authority-requests/${entry.id}`,
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { version: 1, status: 'refused' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ field: 'body.competenceCheckedBy' });
    expect(refused.json().error.message).toContain('name who checked the authority’s competence');
    const wrongKind = await s.app.inject({ method: 'GET', url: `/api/staff/registers/incidents/${entry.id}`, headers: { cookie } });
    expect(wrongKind.statusCode).toBe(404);
    const badQuery = await s.app.inject({ method: 'GET', url: '/api/staff/registers?limit=0', headers: { cookie } });
    expect(badQuery.json().error).toMatchObject({ code: 'invalid-input', field: 'query.limit' });
  });

  it('asks for a sign-in (401), lets an analyst read but not write, and an auditor neither (403)', async () => {
    const s = await start();
    expect((await s.app.inject({ method: 'GET', url: '/api/staff/registers' })).statusCode).toBe(401);
    const document = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(document.paths['/api/staff/registers/incidents'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['detectedAt', 'description', 'risk', 'laws']),
    );
    const analyst = await signIn(s, 'analyst');
    expect(
      (await s.app.inject({ method: 'GET', url: '/api/staff/registers/complaints', headers: { cookie: analyst.cookie } })).statusCode,
    ).toBe(200);
    const write = await s.app.inject({
      method: 'POST',
      url: '/api/staff/registers/complaints',
      headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken },
      payload: { from: { requestId: 'req-1' }, subject: 'No answer' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.details).toEqual({ role: 'analyst', requires: 'registers:manage' });
    const auditor = await signIn(s, 'auditor');
    const read = await s.app.inject({ method: 'GET', url: '/api/staff/registers', headers: { cookie: auditor.cookie } });
    expect(read.statusCode).toBe(403);
    const admin = await signIn(s, 'admin');
    const byAdmin = await s.app.inject({
      method: 'POST',
      url: '/api/staff/registers/complaints',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      payload: { from: { requestId: 'req-1' }, subject: 'No answer' },
    });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json().clock).toMatchObject({ daysLeft: 30, overdue: false });
    // Nothing the analyst tried was recorded: one entry, by the admin.
    expect((await registerStore!.audit.read(1, 10)).map((e) => [e.action, e.actor.id])).toEqual([['complaint.recorded', 'staff-admin']]);
  });
});

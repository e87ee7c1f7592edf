import { afterEach, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../workflow/index.js';
import { signIn, describeOnStaffStores, type TestServer } from './testing.test-support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const approve = (s: TestServer, headers: Record<string, string> = {}) =>
  s.app.inject({ method: 'POST', url: '/api/staff/requests/req-1/approve', headers });
const audit = (s: TestServer, headers: Record<string, string> = {}) => s.app.inject({ method: 'GET', url: '/api/staff/audit', headers });

describeOnStaffStores('permissions', (testServer) => {
  it('lets an officer approve, refuses an analyst with 403 and never calls the desk for them', async () => {
    server = await testServer();
    const analyst = await signIn(server, 'analyst');
    const refused = await approve(server, { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'forbidden',
      message: 'The analyst role does not include requests:approve.',
      details: { role: 'analyst', requires: 'requests:approve' },
    });
    expect(server.desk.approved).toEqual([]);
    const officer = await signIn(server, 'officer');
    const approved = await approve(server, { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken });
    expect(approved.json()).toMatchObject({ id: 'req-1', status: 'approved', version: 2 });
    expect(server.desk.approved).toEqual([{ requestId: 'req-1', staffId: 'staff-officer' }]);
  });

  it('lets an auditor read the audit trail and nothing of the requests', async () => {
    server = await testServer();
    const auditor = await signIn(server, 'auditor');
    await server.store.audit.append({
      actor: { kind: 'staff', id: 'staff-officer' },
      action: 'request.approved',
      subjects: { request: 'req-1' },
    });
    const trail = await audit(server, { cookie: auditor.cookie });
    expect(trail.statusCode).toBe(200);
    expect(trail.json().entries).toMatchObject([{ seq: 1, action: 'request.approved', subjects: { request: 'req-1' } }]);
    expect((await approve(server, { cookie: auditor.cookie, 'x-csrf-token': auditor.csrfToken })).statusCode).toBe(403);
    expect(ROLE_PERMISSIONS.auditor.every((permission) => permission.startsWith('audit:'))).toBe(true);
    const me = await server.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie: auditor.cookie } });
    expect(me.json().permissions).toEqual(['audit:read', 'audit:verify']);
  });

  it('keeps the analyst out of the audit trail', async () => {
    server = await testServer();
    const analyst = await signIn(server, 'analyst');
    expect((await audit(server, { cookie: analyst.cookie })).statusCode).toBe(403);
  });

  it('answers 401 to anyone not signed in, or with a cookie that opens no session', async () => {
    server = await testServer();
    for (const headers of [{}, { cookie: 'custos_session=made-up-value' }] as Record<string, string>[]) {
      for (const response of [await approve(server, headers), await audit(server, headers)]) {
        expect(response.statusCode).toBe(401);
        expect(response.json().error).toMatchObject({ code: 'unauthorized', message: 'Sign in first (POST /api/staff/login).' });
      }
      const me = await server.app.inject({ method: 'GET', url: '/api/staff/me', headers });
      expect(me.statusCode).toBe(401);
    }
    expect(server.desk.approved).toEqual([]);
  });

  it('closes a session whose account was disabled', async () => {
    server = await testServer();
    const officer = await signIn(server, 'officer');
    await server.store.users.update('staff-officer', { disabled: true });
    expect((await audit(server, { cookie: officer.cookie })).statusCode).toBe(401);
    expect(await server.sessionIdHashes()).toEqual([]);
  });
});

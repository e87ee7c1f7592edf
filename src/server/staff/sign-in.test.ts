import { afterEach, expect, it } from 'vitest';
import { PASSWORD, signIn, describeOnStaffStores, type TestServer } from '../testing.test-support.js';
import { totpCode } from './totp.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const login = (s: TestServer, payload: object, remoteAddress = '192.0.2.10') =>
  s.app.inject({ method: 'POST', url: '/api/staff/login', payload, remoteAddress });

describeOnStaffStores('staff sign-in', (testServer) => {
  it('opens a session in an HttpOnly SameSite cookie whose id is stored only hashed', async () => {
    server = await testServer();
    const { response, cookie, csrfToken } = await signIn(server, 'officer');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ stage: 'complete', staff: { id: 'staff-officer', role: 'officer' } });
    const set = response.cookies.find((c) => c.name === 'custos_session')!;
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(set.secure).toBeFalsy();
    expect(set.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const stored = await server.sessionIdHashes();
    expect(stored).toHaveLength(1);
    expect(stored).not.toContain(set.value);
    expect(csrfToken).not.toBe('');
    const me = await server.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ id: 'staff-officer', email: 'officer@nimbus.example', role: 'officer', totpEnrolled: false });
  });

  it('marks the cookie Secure, with the __Host- prefix, behind a TLS proxy', async () => {
    server = await testServer({ trustProxy: true });
    const { response } = await signIn(server, 'analyst');
    const set = response.cookies.find((c) => c.name === '__Host-custos_session')!;
    expect(set).toMatchObject({ secure: true, httpOnly: true, path: '/' });
    expect(response.cookies.some((c) => c.name === 'custos_session')).toBe(false);
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    server = await testServer();
    const wrong = await login(server, { email: 'officer@nimbus.example', password: 'not the password' });
    const unknown = await login(server, { email: 'nobody@nimbus.example', password: PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const body = (r: typeof wrong) => ({ ...r.json().error, requestId: undefined });
    expect(body(wrong)).toEqual(body(unknown));
    expect(body(wrong).message).toBe('The e-mail address, password or code was not accepted.');
    expect(wrong.cookies).toHaveLength(0);
  });

  it('accepts the e-mail in any case and with stray spaces', async () => {
    server = await testServer();
    const response = await login(server, { email: ' Officer@Nimbus.EXAMPLE ', password: PASSWORD });
    expect(response.statusCode).toBe(200);
  });

  it('throttles an account after 5 failures, known or not, even with the right password next', async () => {
    server = await testServer();
    for (const email of ['officer@nimbus.example', 'ghost@nimbus.example'])
      for (let i = 0; i < 5; i++) expect((await login(server, { email, password: 'guess' }, `198.51.100.${i}`)).statusCode).toBe(401);
    const right = await login(server, { email: 'officer@nimbus.example', password: PASSWORD }, '198.51.100.77');
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toMatchObject({ code: 'rate-limited' });
    const ghost = await login(server, { email: 'ghost@nimbus.example', password: 'guess' }, '198.51.100.78');
    expect(ghost.json().error.message).toBe(right.json().error.message);
    // Another account from another address is untouched; the window passing lifts the throttle.
    expect((await login(server, { email: 'analyst@nimbus.example', password: PASSWORD }, '198.51.100.79')).statusCode).toBe(200);
    server.clock.advance(15 * 60_000 + 1);
    expect((await login(server, { email: 'officer@nimbus.example', password: PASSWORD }, '198.51.100.80')).statusCode).toBe(200);
  });

  it('accepts one TOTP code for one sign-in only, even when two arrive at once', async () => {
    server = await testServer();
    const code = totpCode(server.adminTotpSecret, server.clock.now());
    const both = await Promise.all(
      ['192.0.2.20', '192.0.2.21'].map((address) =>
        login(server!, { email: 'admin@nimbus.example', password: PASSWORD, totp: code }, address),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    expect(await server.sessionIdHashes()).toHaveLength(1);
  });

  it('throttles an address guessing many accounts', async () => {
    server = await testServer({ login: { perAddress: 3 } });
    for (const role of ['officer', 'analyst', 'auditor'])
      expect((await login(server, { email: `${role}@nimbus.example`, password: 'guess' }, '203.0.113.5')).statusCode).toBe(401);
    expect((await login(server, { email: 'officer@nimbus.example', password: PASSWORD }, '203.0.113.5')).statusCode).toBe(429);
    expect((await login(server, { email: 'officer@nimbus.example', password: PASSWORD }, '203.0.113.6')).statusCode).toBe(200);
  });

  it('asks an enrolled account for its code, refuses a wrong or replayed one, accepts the current one', async () => {
    server = await testServer();
    const noCode = await login(server, { email: 'admin@nimbus.example', password: PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error).toMatchObject({ code: 'unauthorized', details: { totpRequired: true } });
    const code = totpCode(server.adminTotpSecret, server.clock.now());
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await login(server, { email: 'admin@nimbus.example', password: PASSWORD, totp: wrongCode })).statusCode).toBe(401);
    expect((await login(server, { email: 'admin@nimbus.example', password: PASSWORD, totp: code })).statusCode).toBe(200);
    const replay = await login(server, { email: 'admin@nimbus.example', password: PASSWORD, totp: code });
    expect(replay.statusCode).toBe(401);
    server.clock.advance(30_000);
    const next = totpCode(server.adminTotpSecret, server.clock.now());
    expect((await login(server, { email: 'admin@nimbus.example', password: PASSWORD, totp: next })).statusCode).toBe(200);
  });
});

describeOnStaffStores('staff sessions', (testServer) => {
  it('end after 30 minutes unused, and are kept alive by use', async () => {
    server = await testServer();
    const { cookie } = await signIn(server, 'analyst');
    const me = () => server!.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie } });
    server.clock.advance(29 * 60_000);
    expect((await me()).statusCode).toBe(200);
    server.clock.advance(29 * 60_000);
    expect((await me()).statusCode).toBe(200);
    server.clock.advance(30 * 60_000);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toMatchObject({ code: 'unauthorized', details: { expired: 'idle' } });
    expect(expired.cookies.find((c) => c.name === 'custos_session')?.value).toBe('');
    expect(await server.sessionIdHashes()).toEqual([]);
  });

  it('end after 12 hours however busy', async () => {
    server = await testServer();
    const { cookie } = await signIn(server, 'analyst');
    const me = () => server!.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie } });
    for (let step = 0; step < 36; step++) {
      expect((await me()).statusCode).toBe(200);
      server.clock.advance(20 * 60_000 - (step === 35 ? 1 : 0));
    }
    expect((await me()).statusCode).toBe(200);
    server.clock.advance(1);
    expect((await me()).json().error.details).toEqual({ expired: 'absolute' });
  });

  it('abandoned without a sign-out, are cleared from the store at the next sign-in once expired', async () => {
    server = await testServer();
    await signIn(server, 'analyst');
    server.clock.advance(20 * 60_000);
    await signIn(server, 'auditor');
    expect(await server.sessionIdHashes()).toHaveLength(2);
    server.clock.advance(15 * 60_000);
    // The analyst's session has been unused 35 minutes, the auditor's 15: only the analyst's goes.
    const officer = await signIn(server, 'officer');
    expect(officer.response.statusCode).toBe(200);
    const stored = await server.sessionIdHashes();
    expect(stored).toHaveLength(2);
    expect((await server.rows('staff_sessions')).map((r) => r.staff_id).sort()).toEqual(['staff-auditor', 'staff-officer']);
  });

  it('end at sign-out: the cookie no longer opens anything', async () => {
    server = await testServer();
    const { cookie, csrfToken } = await signIn(server, 'officer');
    const out = await server.app.inject({ method: 'POST', url: '/api/staff/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'custos_session')?.value).toBe('');
    expect(await server.sessionIdHashes()).toEqual([]);
    expect((await server.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('need a CSRF token of their own session for every change', async () => {
    server = await testServer();
    const officer = await signIn(server, 'officer');
    const other = await signIn(server, 'admin');
    const approve = (headers: Record<string, string>) =>
      server!.app.inject({ method: 'POST', url: '/api/staff/requests/req-9/approve', headers: { cookie: officer.cookie, ...headers } });
    const missing = await approve({});
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'csrf' } });
    expect((await approve({ 'x-csrf-token': other.csrfToken })).statusCode).toBe(403);
    expect((await approve({ 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect(server.desk.approved).toEqual([]);
    expect((await approve({ 'x-csrf-token': officer.csrfToken })).statusCode).toBe(200);
    expect(server.desk.approved).toEqual([{ requestId: 'req-9', staffId: 'staff-officer' }]);
  });
});

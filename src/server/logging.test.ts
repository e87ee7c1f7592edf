import { afterEach, expect, it } from 'vitest';
import { totpCode } from './staff/totp.js';
import { PASSWORD, signIn, describeOnStaffStores, type TestServer } from './testing.test-support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describeOnStaffStores('server logs', (testServer) => {
  it('carry no e-mail, password, TOTP code, session id or CSRF token, while recording each route and status', async () => {
    server = await testServer();
    const code = totpCode(server.adminTotpSecret, server.clock.now());
    const admin = await signIn(server, 'admin', { totp: code });
    const sessionId = admin.cookie.split('=')[1]!;
    // A failed sign-in, a query string with an e-mail, a bearer token, a mutation with the CSRF token, a 400 echoing input.
    await server.app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: 'ada@example.org', password: 'hunter2-hunter2' },
    });
    await server.app.inject({
      method: 'GET',
      url: '/api/staff/audit?limit=5&email=grace%40example.org',
      headers: { cookie: admin.cookie, authorization: 'Bearer sk_live_51Hq2mQx9vLr7Tz' },
    });
    await server.app.inject({
      method: 'POST',
      url: '/api/staff/requests/req-1/approve',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    });
    await server.app.inject({ method: 'POST', url: '/api/staff/login', payload: { email: 'linus@example.org', password: 17 } });
    await server.app.inject({ method: 'GET', url: '/api/no/ada@example.org' });

    const log = server.log();
    for (const secret of [
      'admin@nimbus.example',
      'ada@example.org',
      'grace',
      'linus@example.org',
      PASSWORD,
      'hunter2',
      code,
      sessionId,
      admin.csrfToken,
      'sk_live_51Hq2mQx9vLr7Tz',
    ])
      expect(log, secret).not.toContain(secret);
    expect(log).toContain('"route":"/api/staff/requests/:id/approve"');
    expect(log).toContain('"route":"/api/staff/login"');
    expect(log).toContain('"route":"(no route)"');
    expect(log).toContain('"statusCode":401');
  });

  it('censors credentials a handler logs by hand', async () => {
    server = await testServer();
    server.app.log.info(
      { req: { headers: { authorization: 'Bearer abc.def', cookie: 'custos_session=xyz' } }, email: 'ada@example.org' },
      'x',
    );
    server.app.log.info({ attempt: { email: 'ada@example.org', password: 'hunter2', totp: '123456' } }, 'y');
    const log = server.log();
    expect(log).not.toContain('abc.def');
    expect(log).not.toContain('custos_session=xyz');
    expect(log).not.toContain('hunter2');
    expect(log).not.toContain('123456');
    expect(log).not.toContain('ada@example.org');
    expect(log).toContain('[redacted]');
  });
});

import { afterEach, expect, it } from 'vitest';
import { describeOnStaffStores, PASSWORD, signIn, type TestServer } from '../testing.test-support.js';
import { totpCode } from './totp.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describeOnStaffStores('TOTP enrolment', (testServer) => {
  it('sends an admin without TOTP to enrolment and gives it nothing else until a first code confirms it', async () => {
    server = await testServer({ adminWithoutTotp: true });
    const first = await signIn(server, 'admin');
    expect(first.response.json()).toMatchObject({ stage: 'totp-enrolment', staff: { role: 'admin' } });
    const headers = { cookie: first.cookie, 'x-csrf-token': first.csrfToken };

    for (const request of [
      { method: 'GET' as const, url: '/api/staff/me' },
      { method: 'GET' as const, url: '/api/staff/audit' },
      { method: 'POST' as const, url: '/api/staff/requests/req-1/approve' },
    ]) {
      const refused = await server.app.inject({ ...request, headers });
      expect(refused.statusCode, request.url).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'forbidden', details: { next: 'totp-enrolment' } });
    }
    expect(server.desk.approved).toEqual([]);

    const enrolment = await server.app.inject({ method: 'POST', url: '/api/staff/totp/enrolment', headers });
    expect(enrolment.statusCode).toBe(200);
    const { secret, uri, qrCode } = enrolment.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Custos:admin%40nimbus\.example\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Custos');
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(',')[1], 'base64').toString()).toContain('<svg');

    const wrong = await server.app.inject({ method: 'POST', url: '/api/staff/totp/confirmation', headers, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'invalid-input', field: 'body.code' });
    const malformed = await server.app.inject({ method: 'POST', url: '/api/staff/totp/confirmation', headers, payload: { code: '12ab' } });
    expect(malformed.json().error).toMatchObject({
      code: 'invalid-input',
      field: 'body.code',
      message: 'body.code: a TOTP code is 6 digits',
    });

    const code = totpCode(secret, server.clock.now());
    const confirmed = await server.app.inject({ method: 'POST', url: '/api/staff/totp/confirmation', headers, payload: { code } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ stage: 'complete' });
    const cookie = confirmed.cookies.find((c) => c.name === 'custos_session')!;
    expect(`custos_session=${cookie.value}`).not.toBe(first.cookie);

    // The enrolment session is over; the new one reaches everything an admin may.
    expect((await server.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    const me = await server.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie: `custos_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ role: 'admin', totpEnrolled: true });

    // From now on the admin signs in with a code, and the confirming code is spent.
    expect((await signIn(server, 'admin', { totp: code })).response.statusCode).toBe(401);
    server.clock.advance(30_000);
    expect((await signIn(server, 'admin', { totp: totpCode(secret, server.clock.now()) })).response.json().stage).toBe('complete');
  });

  it('lets other roles work without TOTP, and refuses a second enrolment once enrolled', async () => {
    server = await testServer();
    const officer = await signIn(server, 'officer');
    expect(officer.response.json().stage).toBe('complete');
    const admin = await signIn(server, 'admin');
    const again = await server.app.inject({
      method: 'POST',
      url: '/api/staff/totp/enrolment',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('refuses a confirmation before enrolment has started', async () => {
    server = await testServer();
    const officer = await signIn(server, 'officer');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/staff/totp/confirmation',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken },
      payload: { code: '123456' },
    });
    expect(response.statusCode).toBe(412);
    expect(response.json().error.message).toContain('POST /api/staff/totp/enrolment');
  });

  it('keeps every TOTP seed sealed in the store: no secret in clear in the users table, and a seed moved to another account opens nowhere', async () => {
    server = await testServer({ adminWithoutTotp: true });
    const admin = await signIn(server, 'admin');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
    const { secret } = (await server.app.inject({ method: 'POST', url: '/api/staff/totp/enrolment', headers })).json();
    // The seed in every form someone might recognise it: base32 as shown, its bytes in hex and base64.
    const forms = (base32: string) => {
      const bytes = Buffer.from(base32Bytes(base32));
      return [base32, base32.toLowerCase(), bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, '')];
    };
    const usersTable = async () => JSON.stringify(await server!.rows('users'));
    const pending = await usersTable();
    for (const form of forms(secret)) expect(pending).not.toContain(form);
    const adminRow = (await server.rows('users')).find((r) => r.id === 'staff-admin')!;
    expect(adminRow.pending_totp_seed).toEqual(expect.any(String));

    const code = totpCode(secret, server.clock.now());
    expect((await server.app.inject({ method: 'POST', url: '/api/staff/totp/confirmation', headers, payload: { code } })).statusCode).toBe(
      200,
    );
    const confirmed = (await server.rows('users')).find((r) => r.id === 'staff-admin')!;
    expect(confirmed.pending_totp_seed).toBeNull();
    expect(confirmed.totp_seed).toEqual(expect.any(String));
    for (const form of forms(secret)) expect(await usersTable()).not.toContain(form);

    // Whoever can write the table copies the admin's sealed seed onto the officer: it does not open there, so the
    // officer's account does not get a second factor someone knows; the sign-in fails without a trace of the seed.
    await server.store.users.update('staff-officer', { totpSeed: String(confirmed.totp_seed) });
    const moved = await server.app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: 'officer@nimbus.example', password: PASSWORD, totp: code },
    });
    expect(moved.statusCode).toBe(500);
    expect(moved.cookies).toHaveLength(0);
    for (const form of forms(secret)) expect(server.log() + moved.body).not.toContain(form);
  });
});

/** RFC 4648 base32 to bytes. */
function base32Bytes(text: string): number[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return (bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2));
}

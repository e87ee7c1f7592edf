import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { CustosError } from '../errors.js';
import { registerAccessControl } from './access.js';
import { resolveServerConfig } from './config.js';
import { InMemoryStaffDirectory, InMemoryStaffSessions } from './staff/in-memory.js';
import { signIn, describeOnStaffStores, type TestServer } from './testing.test-support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describeOnStaffStores('buildServer', (testServer) => {
  it('answers health with security headers and echoes a well-formed request id', async () => {
    server = await testServer();
    const response = await server.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'lb-7f3a9c21' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['x-request-id']).toBe('lb-7f3a9c21');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });

  it('replaces a request id that could smuggle text into the logs with a fresh one', async () => {
    server = await testServer();
    const response = await server.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'ada@example.org' } });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const fresh = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers['x-request-id']).not.toBe(response.headers['x-request-id']);
  });

  it('publishes the OpenAPI document with the zod schemas, and the interactive docs', async () => {
    server = await testServer();
    const document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(document.openapi).toMatch(/^3\./);
    const login = document.paths['/api/staff/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/staff/me', '/api/staff/requests/{id}/approve', '/api/staff/audit']),
    );
    expect(Object.keys(document.paths)).not.toContain('/api/openapi.json');
    const docs = await server.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown route with the not-found code', async () => {
    server = await testServer();
    const response = await server.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'not-found', requestId: response.headers['x-request-id'] });
  });

  it('limits requests per address and says so with the rate-limited code', async () => {
    server = await testServer({ rateLimit: { max: 3, windowMs: 60_000 } });
    const from = (remoteAddress: string) => server!.app.inject({ method: 'GET', url: '/api/health', remoteAddress });
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.9')).statusCode).toBe(200);
    const refused = await from('203.0.113.9');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate-limited');
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await from('198.51.100.4')).statusCode).toBe(200);
  });
});

describeOnStaffStores('errors', (testServer) => {
  it('names the invalid field of a body in a 400', async () => {
    server = await testServer();
    const response = await server.app.inject({ method: 'POST', url: '/api/staff/login', payload: { password: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid-input', field: 'body.email' });
    expect(response.json().error.message).toMatch(/^body\.email: /);
  });

  it('names the invalid field of a query string in a 400', async () => {
    server = await testServer();
    const { cookie } = await signIn(server, 'auditor');
    const response = await server.app.inject({ method: 'GET', url: '/api/staff/audit?limit=0', headers: { cookie } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid-input', field: 'query.limit' });
  });

  it('maps a CustosError code to its status, with its message and details', async () => {
    server = await testServer({
      deskFails: () => {
        throw new CustosError({
          code: 'precondition-failed',
          message: 'The request is not awaiting approval.',
          details: { status: 'received' },
        });
      },
    });
    const { cookie, csrfToken } = await signIn(server, 'officer');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/staff/requests/req-1/approve',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(response.statusCode).toBe(412);
    expect(response.json().error).toMatchObject({
      code: 'precondition-failed',
      message: 'The request is not awaiting approval.',
      details: { status: 'received' },
    });
  });

  it('turns anything else into a generic 500 with the request id and no message or stack', async () => {
    server = await testServer({
      deskFails: () => {
        throw new Error('connect ECONNREFUSED db.internal:5432 for ada@example.org');
      },
    });
    const { cookie, csrfToken } = await signIn(server, 'officer');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/staff/requests/req-1/approve',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal', requestId: response.headers['x-request-id'] } });
    expect(response.body).not.toContain('ECONNREFUSED');
    expect(response.body).not.toContain('at ');
    // The log keeps the fault for the operator, without the person's address.
    expect(server.log()).toContain('ECONNREFUSED');
    expect(server.log()).not.toContain('ada@example.org');
  });

  it('keeps the message of a 5xx CustosError out of the answer', async () => {
    server = await testServer({
      deskFails: () => {
        throw new CustosError({ code: 'store-unavailable', message: 'postgres at 10.0.0.7 refused the connection' });
      },
    });
    const { cookie, csrfToken } = await signIn(server, 'officer');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/staff/requests/req-1/approve',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: { code: 'store-unavailable', requestId: response.headers['x-request-id'] } });
  });
});

describe('options', () => {
  it('resolves defaults into a frozen config', () => {
    const config = resolveServerConfig({ directory: new InMemoryStaffDirectory(), sessions: new InMemoryStaffSessions() });
    expect(config).toMatchObject({
      secureCookies: false,
      rateLimit: { max: 300, windowMs: 60_000 },
      login: { perAccount: 5, perAddress: 20, windowMs: 900_000 },
      session: { idleMs: 1_800_000, absoluteMs: 43_200_000 },
      totpIssuer: 'Custos',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.session)).toBe(true);
  });

  it('refuses a bad option by name', () => {
    const base = { directory: new InMemoryStaffDirectory(), sessions: new InMemoryStaffSessions() };
    expect(() => resolveServerConfig({ ...base, session: { idleMs: 0 } })).toThrow(
      'server option session.idleMs must be a positive whole number',
    );
    expect(() => resolveServerConfig({ ...base, session: { idleMs: 7_200_000, absoluteMs: 3_600_000 } })).toThrow(
      'session.idleMs must not exceed session.absoluteMs',
    );
    expect(() => resolveServerConfig({ ...base, totpIssuer: 'Nimbus: Cloud' })).toThrow('totpIssuer');
  });

  it('refuses to register an API route that declares no access', async () => {
    const app = Fastify();
    const config = resolveServerConfig({ directory: new InMemoryStaffDirectory(), sessions: new InMemoryStaffSessions() });
    const registered = app.register(async (api) => {
      registerAccessControl(api, { config, directory: new InMemoryStaffDirectory(), sessions: new InMemoryStaffSessions() });
      api.get('/api/forgotten', async () => 'open');
    });
    await expect(Promise.resolve(registered).then(() => app.ready())).rejects.toThrow(
      "route GET /api/forgotten declares no access: set config.requires to 'public'",
    );
  });
});

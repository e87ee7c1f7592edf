// The privacy center's HTTP routes over the desk on nimbus-cloud (SQLite): a person's access request from the form to a
// download that works once, refusals that name the field or say nothing of a token, the stricter per-address limit, and
// a server log that never holds the person's e-mail address, code or tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCustomer, nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import {
  buildServer,
  InMemoryStaffDirectory,
  InMemoryStaffSessions,
  type CustosServer,
  type ServerOptions,
} from '../../src/server/index.js';
import { logCapture } from '../../src/server/testing.test-support.js';
import { deskWorld, eventually, type DeskWorld } from './world.js';

const CUSTOMERS = 30;
const IP = '198.51.100.23';

let w: DeskWorld;
beforeAll(async () => {
  w = await deskWorld('http', CUSTOMERS);
}, 120_000);
afterAll(async () => w?.cleanup());

async function serve(options: Partial<ServerOptions> = {}): Promise<CustosServer & { log(): string }> {
  const capture = logCapture();
  const server = await buildServer({
    directory: new InMemoryStaffDirectory(),
    sessions: new InMemoryStaffSessions(),
    desk: w.desk,
    clock: w.clock,
    logger: { stream: capture.stream },
    ...options,
  });
  return { ...server, log: capture.text };
}

const customerOpen = (skip: number): number => {
  for (let n = 2 + skip; n <= CUSTOMERS; n++) if (nimbusCustomer(n).closure !== 'closed') return n;
  throw new Error('the sample has no open account left');
};

const lastCode = async (id: string): Promise<string> =>
  (await w.messages(id)).filter((m) => m.template === 'verification-code').at(-1)!.params['code']!;

describe('the privacy center API', () => {
  it('takes an access request from the form to one download, logging none of the e-mail, code or tokens', async () => {
    const server = await serve();
    const email = nimbusEmail(customerOpen(0));
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/requests',
      remoteAddress: IP,
      payload: { kind: 'access', jurisdiction: 'gdpr', identities: { email: [email] }, language: 'fr' },
    });
    expect(created.statusCode).toBe(201);
    const { id, statusToken } = created.json() as { id: string; statusToken: string };
    expect(Object.keys(created.json()).sort()).toEqual(['id', 'statusToken']);
    expect(created.body).not.toContain(email);

    const waiting = await server.app.inject({ method: 'GET', url: `/api/requests/status/${statusToken}` });
    expect(waiting.statusCode).toBe(200);
    expect(waiting.json()).toMatchObject({ requestId: id, kind: 'access', status: 'awaiting-verification', next: 'enter-code' });
    expect(waiting.body).not.toContain(email);

    // A wrong code is refused and counted; the right one, from the outbox, verifies.
    const code = await lastCode(id);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await server.app.inject({ method: 'POST', url: `/api/requests/status/${statusToken}/code`, payload: { code: wrong } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toMatchObject({ code: 'unauthorized', details: { attemptsLeft: 4 } });
    const worker = w.work();
    const verified = await server.app.inject({
      method: 'POST',
      url: `/api/requests/status/${statusToken}/code`,
      remoteAddress: IP,
      payload: { code },
    });
    expect(verified.statusCode).toBe(200);
    expect(['approved', 'running', 'completed']).toContain(verified.json().status);
    expect(Object.keys(verified.json())).toEqual(['status']);

    const done = await eventually(async () => {
      const view = (await server.app.inject({ method: 'GET', url: `/api/requests/status/${statusToken}` })).json();
      return view.status === 'completed' ? view : undefined;
    });
    worker.stop();
    expect(done).toMatchObject({ next: 'see-answer' });
    expect(done.timeline.map((t: { status: string }) => t.status)).toEqual([
      'received',
      'awaiting-verification',
      'verified',
      'awaiting-approval',
      'approved',
      'running',
      'completed',
    ]);
    expect(done.timeline[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const link = new URL((await w.messages(id)).find((m) => m.template === 'completed')!.params['downloadUrl']!);
    const downloadPath = link.pathname;
    const downloadToken = decodeURIComponent(downloadPath.replace(/^\/download\//, ''));
    const got = await server.app.inject({ method: 'GET', url: downloadPath });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/zip');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="access-${id}.zip"`);
    expect(got.headers['cache-control']).toBe('no-store');
    expect(got.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(got.rawPayload.length).toBe(Number(got.headers['content-length']));

    const again = await server.app.inject({ method: 'GET', url: downloadPath });
    expect(again.statusCode).toBe(410);
    expect(again.json().error).toMatchObject({ code: 'not-found' });
    expect(again.json().error.message).toMatch(/already used, has expired, or is not one/);

    const log = server.log();
    expect(log).toContain('"route":"/api/requests/status/:token/code"');
    expect(log).toContain('"route":"/download/:token"');
    for (const secret of [email, email.split('@')[0]!, code, statusToken, downloadToken]) expect(log).not.toContain(secret);
    await server.close();
  });

  it('names the field of a bad submission, in the schema or against the manifest', async () => {
    const server = await serve();
    const missing = await server.app.inject({ method: 'POST', url: '/api/requests', payload: { kind: 'access', jurisdiction: 'gdpr' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'invalid-input', field: 'body.identities' });
    const unknownKey = await server.app.inject({
      method: 'POST',
      url: '/api/requests',
      payload: { kind: 'access', jurisdiction: 'gdpr', identities: { passport: ['X1234567'] } },
    });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.field).toMatch(/^body\.identities/);
    expect(unknownKey.json().error.message).toContain('passport is not an identity key of the manifest');
    expect(unknownKey.body).not.toContain('X1234567');
    const channel = await server.app.inject({
      method: 'POST',
      url: '/api/requests',
      payload: { kind: 'access', jurisdiction: 'mars', identities: { email: ['ada@example.org'] } },
    });
    expect(channel.json().error).toMatchObject({ code: 'invalid-input', field: 'body.jurisdiction' });
    await server.close();
  });

  it('answers a token that is not one with the same 404, whatever was asked', async () => {
    const server = await serve();
    const made = 'A'.repeat(43);
    const answers = await Promise.all([
      server.app.inject({ method: 'GET', url: `/api/requests/status/${made}` }),
      server.app.inject({ method: 'POST', url: `/api/requests/status/${made}/code`, payload: { code: '123456' } }),
      server.app.inject({ method: 'POST', url: `/api/requests/status/${made}/code/resend` }),
      server.app.inject({ method: 'POST', url: `/api/requests/status/${made}/cancel`, payload: { reason: 'changed my mind' } }),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error.message).toBe('no request follows this status token: check the link you were given');
    }
    await server.close();
  });

  it('takes a proof as raw bytes of an accepted type, and cancels at the person’s word', async () => {
    const server = await serve();
    const submit = await server.app.inject({
      method: 'POST',
      url: '/api/requests',
      payload: { kind: 'access', jurisdiction: 'gdpr', identities: { email: [nimbusEmail(customerOpen(3))] } },
    });
    const { id, statusToken } = submit.json() as { id: string; statusToken: string };
    const proof = (contentType: string, body: Buffer) =>
      server.app.inject({
        method: 'POST',
        url: `/api/requests/status/${statusToken}/proof`,
        headers: { 'content-type': contentType },
        body,
      });
    const pdf = Buffer.from('%PDF-1.7 a scanned passport');
    // No proof was asked for yet: the desk refuses.
    expect((await proof('application/pdf', pdf)).statusCode).toBe(409);
    await w.desk.askForProof(id, { role: 'officer', id: 'u_officer' }, 'the address does not match the account');
    const wrongType = await proof('text/plain', pdf);
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error).toMatchObject({ code: 'invalid-input', field: 'headers.content-type' });
    expect((await proof('image/png', Buffer.alloc(10 * 1024 * 1024 + 1))).statusCode).toBe(413);
    const sent = await proof('application/pdf', pdf);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toEqual({ proofId: expect.any(String) });
    expect((await w.desk.get(id)).proofs.map((p) => p.mediaType)).toEqual(['application/pdf']);

    const cancelled = await server.app.inject({
      method: 'POST',
      url: `/api/requests/status/${statusToken}/cancel`,
      payload: { reason: 'sent by mistake' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ requestId: id, status: 'cancelled', next: 'none' });
    const twice = await server.app.inject({
      method: 'POST',
      url: `/api/requests/status/${statusToken}/cancel`,
      payload: { reason: 'again' },
    });
    expect(twice.json().error.code).toBe('conflict');
    expect(twice.statusCode).toBe(409);
    await server.close();
  });

  it('limits the code and status routes per address more strictly than the API at large', async () => {
    const server = await serve({ rateLimit: { max: 100, windowMs: 60_000 }, publicRateLimit: { max: 3, windowMs: 60_000 } });
    const status = (remoteAddress: string) =>
      server.app.inject({ method: 'GET', url: `/api/requests/status/${'B'.repeat(43)}`, remoteAddress });
    for (let i = 0; i < 3; i++) expect((await status('203.0.113.50')).statusCode).toBe(404);
    const limited = await status('203.0.113.50');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate-limited');
    expect((await status('203.0.113.51')).statusCode).toBe(404);
    // The API at large still answers the same address.
    expect((await server.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '203.0.113.50' })).statusCode).toBe(200);
    await server.close();
    await expect(serve({ rateLimit: { max: 10, windowMs: 60_000 }, publicRateLimit: { max: 10, windowMs: 60_000 } })).rejects.toThrow(
      'server option publicRateLimit.max must allow fewer requests per window than rateLimit',
    );
  });

  it('describes every route in the OpenAPI document', async () => {
    const server = await serve();
    const paths = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/requests',
        '/api/requests/status/{token}',
        '/api/requests/status/{token}/code',
        '/api/requests/status/{token}/code/resend',
        '/api/requests/status/{token}/proof',
        '/api/requests/status/{token}/cancel',
        '/download/{token}',
      ]),
    );
    expect(paths['/api/requests'].post.requestBody.content['application/json'].schema.required).toEqual([
      'kind',
      'jurisdiction',
      'identities',
    ]);
    expect(Object.keys(paths['/api/requests/status/{token}/proof'].post.requestBody?.content ?? {})).toEqual([
      'application/pdf',
      'image/jpeg',
      'image/png',
    ]);
    await server.close();
  });
});

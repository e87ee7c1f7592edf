// The provider app's API over the desk on nimbus-cloud (SQLite): bearer keys by scope, revoked and unknown keys refused,
// an account holder verified by the app's signed assertion, and only requests filed through the API readable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCustomer, nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import {
  buildServer,
  createApiKey,
  InMemoryStaffDirectory,
  InMemoryStaffSessions,
  type ApiKeyScope,
  type CustosServer,
} from '../../src/server/index.js';
import { logCapture } from '../../src/server/testing.test-support.js';
import { APP_SECRET, deskWorld, signAssertion, type DeskWorld } from './world.js';

const CUSTOMERS = 12;
let w: DeskWorld;
let server: CustosServer;
let log: () => string;
beforeAll(async () => {
  w = await deskWorld('app-api', CUSTOMERS);
  const capture = logCapture();
  log = capture.text;
  server = await buildServer({
    directory: new InMemoryStaffDirectory(),
    sessions: new InMemoryStaffSessions(),
    desk: w.desk,
    apiKeys: w.store.apiKeys,
    clock: w.clock,
    logger: { stream: capture.stream },
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await w?.cleanup();
});

const keyWith = async (...scopes: ApiKeyScope[]) => (await createApiKey(w.store.apiKeys, scopes, w.clock)).key;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const openCustomer = (from: number): number => {
  for (let n = from; n <= CUSTOMERS; n++) if (nimbusCustomer(n).closure !== 'closed') return n;
  throw new Error('no open account left in the sample');
};
const submission = (email: string) => ({ kind: 'access', jurisdiction: 'gdpr', identities: { email: [email] }, language: 'en' });
const inSeconds = (s: number) => Math.floor(w.clock.now().getTime() / 1000) + s;

describe('the provider app API', () => {
  it('files a request on the api channel, verifies the account holder by the signed assertion, and reads its status', async () => {
    const [create, read] = [await keyWith('requests:create'), await keyWith('requests:read')];
    const email = nimbusEmail(openCustomer(2));
    const filed = await server.app.inject({
      method: 'POST',
      url: '/api/app/requests',
      headers: bearer(create),
      payload: submission(email),
    });
    expect(filed.statusCode).toBe(201);
    const { id, status } = filed.json() as { id: string; status: string };
    expect(status).toBe('awaiting-verification');
    expect((await w.store.requests.get(id))!.request.channel).toBe('api');
    expect(filed.body).not.toContain(email);

    const assertion = signAssertion(APP_SECRET, { identity: 'email', value: email.toUpperCase(), expires: inSeconds(300) });
    const verified = await server.app.inject({
      method: 'POST',
      url: `/api/app/requests/${id}/assertion`,
      headers: bearer(create),
      payload: assertion,
    });
    expect(verified.statusCode).toBe(200);
    // Access is approved by itself once verified: the run is queued.
    expect(verified.json()).toMatchObject({ requestId: id, status: 'approved', next: 'in-progress' });

    const read1 = await server.app.inject({ method: 'GET', url: `/api/app/requests/${id}`, headers: bearer(read) });
    expect(read1.statusCode).toBe(200);
    expect(read1.json()).toMatchObject({ requestId: id, kind: 'access', status: 'approved' });
    expect((read1.json() as { timeline: { status: string }[] }).timeline.map((t) => t.status)).toEqual(
      expect.arrayContaining(['received', 'awaiting-verification', 'verified', 'approved']),
    );
    expect(read1.body).not.toContain(email);
    // Each accepted use is recorded on the key.
    const keyId = read.split('_')[1]!;
    expect((await w.store.apiKeys.get(keyId))!.lastUsedAt).toEqual(w.clock.now());
    expect(log()).not.toContain(email);
    expect(log()).not.toContain(read.slice(20));
  });

  it('answers 401 to a missing, malformed, unknown or revoked key, and 403 to a key without the scope', async () => {
    const email = nimbusEmail(openCustomer(3));
    const post = (headers: Record<string, string>) =>
      server.app.inject({ method: 'POST', url: '/api/app/requests', headers, payload: submission(email) });
    expect((await post({})).statusCode).toBe(401);
    expect((await post({ authorization: 'Basic dXNlcjpwYXNz' })).statusCode).toBe(401);
    expect((await post(bearer('ck_not-a-key'))).statusCode).toBe(401);
    const unknown = `ck_${'0'.repeat(16)}_${'A'.repeat(43)}`;
    expect((await post(bearer(unknown))).json()).toMatchObject({ error: { code: 'unauthorized' } });

    const revoked = await keyWith('requests:create', 'requests:read');
    expect((await post(bearer(revoked))).statusCode).toBe(201);
    await w.store.apiKeys.revoke(revoked.split('_')[1]!, w.clock.now());
    const refused = await post(bearer(revoked));
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'unauthorized', message: expect.stringContaining('Bearer ck_') } });

    // The right secret under another key's id is not that key.
    const [a, b] = [await keyWith('requests:create'), await keyWith('requests:create')];
    expect((await post(bearer(`ck_${a.split('_')[1]}_${b.split('_').slice(2).join('_')}`))).statusCode).toBe(401);

    const readOnly = await keyWith('requests:read');
    const wrongScope = await post(bearer(readOnly));
    expect(wrongScope.statusCode).toBe(403);
    expect(wrongScope.json()).toMatchObject({ error: { code: 'forbidden', details: { requires: 'requests:create' } } });
    const createOnly = await keyWith('requests:create');
    const id = (await post(bearer(createOnly))).json().id as string;
    expect((await server.app.inject({ method: 'GET', url: `/api/app/requests/${id}`, headers: bearer(createOnly) })).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: `/api/app/requests/${id}` })).statusCode).toBe(401);
  });

  it('refuses an assertion that is forged, expired or for another account, and names a bad field', async () => {
    const create = await keyWith('requests:create');
    const email = nimbusEmail(openCustomer(4));
    const id = (
      await server.app.inject({ method: 'POST', url: '/api/app/requests', headers: bearer(create), payload: submission(email) })
    ).json().id as string;
    const assert = (payload: object) =>
      server.app.inject({ method: 'POST', url: `/api/app/requests/${id}/assertion`, headers: bearer(create), payload });
    const forged = signAssertion('another-secret-of-at-least-32-characters!', { identity: 'email', value: email, expires: inSeconds(60) });
    expect((await assert(forged)).json()).toMatchObject({ error: { code: 'unauthorized', message: expect.stringContaining('signature') } });
    const expired = signAssertion(APP_SECRET, { identity: 'email', value: email, expires: inSeconds(-1) });
    expect((await assert(expired)).json()).toMatchObject({ error: { code: 'unauthorized', message: expect.stringContaining('expired') } });
    const other = signAssertion(APP_SECRET, { identity: 'email', value: nimbusEmail(1), expires: inSeconds(60) });
    expect((await assert(other)).statusCode).toBe(401);
    expect((await w.store.requests.get(id))!.request.status).toBe('awaiting-verification');

    const bad = await assert({ identity: 'email', value: email, expires: 'soon', signature: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid-input', field: 'body.expires' } });
    const noKind = await server.app.inject({
      method: 'POST',
      url: '/api/app/requests',
      headers: bearer(create),
      payload: { jurisdiction: 'gdpr', identities: { email: [email] } },
    });
    expect(noKind.json()).toMatchObject({ error: { code: 'invalid-input', field: 'body.kind' } });
  });

  it('reads only requests filed through the API: a web request is unknown to the app', async () => {
    const read = await keyWith('requests:read', 'requests:create');
    const { id } = await w.desk.submit({ ...submission(nimbusEmail(openCustomer(5))), channel: 'web' } as never, { ip: '198.51.100.4' });
    for (const url of [`/api/app/requests/${id}`, '/api/app/requests/req-20990101-nonexistent']) {
      const got = await server.app.inject({ method: 'GET', url, headers: bearer(read) });
      expect(got.statusCode).toBe(404);
      expect(got.json()).toMatchObject({ error: { code: 'not-found', message: expect.stringContaining('was filed through the API') } });
    }
    const assertion = signAssertion(APP_SECRET, { identity: 'email', value: nimbusEmail(openCustomer(5)), expires: inSeconds(60) });
    const verify = await server.app.inject({
      method: 'POST',
      url: `/api/app/requests/${id}/assertion`,
      headers: bearer(read),
      payload: assertion,
    });
    expect(verify.statusCode).toBe(404);
    expect((await w.store.requests.get(id))!.request.status).toBe('awaiting-verification');
  });
});

// startService in-process on SQLite: it listens with the API docs and the app routes, purges what expired at start, and
// closes everything (the store refuses use afterwards).
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/server/index.js';
import { startService, storeLocation } from '../../src/service/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { logCapture } from '../../src/server/testing.test-support.js';
import { nimbusCopy, serviceEnv } from './processes.js';

const dir = resolve(`test/.tmp/service-inprocess-${process.pid}-${Date.now()}`);
let privacy: string;
beforeAll(async () => {
  privacy = await nimbusCopy(dir, 3);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startService', () => {
  it('serves the docs and the app API, purges expired staff sessions at start, and closes the store on close', async () => {
    const storeFile = join(dir, 'custos.db');
    // A session past the absolute limit and one in use, written before the service starts.
    const seed = openSqliteStore(storeFile);
    const long = new Date(Date.now() - 13 * 3_600_000);
    await seed.users.create({ id: 'u1', email: 'o@nimbus.example', role: 'officer', passwordHash: 'x', disabled: false, createdAt: long });
    await seed.staffSessions.create({
      idHash: 'old',
      staffId: 'u1',
      stage: 'complete',
      csrfSecret: 's',
      createdAt: long,
      lastSeenAt: long,
    });
    const now = new Date();
    await seed.staffSessions.create({ idHash: 'new', staffId: 'u1', stage: 'complete', csrfSecret: 's', createdAt: now, lastSeenAt: now });
    const { key } = await createApiKey(seed.apiKeys, ['requests:read'], { now: () => new Date() });
    await seed.close();

    const capture = logCapture();
    const service = await startService({ dir: privacy, store: storeFile, port: 0, env: serviceEnv(), logger: { stream: capture.stream } });
    try {
      expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${service.url}/api/health`)).status).toBe(200);
      expect((await fetch(`${service.url}/api/docs`, { redirect: 'manual' })).status).toBeLessThan(400);
      const openapi = (await (await fetch(`${service.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/app/requests', '/api/app/requests/{id}', '/api/requests']));
      const unknown = await fetch(`${service.url}/api/app/requests/req-20990101-abcdefghij`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(unknown.status).toBe(404);
      expect(await service.state.store.staffSessions.get('old')).toBeUndefined();
      expect(await service.state.store.staffSessions.get('new')).toBeDefined();
      expect(capture.text()).toContain('"sessions":1');
      expect(capture.text()).not.toContain(key.slice(20));
    } finally {
      await service.close();
    }
    await expect(service.state.store.requests.get('x')).rejects.toMatchObject({ code: 'closed' });
    await expect(fetch(`${service.url}/api/health`)).rejects.toThrow();
  }, 120_000);

  it('reads a PostgreSQL location with its schema, keeping the jobs in a schema beside it', () => {
    expect(storeLocation('postgres://u@db:5432/p?schema=tenant_a')).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/p',
      schema: 'tenant_a',
      jobsSchema: 'tenant_a_jobs',
    });
    expect(storeLocation('sqlite:state/c.db')).toEqual({ kind: 'sqlite', file: resolve('state/c.db') });
    expect(() => storeLocation('postgres://u@db/p?schema=Bad-Name')).toThrow(/must be a lower-case identifier/);
  });
});

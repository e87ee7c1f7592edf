// The HTTP benchmarks' load (bench/load.ts): every intake gets a body of its own, and refusals are counted, never
// passed off as throughput.
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from '../../bench/load.js';

const bodies: string[] = [];
const app = Fastify();
app.post('/intake', async (request) => {
  bodies.push(JSON.stringify(request.body));
  return { ok: true };
});
let calls = 0;
app.get('/limited', async (_request, reply) => (++calls % 3 === 0 ? reply.code(429).send({ error: 'slow down' }) : { ok: true }));
let base = '';

beforeAll(async () => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(() => app.close());

describe('benchmark load', () => {
  it('sends each request a body of its own, with a length the server accepts', async () => {
    const result = await load(`${base}/intake`, {
      method: 'POST',
      body: '{"email":"bench-[<id>]@example.com"}',
      seconds: 1,
      connections: 2,
    });
    expect(result.failures).toBe('');
    expect(result.ok).toBeGreaterThan(0);
    expect(result.perSecond).toBeGreaterThan(0);
    expect(bodies.length).toBeGreaterThanOrEqual(result.ok);
    expect(new Set(bodies).size).toBe(bodies.length);
    expect(bodies.every((b) => /^\{"email":"bench-\d+-\d+@example\.com"\}$/.test(b))).toBe(true);
  });

  it('reports the answers that were not a 2xx, by status', async () => {
    const result = await load(`${base}/limited`, { method: 'GET', seconds: 1, connections: 2 });
    expect(result.ok).toBeGreaterThan(0);
    expect(result.failures).toMatch(/^\d+ answers not 2xx \(\d+ × 429\)$/);
  });

  it('says so when autocannon cannot reach the server', async () => {
    const result = await load('http://127.0.0.1:9/nothing', { method: 'GET', seconds: 1, connections: 1 });
    expect(result.ok).toBe(0);
    expect(result.failures).toMatch(/socket errors.*not one 2xx answer/);
  });
});

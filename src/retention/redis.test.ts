// Retention on Redis (the real server): keys past their period are deleted; keys inside it are given their end as an
// expiry (PEXPIREAT) when the rule allows it — a date that never moves, no hold — never later than an expiry the
// application set; a rule on last activity leaves its keys to the sweeps. Every key under the test's prefix is diffed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrl } from '../../test/services.js';
import { testProvider } from '../../test/manifest-header.js';
import { createConnectorPool } from '../connectors/index.js';
import { compilePolicyFolder, type PolicyModel } from '../policy/index.js';
import { openSqliteStore } from '../store/index.js';
import { planRetention } from './plan.js';
import { runRetention } from './run.js';

const url = serviceUrl('redis');
const DAY = 86_400_000;
// Redis expires keys by its own clock: the sweep's instant is today's midnight, so the ends it sets lie ahead.
const NOW = new Date(Math.floor(Date.now() / DAY) * DAY);
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY).toISOString();

describe.skipIf(!url)('retention on Redis', () => {
  const prefix = `custos-retention-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = resolve(`test/.tmp/retention-redis-${process.pid}-${Date.now().toString(36)}`);
  let client: Redis;
  let model: PolicyModel;

  beforeAll(() => {
    client = new Redis(url!);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'privacy.yaml'),
      `${testProvider('Redis Retention', 'redis-retention')}
retention:
  tokens: { duration: P91D, trigger: collected }
  sessions: { duration: P30D, trigger: last-activity }
purposes:
  security:
    name: Security
    description: Keeps accounts safe
    legalBasis: contract
    subjects: [customer]
    categories: [user.auth.api-token, user.auth.session]
datasets:
  cache:
    store: { kind: redis, url: '${url!}' }
    collections:
      tokens:
        key: '${prefix}:token:{id}'
        type: hash
        retention: tokens
        timestamps: { collected: created_at }
        fields:
          id: { type: integer }
          token_hash: { type: string, category: user.auth.api-token, protection: hashed }
          created_at: { type: datetime }
      sessions:
        key: '${prefix}:session:{id}'
        type: hash
        retention: sessions
        timestamps: { last-activity: last_seen_at }
        fields:
          id: { type: integer }
          token_hash: { type: string, category: user.auth.session, protection: hashed }
          last_seen_at: { type: datetime }
`,
    );
    const compiled = compilePolicyFolder(dir, { now: NOW });
    if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
    model = compiled.model;
  });
  afterAll(async () => {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
    client.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every key under the prefix with its fields and its expiry instant (-1: none). */
  async function snapshot(): Promise<Record<string, { fields: Record<string, string>; expiresAt: number }>> {
    const out: Record<string, { fields: Record<string, string>; expiresAt: number }> = {};
    for (const key of (await client.keys(`${prefix}:*`)).sort())
      out[key] = { fields: await client.hgetall(key), expiresAt: Number(await client.call('PEXPIRETIME', key)) };
    return out;
  }

  it('deletes the keys past their period and gives the others their end as an expiry, where the rule allows it', async () => {
    await client.hset(`${prefix}:token:1`, { id: '1', token_hash: 'h1', created_at: daysAgo(100) });
    await client.hset(`${prefix}:token:2`, { id: '2', token_hash: 'h2', created_at: daysAgo(10) });
    await client.hset(`${prefix}:token:3`, { id: '3', token_hash: 'h3', created_at: daysAgo(5) });
    // The application already expires this one sooner than its period: that stays.
    const soon = Date.now() + 3_600_000;
    await client.pexpireat(`${prefix}:token:3`, soon);
    await client.hset(`${prefix}:session:1`, { id: '1', token_hash: 's1', last_seen_at: daysAgo(40) });
    await client.hset(`${prefix}:session:2`, { id: '2', token_hash: 's2', last_seen_at: daysAgo(1) });
    const before = await snapshot();

    const pool = createConnectorPool(model);
    const store = openSqliteStore(':memory:');
    try {
      // The plan counts the keys inside their period that the sweep gives an expiry (one already expires sooner: it keeps
      // that), and changes nothing.
      const plan = await planRetention(model, pool, { now: NOW });
      expect(plan.entries.map((e) => [e.rule, e.inside, e.expiring])).toEqual([
        ['sessions', 1, 0],
        ['tokens', 2, 2],
      ]);
      expect(await snapshot()).toEqual(before);
      const sweep = await runRetention(model, pool, store, { now: NOW });
      expect(sweep.status).toBe('completed');
      expect(sweep.conditions.map((c) => [c.rule, c.status, c.rows, c.expiring])).toEqual([
        ['sessions', 'done', 1, 0],
        ['tokens', 'done', 1, 1],
      ]);
      const audited = (await store.audit.read(1, 100)).filter((e) => e.action === 'retention.swept').map((e) => e.details['expiring']);
      expect(audited).toEqual([0, 1]);
    } finally {
      await pool.close();
      await store.close();
    }

    const token2End = new Date(daysAgo(10)).getTime() + 91 * DAY;
    const { [`${prefix}:token:1`]: _token1, [`${prefix}:session:1`]: _session1, ...kept } = before;
    expect(await snapshot()).toEqual({
      ...kept,
      [`${prefix}:token:2`]: { ...kept[`${prefix}:token:2`]!, expiresAt: token2End },
    });
    expect((await snapshot())[`${prefix}:token:3`]?.expiresAt).toBe(soon);
    expect((await snapshot())[`${prefix}:session:2`]?.expiresAt).toBe(-1);
  });
});

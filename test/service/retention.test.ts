// Retention sweeps as the service schedules them, on nimbus-cloud generated small on SQLite, with an injected clock: the
// due slot's sweep runs as a job and leaves the provider's tables exactly as a sweep run by hand at that instant does,
// resuming a sweep an earlier process left half done (its lease held by a process that ended); Custos's own records go
// with it. Two services on one PostgreSQL store each schedule the slot: exactly one sweep runs.
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createConnectorPool } from '../../src/connectors/index.js';
import { compilePolicyFolder, type PolicyModel } from '../../src/policy/index.js';
import { runRetention, scheduledSweepId, slotSwept, sweepHistory, SWEEP_LEASE } from '../../src/retention/index.js';
import { startService, type Service } from '../../src/service/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { logCapture } from '../../src/server/testing.test-support.js';
import { endedOwner } from '../../src/store/contract.test-support.js';
import { transition } from '../../src/workflow/transitions.js';
import { officer, request } from '../../src/workflow/requests.test-support.js';
import { eventually } from '../desk/world.js';
import { dropPostgresSchemas, serviceUrl } from '../services.js';
import { nimbusCopy, serviceEnv } from './processes.js';

const root = resolve(`test/.tmp/service-retention-${process.pid}-${Date.now().toString(36)}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Four years on: the sample's analytics, logs and closed accounts are past their periods, its invoices are not. */
const NOW = new Date('2030-06-01T05:00:00Z');
const SLOT = new Date('2030-06-01T03:00:00Z');
const CUSTOMERS = 12;

/** Every table of every SQLite file of the provider's data, each row as JSON, sorted. */
function dump(privacy: string): Record<string, string[]> {
  const data = join(privacy, '..', 'data');
  const out: Record<string, string[]> = {};
  for (const file of readdirSync(data).filter((f) => f.endsWith('.db'))) {
    const db = new Database(join(data, file), { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[];
      for (const { name } of tables)
        out[`${file}/${name}`] = (db.prepare(`SELECT * FROM "${name}"`).all() as object[]).map((r) => JSON.stringify(r)).sort();
    } finally {
      db.close();
    }
  }
  return out;
}

/** A sweep run by hand on a copy of its own, at the slot: what the service's sweep must leave. */
async function sweptByHand(name: string): Promise<Record<string, string[]>> {
  const privacy = await nimbusCopy(join(root, name), CUSTOMERS);
  const model = compilePolicyFolder(privacy).model as PolicyModel;
  const pool = createConnectorPool(model);
  const store = openSqliteStore(':memory:');
  try {
    expect((await runRetention(model, pool, store, { now: SLOT })).status).toBe('completed');
  } finally {
    await pool.close();
    await store.close();
  }
  return dump(privacy);
}

/** A request closed five years before the slot, with its history and message: past K5.5's year. */
async function oldClosedRequest(store: Store): Promise<void> {
  const received = new Date('2025-01-05T09:00:00Z');
  const saved = await store.requests.create(request({ id: 'req-2025', receivedAt: received }), '2025-02-05');
  const cancelled = transition(saved.request, { type: 'cancel' }, { actor: officer, at: received, reason: 'duplicate' });
  if (!cancelled.ok) throw cancelled.error;
  await store.requests.update(cancelled.request, { expectedVersion: 1, due: '2025-02-05', transitions: [cancelled.transition] });
}

const serve = (privacy: string, store: string, capture = logCapture()) =>
  startService({
    dir: privacy,
    store,
    port: 0,
    env: serviceEnv({ CUSTOS_RETENTION_EVERY: '24h', CUSTOS_RETENTION_HOUR: '3' }),
    clock: fixedClock(NOW),
    queue: { pollIntervalMs: 500 },
    retention: { checkMs: 200 },
    logger: { stream: capture.stream },
  });

describe('scheduled retention sweeps', () => {
  it('sweep the due slot as a job, resuming a half-done sweep, as a sweep run by hand at that instant would', async () => {
    const expected = await sweptByHand('by-hand');
    const privacy = await nimbusCopy(join(root, 'service'), CUSTOMERS);
    const before = dump(privacy);
    expect(before).not.toEqual(expected);

    // An earlier process swept part of the slot, then died holding the lease.
    const storeFile = join(root, 'service', 'custos.db');
    const seed = openSqliteStore(storeFile);
    const model = compilePolicyFolder(privacy).model as PolicyModel;
    const pool = createConnectorPool(model);
    const stop = new AbortController();
    const half = await runRetention(model, pool, seed, {
      now: SLOT,
      sweepId: scheduledSweepId(SLOT),
      signal: stop.signal,
      firstBatch: 1,
      onProgress: () => stop.abort(),
    });
    await pool.close();
    expect(half.status).toBe('paused');
    expect(dump(privacy)).not.toEqual(before);
    expect(await seed.leases.take(SWEEP_LEASE, endedOwner(), 3_600_000)).toEqual({ taken: true });
    await oldClosedRequest(seed);
    await seed.close();

    const capture = logCapture();
    const service = await serve(privacy, storeFile, capture);
    try {
      await eventually(async () => ((await slotSwept(service.state.store, SLOT)) ? true : undefined), 120_000);
      const run = await service.state.store.journal.get(scheduledSweepId(SLOT));
      expect(run?.status).toBe('completed');
      expect(run?.result).toMatchObject({ sweepId: scheduledSweepId(SLOT), now: SLOT.toISOString(), resumed: true });
      // Custos's own records went with it: the request closed five years before, with its history.
      expect(await service.state.store.requests.get('req-2025')).toBeUndefined();
      expect(await service.state.store.requests.history('req-2025')).toEqual([]);
      const [latest] = await sweepHistory(service.state.store);
      expect(latest?.sweepId).toBe(scheduledSweepId(SLOT));
      expect(latest?.lines.find((l) => l.rule === 'custos-records')).toMatchObject({ collection: 'custos', counts: { requests: 1 } });
      expect(latest?.rows).toBeGreaterThan(0);
      expect(capture.text()).toContain('"msg":"retention: sweep"');
      // Counts and ids only: no e-mail address of the sample's people reaches the log.
      expect(capture.text()).not.toMatch(/[\w.+-]+@[\w-]+\.example/);
    } finally {
      await service.close();
    }
    expect(dump(privacy)).toEqual(expected);
  }, 240_000);
});

const url = serviceUrl('postgres');
const schema = `custos_sweep_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

const dropSchemas = () => dropPostgresSchemas(url!, schema, `${schema}_jobs`);

describe.skipIf(!url)('scheduled retention sweeps on PostgreSQL', () => {
  afterAll(dropSchemas);

  it('run once when two services sharing the store both schedule the slot', async () => {
    const expected = await sweptByHand('by-hand-pg');
    const privacy = await nimbusCopy(join(root, 'pg'), CUSTOMERS);
    const storeUrl = `${url!}${url!.includes('?') ? '&' : '?'}schema=${schema}`;
    const services: Service[] = [];
    try {
      // One after the other: two pg-boss queues created at once on a new schema can deadlock (a start-up matter, not a sweep's).
      services.push(await serve(privacy, storeUrl));
      services.push(await serve(privacy, storeUrl));
      const store = services[0]!.state.store;
      await eventually(async () => ((await slotSwept(store, SLOT)) ? true : undefined), 120_000);
      // Both services keep checking the slot for a while: none sweeps it again.
      await new Promise((r) => setTimeout(r, 1500));
      const trail = await store.audit.read(1, 100_000);
      const lines = trail
        .filter((e) => e.action === 'retention.swept' && e.subjects['sweep'] === scheduledSweepId(SLOT))
        .map((e) => `${String(e.details['rule'])} ${String(e.details['collection'])}`);
      expect(lines.length).toBeGreaterThan(1);
      expect(new Set(lines).size).toBe(lines.length);
      expect(lines).toContain('custos-records custos');
      expect((await store.journal.get(scheduledSweepId(SLOT)))?.result).toMatchObject({ resumed: false, status: 'completed' });
    } finally {
      for (const s of services) await s.close();
    }
    expect(dump(privacy)).toEqual(expected);
  }, 240_000);
});

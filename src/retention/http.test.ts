// Retention on a collection kept behind a provider's HTTP endpoint (the shop of shop.test-support.ts, served by the provider
// fixture): the plan reads whole collections through protocol 2's `list` pages and counts what a SQLite plan counts; the
// sweep sends the due keys in signed, bounded calls, and a provider that fails mid-sweep leaves a failed, resumable
// condition whose rerun ends where an uninterrupted sweep does. A protocol 1 provider is refused, never read as empty.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorPool, type ConnectorPool } from '../connectors/index.js';
import type { InjectedFailure } from '../connectors/http/provider-fixture.test-support.js';
import { openStore, type Store } from '../store/index.js';
import { httpShop, type HttpShop } from './http-shop.test-support.js';
import { planRetention, type RetentionPlan } from './plan.js';
import { runRetention, type RetentionSweep } from './run.js';
import { expectedAfterSweep, HOLD_RECORDS, ROWS, shopWorld, type ShopSnapshot } from './shop.test-support.js';

const NOW = new Date('2026-11-23T10:00:00Z');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function withShop(options: Parameters<typeof httpShop>[1] = {}): Promise<HttpShop> {
  const shop = await httpShop(ROWS, options);
  cleanups.push(() => shop.close());
  return shop;
}

async function withPool<T>(pool: ConnectorPool, work: (pool: ConnectorPool) => Promise<T>): Promise<T> {
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}

/** Custos's store, holding the hold records erasures left (invoices 12 until 2027, 13 ended, F-14 without an end). */
async function custosStore(): Promise<Store> {
  const store = openStore(':memory:');
  cleanups.push(() => store.close());
  await store.journal.open({ id: 'erasure-1', action: 'erase', plan: {}, startedAt: NOW });
  await store.journal.completeSteps('erasure-1', { steps: [], holds: HOLD_RECORDS });
  return store;
}

const plan = (shop: HttpShop) => withPool(shop.pool(), (pool) => planRetention(shop.model, pool, { now: NOW, holdRecords: HOLD_RECORDS }));
const sweep = (shop: HttpShop, store: Store, sweepId: string) =>
  withPool(shop.pool(), (pool) => runRetention(shop.model, pool, store, { now: NOW, sweepId, firstBatch: 2 }));

/** The same shop planned on its SQLite file directly: what the provider's endpoint must count too. */
async function sqlitePlan(): Promise<RetentionPlan> {
  const world = shopWorld(ROWS);
  try {
    return await withPool(createConnectorPool(world.model), (pool) =>
      planRetention(world.model, pool, { now: NOW, holdRecords: HOLD_RECORDS }),
    );
  } finally {
    world.cleanup();
  }
}

describe('retention on an HTTP store (protocol 2)', () => {
  it('plans from the provider’s list pages what a plan of the same rows in SQLite counts', async () => {
    const shop = await withShop({ pageLimit: 2 });
    const over = await plan(shop);
    expect(over.entries).toEqual((await sqlitePlan()).entries);
    expect(over.entries.find((e) => e.collection === 'shop.invoices')).toMatchObject({ due: 2, inside: 1, held: { rows: 2 } });
    // Five customers in pages of two: three pages, each asked after the last key of the one before.
    const customers = shop.provider.requests.filter(
      (r) => r.operation === 'list' && (r.body as { collection: string }).collection === 'customers',
    );
    expect(customers.slice(0, 3).map((r) => (r.body as { after?: unknown }).after)).toEqual([undefined, [2], [4]]);
    // A whole collection is never asked for in one find.
    expect(
      shop.provider.requests.some((r) => r.operation === 'find' && JSON.stringify((r.body as { where: unknown }).where) === '{}'),
    ).toBe(false);
  });

  it('sweeps a day past and keeps a day inside, sending the due keys in calls within the provider’s limit', async () => {
    const shop = await withShop({ pageLimit: 2, keysLimit: 1 });
    const store = await custosStore();
    const before = shop.world.snapshot() as ShopSnapshot;
    const swept = await sweep(shop, store, 'sweep-http');
    expect(swept.status).toBe('completed');
    expect(shop.world.snapshot()).toEqual(expectedAfterSweep(before));
    const writes = shop.provider.requests.filter((r) => r.operation === 'delete' || r.operation === 'update');
    expect(writes.map((r) => r.body)).toContainEqual({ collection: 'invoices', where: { id: [13] } });
    expect(writes.every((r) => Object.values((r.body as { where: Record<string, unknown[]> }).where).flat().length === 1)).toBe(true);
    // A second sweep finds nothing more to do.
    const again = await sweep(shop, store, 'sweep-http-2');
    expect(again.conditions.every((c) => c.status === 'done' && c.rows === 0)).toBe(true);
    expect(shop.world.snapshot()).toEqual(expectedAfterSweep(before));
  });

  const failures: InjectedFailure[] = [
    { operation: 'delete', call: 2, applied: false },
    { operation: 'delete', call: 2, applied: true },
    { operation: 'delete', call: 5, applied: true },
    { operation: 'update', call: 1, applied: true },
    { operation: 'list', call: 4, applied: false },
  ];
  it.each(failures)(
    'a provider failing mid-sweep ($operation call $call, applied: $applied) fails that condition; the rerun ends as an uninterrupted sweep',
    async (failure) => {
      const shop = await withShop({ pageLimit: 2, keysLimit: 1 });
      const store = await custosStore();
      const before = shop.world.snapshot() as ShopSnapshot;
      shop.provider.inject(failure);
      const first: RetentionSweep = await sweep(shop, store, 'sweep-f');
      expect(first.status).toBe('failed');
      const failed = first.conditions.filter((c) => c.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((c) => /unavailable/.test(c.error ?? ''))).toBe(true);
      const audited = (await store.audit.read(1, 100)).filter((e) => e.action === 'retention.swept' && e.details.status === 'failed');
      expect(audited.map((e) => e.details.collection).sort()).toEqual(failed.map((c) => c.collection).sort());
      const rerun = await sweep(shop, store, 'sweep-f');
      expect(rerun).toMatchObject({ status: 'completed', resumed: true });
      // The conditions done the first time are not swept again.
      expect(rerun.conditions.map((c) => c.collection).sort()).toEqual(failed.map((c) => c.collection).sort());
      expect(shop.world.snapshot()).toEqual(expectedAfterSweep(before));
    },
  );

  it('reports a listing cut off mid-collection as not countable, never as fewer rows', async () => {
    const shop = await withShop({ pageLimit: 2 });
    shop.provider.inject({ operation: 'list', call: 2, applied: false });
    const reference = await sqlitePlan();
    const over = await plan(shop);
    const cut = over.entries.filter((e) => !e.countable);
    expect(cut.length).toBeGreaterThan(0);
    for (const entry of over.entries) {
      if (entry.countable) expect(entry).toEqual(reference.entries.find((e) => e.collection === entry.collection));
      else expect(entry).toMatchObject({ rows: 0, due: 0, reason: expect.stringMatching(/unavailable/) });
    }
  });
});

describe('retention on an HTTP store (protocol 1)', () => {
  it('plans nothing it cannot list, and says which operation the provider must add', async () => {
    const shop = await withShop({ protocol: 1 });
    const over = await plan(shop);
    expect(over.entries.length).toBeGreaterThan(0);
    for (const entry of over.entries) {
      expect(entry).toMatchObject({
        countable: false,
        due: 0,
        reason: expect.stringContaining('implement the list operation of protocol 2'),
      });
    }
    // Nothing but the ping was sent: no find without a condition (a protocol 1 provider may answer it with one page and no more).
    expect(new Set(shop.provider.requests.map((r) => r.operation))).toEqual(new Set(['ping']));
  });

  it('sweeps nothing: every condition fails with the reason, and the provider’s data is unchanged', async () => {
    const shop = await withShop({ protocol: 1 });
    const store = await custosStore();
    const before = shop.world.snapshot();
    const swept = await sweep(shop, store, 'sweep-v1');
    expect(swept.status).toBe('failed');
    expect(swept.conditions.every((c) => c.status === 'failed' && c.rows === 0 && /protocol 2/.test(c.error ?? ''))).toBe(true);
    expect(shop.world.snapshot()).toEqual(before);
    expect(shop.provider.requests.some((r) => r.operation === 'delete' || r.operation === 'update')).toBe(false);
  });
});

// runRetention on the shop's SQLite store at an injected instant: every table diffed before and after (only the planned
// rows change, children going with their parent), a second sweep changes nothing, a paused sweep resumed under its id
// (even told another instant) ends as an uninterrupted one, and the audit trail gets counts per rule, no personal data.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorPool } from '../connectors/index.js';
import { openStore, type Store } from '../store/index.js';
import { runRetention, type RetentionSweep, type RunRetentionOptions } from './run.js';
import {
  expectedAfterSweep,
  HOLD_RECORDS,
  ROWS,
  shopWorld,
  type ShopRows,
  type ShopSnapshot,
  type ShopWorld,
} from './shop.test-support.js';

const NOW = new Date('2026-11-23T10:00:00Z');

const opened: { world: ShopWorld; store: Store }[] = [];
afterEach(async () => {
  for (const { world, store } of opened.splice(0)) {
    await store.close();
    world.cleanup();
  }
});

/** A fresh shop and Custos store holding the erasures' hold records. */
async function setUp(rows: ShopRows = ROWS): Promise<{ world: ShopWorld; store: Store }> {
  const world = shopWorld(rows);
  const store = openStore(':memory:');
  await store.journal.open({ id: 'erasure-1', action: 'erase', plan: {}, startedAt: NOW });
  await store.journal.completeSteps('erasure-1', { steps: [], holds: HOLD_RECORDS });
  opened.push({ world, store });
  return { world, store };
}

async function sweep(world: ShopWorld, store: Store, options: Partial<RunRetentionOptions> = {}): Promise<RetentionSweep> {
  const pool = createConnectorPool(world.model);
  try {
    return await runRetention(world.model, pool, store, { now: NOW, ...options });
  } finally {
    await pool.close();
  }
}

describe('runRetention (SQLite)', () => {
  it('changes only the planned rows, children with their parent, and a second sweep changes nothing', async () => {
    const { world, store } = await setUp();
    const before = world.snapshot() as ShopSnapshot;
    const first = await sweep(world, store, { sweepId: 'sweep-1', firstBatch: 1 });
    expect(first.status).toBe('completed');
    expect(world.snapshot()).toEqual(expectedAfterSweep(before));
    expect(first.conditions.find((c) => c.collection === 'shop.customers')).toMatchObject({
      status: 'done',
      rows: 1,
      children: { 'shop.orders': 1, 'shop.order_lines': 2 },
    });
    expect(first.conditions.find((c) => c.collection === 'shop.invoices')).toMatchObject({ rows: 2, batches: 2 });
    const second = await sweep(world, store, { sweepId: 'sweep-2' });
    expect(second.conditions.every((c) => c.rows === 0 && c.status === 'done')).toBe(true);
    expect(world.snapshot()).toEqual(expectedAfterSweep(before));
  });

  it('leaves the child a parent takes along when it follows another rule, its reference nulled as erasure does', async () => {
    const recent = { id: 23, customer_id: 3, score: 2, comment: 'late', ip: '198.51.100.9', answered_at: '2026-10-01T00:00:00Z' };
    const { world, store } = await setUp({ ...ROWS, surveys: [...(ROWS.surveys ?? []), recent] });
    const before = world.snapshot() as ShopSnapshot;
    await sweep(world, store, { sweepId: 'sweep-c' });
    const expected = expectedAfterSweep(before);
    expect(world.snapshot()).toEqual({
      ...expected,
      surveys: (expected.surveys ?? []).map((r) => (r.id === 23 ? { ...r, customer_id: null } : r)),
    });
  });

  it('pauses between batches on its signal, and resumed under its id at the instant it started, ends as an uninterrupted sweep', async () => {
    const { world, store } = await setUp();
    const before = world.snapshot() as ShopSnapshot;
    const controller = new AbortController();
    const paused = await sweep(world, store, {
      sweepId: 'sweep-p',
      firstBatch: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(paused.status).toBe('paused');
    expect(world.snapshot()).not.toEqual(expectedAfterSweep(before));
    // Resumed ten years later by mistake: the journal keeps the sweep's own instant, so nothing more expires.
    const resumed = await sweep(world, store, { sweepId: 'sweep-p', now: new Date('2036-11-23T10:00:00Z') });
    expect(resumed).toMatchObject({ status: 'completed', resumed: true, now: NOW.toISOString() });
    expect(world.snapshot()).toEqual(expectedAfterSweep(before));
  });

  it('reports each rule to the audit trail with counts and ids only', async () => {
    const { world, store } = await setUp();
    await sweep(world, store, { sweepId: 'sweep-a' });
    const entries = (await store.audit.read(1, 100)).filter((e) => e.action === 'retention.swept');
    expect(entries.map((e) => [e.details.collection, e.details.rows])).toEqual([
      ['shop.customers', 1],
      ['shop.order_lines', 0],
      ['shop.orders', 0],
      ['shop.invoices', 2],
      ['shop.returns', 0],
      ['shop.surveys', 1],
      ['shop.candidates', 0],
      ['shop.applicants', 0],
    ]);
    expect(entries.every((e) => e.subjects.sweep === 'sweep-a')).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/@|slow delivery|203\.0/);
  });
});

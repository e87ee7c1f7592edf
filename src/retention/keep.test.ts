// What a sweep must keep, on the shop's SQLite store (every table diffed before and after): rows a consent may extend,
// children under a hold record and their parents, parents a required child under another rule still needs at any depth;
// and the plan counts what the sweep then does (its due rows are the rows the sweep deletes or anonymises).
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorPool } from '../connectors/index.js';
import { openStore, type HoldRecord, type Store } from '../store/index.js';
import { formatRetentionPlan } from './format.js';
import { planRetention, type RetentionPlan } from './plan.js';
import { runRetention, type RetentionSweep } from './run.js';
import { HOLD_RECORDS, ROWS, shopWorld, type ShopRows, type ShopWorld } from './shop.test-support.js';

const NOW = new Date('2026-11-23T10:00:00Z');
type Snapshot = Record<string, Record<string, unknown>[]>;

const opened: { world: ShopWorld; store: Store }[] = [];
afterEach(async () => {
  for (const { world, store } of opened.splice(0)) {
    await store.close();
    world.cleanup();
  }
});

/** The shop with these rows, the erasures' hold records (and more) in Custos's store; its plan, then its sweep. */
async function planThenSweep(
  rows: ShopRows,
  holds: readonly HoldRecord[] = [],
): Promise<{ before: Snapshot; after: Snapshot; plan: RetentionPlan; sweep: RetentionSweep }> {
  const world = shopWorld(rows);
  const store = openStore(':memory:');
  opened.push({ world, store });
  await store.journal.open({ id: 'erasure-1', action: 'erase', plan: {}, startedAt: NOW });
  await store.journal.completeSteps('erasure-1', { steps: [], holds: [...HOLD_RECORDS, ...holds] });
  const before = world.snapshot() as Snapshot;
  const pool = createConnectorPool(world.model);
  try {
    const plan = await planRetention(world.model, pool, { now: NOW, holdRecords: await store.holds.inForce(NOW) });
    expect(world.snapshot()).toEqual(before);
    const sweep = await runRetention(world.model, pool, store, { now: NOW, sweepId: 'sweep-k', firstBatch: 1 });
    return { before, after: world.snapshot() as Snapshot, plan, sweep };
  } finally {
    await pool.close();
  }
}

const without = (s: Snapshot, table: string, ids: number[]) => (s[table] ?? []).filter((r) => !ids.includes(r.id as number));
const entry = (p: RetentionPlan, collection: string) => p.entries.find((e) => e.collection === `shop.${collection}`);

/** Rows deleted or changed between two snapshots, over every table. */
function changedRows(before: Snapshot, after: Snapshot): number {
  let changed = 0;
  for (const [table, rows] of Object.entries(before)) {
    const now = new Map((after[table] ?? []).map((r) => [r.id, JSON.stringify(r)]));
    for (const r of rows) if (now.get(r.id) !== JSON.stringify(r)) changed++;
  }
  return changed;
}

/** The plan's due rows are the rows the sweep deleted or anonymised, and the table diff says the same. */
function expectPlanAndSweepAgree(plan: RetentionPlan, sweep: RetentionSweep, before: Snapshot, after: Snapshot): void {
  const planned = plan.entries.reduce((n, e) => n + e.due, 0);
  const swept = sweep.conditions.reduce((n, c) => n + c.rows + Object.values(c.children).reduce((a, b) => a + b, 0), 0);
  expect(swept).toBe(planned);
  expect(changedRows(before, after)).toBe(planned);
}

describe('what a retention sweep keeps', () => {
  it('keeps rows past the base period of a rule a consent may extend, and reports them, until the extension ends', async () => {
    const rows: ShopRows = {
      candidates: [
        { id: 1, email: 'recent@cand.example', contacted_at: '2026-06-01T00:00:00Z' },
        { id: 2, email: 'pool@cand.example', contacted_at: '2025-01-01T00:00:00Z' },
      ],
      applicants: [
        { id: 1, email: 'within@app.example', contacted_at: '2025-01-01T00:00:00Z' },
        { id: 2, email: 'over@app.example', contacted_at: '2023-01-01T00:00:00Z' },
      ],
    };
    const { before, after, plan, sweep } = await planThenSweep(rows);
    expect(sweep.status).toBe('completed');
    // Six months past, with no end to the extension: kept. Six months and two years past a capped extension: deleted.
    expect(after).toEqual({ ...before, applicants: without(before, 'applicants', [2]) });
    expect(entry(plan, 'candidates')).toMatchObject({ due: 0, extended: 1, inside: 1 });
    expect(entry(plan, 'applicants')).toMatchObject({ due: 1, extended: 1 });
    expect(formatRetentionPlan(plan)).toContain('kept: extension by consent not verifiable: 1');
    expect(entry(plan, 'candidates')?.notes.join(' ')).toMatch(/cannot be verified/);
    expectPlanAndSweepAgree(plan, sweep, before, after);
  });

  it('leaves a child a hold record covers, and its parents, which it requires; the rest of the sweep goes ahead', async () => {
    const held: HoldRecord = { dataset: 'shop', collection: 'orders', key: '{"id":3}', hold: 'tax', until: '2030-01-01', runId: 'r3' };
    const { before, after, plan, sweep } = await planThenSweep(ROWS, [held]);
    expect(sweep.status).toBe('completed');
    expect(after).toEqual({
      ...before,
      // Customer 3 stays for their held order; the order's lines expire under their own condition (no hold covers them).
      order_lines: without(before, 'order_lines', [2, 3]),
      invoices: without(before, 'invoices', [11, 13]),
      surveys: (before.surveys ?? []).map((r) => (r.id === 20 ? { ...r, customer_id: null, comment: null, ip: '203.0.0.0' } : r)),
    });
    expect(entry(plan, 'customers')).toMatchObject({ due: 0, referenced: 1 });
    expect(sweep.conditions.find((c) => c.collection === 'shop.customers')).toMatchObject({ rows: 0, referenced: 1 });
    expectPlanAndSweepAgree(plan, sweep, before, after);
  });

  it('keeps a parent whose grandchild under another rule requires it, instead of failing the batch', async () => {
    const rows: ShopRows = { ...ROWS, returns: [{ id: 1, order_id: 3, returned_at: '2026-01-01T00:00:00Z' }] };
    const { before, after, plan, sweep } = await planThenSweep(rows);
    expect(sweep.status).toBe('completed');
    expect(sweep.conditions.every((c) => c.status === 'done')).toBe(true);
    expect(after).toEqual({
      ...before,
      order_lines: without(before, 'order_lines', [2, 3]),
      invoices: without(before, 'invoices', [11, 13]),
      surveys: (before.surveys ?? []).map((r) => (r.id === 20 ? { ...r, customer_id: null, comment: null, ip: '203.0.0.0' } : r)),
    });
    expect(entry(plan, 'customers')).toMatchObject({ due: 0, referenced: 1 });
    expect(entry(plan, 'orders')).toMatchObject({ due: 0, referenced: 1 });
    expect(formatRetentionPlan(plan)).toContain('kept because a row that stays');
    expectPlanAndSweepAgree(plan, sweep, before, after);
  });

  it('counts in its plan exactly what the sweep then deletes or anonymises', async () => {
    const { before, after, plan, sweep } = await planThenSweep(ROWS);
    expect(sweep.status).toBe('completed');
    expectPlanAndSweepAgree(plan, sweep, before, after);
  });
});

// planRetention on the shop's SQLite store with an injected clock: a day inside survives, a day past is counted, a hold
// keeps rows until its end, restricted rows (and rows expiring with a restricted parent) are reported, nothing is written.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorPool } from '../connectors/index.js';
import type { HoldRecord } from '../store/index.js';
import { formatRetentionPlan } from './format.js';
import { planRetention, type RetentionPlan } from './plan.js';
import { shopWorld, type ShopRows, type ShopWorld } from './shop.test-support.js';

const NOW = new Date('2026-11-23T10:00:00Z');

const ROWS: ShopRows = {
  customers: [
    { id: 1, email: 'inside@shop.example', closed_at: '2025-11-24T10:00:00Z' },
    { id: 2, email: 'held@shop.example', closed_at: '2025-11-22T10:00:00Z' },
    { id: 3, email: 'due@shop.example', closed_at: '2019-11-20T10:00:00Z' },
    { id: 4, email: 'restricted@shop.example', closed_at: '2019-01-01T00:00:00Z', restricted: 1 },
    { id: 5, email: 'open@shop.example', closed_at: null },
  ],
  orders: [1, 2, 3, 4, 5].map((c) => ({ id: c, customer_id: c, item: `item of ${c}` })),
  order_lines: [
    { id: 1, order_id: 1, item: 'a' },
    { id: 2, order_id: 3, item: 'b' },
    { id: 3, order_id: 3, item: 'c' },
    { id: 4, order_id: 4, item: 'd' },
  ],
  invoices: [
    { id: 10, number: 'F-10', issued_at: '2016-11-24' },
    { id: 11, number: 'F-11', issued_at: '2016-11-22' },
    { id: 12, number: 'F-12', issued_at: '2015-01-01' },
    { id: 13, number: 'F-13', issued_at: '2014-01-01' },
    { id: 14, number: 'F-14', issued_at: '2010-01-01' },
  ],
  surveys: [
    { id: 20, customer_id: 1, score: 4, comment: 'slow delivery', ip: '203.0.113.77', answered_at: '2024-11-22T10:00:00Z' },
    { id: 21, customer_id: 1, score: 5, comment: 'fine', ip: '203.0.113.78', answered_at: '2024-11-24T10:00:00Z' },
    { id: 22, customer_id: null, score: 5, comment: null, ip: '203.0.0.0', answered_at: '2020-01-01T00:00:00Z' },
  ],
};

/** What erasures left: one invoice held until 2027, one whose hold has ended, and a selection held without an end. */
const HOLD_RECORDS: HoldRecord[] = [
  { dataset: 'shop', collection: 'invoices', key: '{"id":12}', hold: 'tax', until: '2027-01-01', runId: 'r1' },
  { dataset: 'shop', collection: 'invoices', key: '{"id":13}', hold: 'tax', until: '2026-01-01', runId: 'r1' },
  { dataset: 'shop', collection: 'invoices', key: '[{"number":["F-14"]}]', hold: 'tax', runId: 'r2' },
];

let world: ShopWorld | undefined;
afterEach(() => {
  world?.cleanup();
  world = undefined;
});

async function plan(): Promise<RetentionPlan> {
  world ??= shopWorld(ROWS);
  const pool = createConnectorPool(world.model);
  try {
    return await planRetention(world.model, pool, { now: NOW, holdRecords: HOLD_RECORDS });
  } finally {
    await pool.close();
  }
}

const entry = (p: RetentionPlan, collection: string) => p.entries.find((e) => e.collection === `shop.${collection}`);

describe('planRetention', () => {
  it('counts a row one day past its period and leaves one a day inside, a hold keeping rows until it ends', async () => {
    const p = await plan();
    expect(entry(p, 'customers')).toMatchObject({
      countable: true,
      rows: 5,
      due: 1,
      oldest: '2019-11-20T10:00:00.000Z',
      newest: '2019-11-20T10:00:00.000Z',
      inside: 1,
      notStarted: 1,
      restricted: 1,
      held: { rows: 1, until: '2031-11-22T10:00:00.000Z', withoutEnd: 0, holds: ['tax'] },
    });
  });

  it('reads a trigger through references, and keeps the rows of a restricted parent with it', async () => {
    const p = await plan();
    expect(entry(p, 'orders')).toMatchObject({ due: 1, inside: 1, notStarted: 1, restricted: 1, held: { rows: 1 } });
    // Order lines hold no date: they expire with their order's customer's contract.
    expect(entry(p, 'order_lines')).toMatchObject({ clock: 'order_id.customer_id.closed_at', due: 2, inside: 1, restricted: 1 });
  });

  it('keeps rows the erasures left under a hold in force, by key or by selection, and frees them once it has ended', async () => {
    expect(entry(await plan(), 'invoices')).toMatchObject({
      due: 2,
      oldest: '2014-01-01T00:00:00.000Z',
      newest: '2016-11-22T00:00:00.000Z',
      inside: 1,
      held: { rows: 2, until: '2027-01-01', withoutEnd: 1, holds: ['tax'] },
    });
  });

  it('counts rows to anonymise apart from rows anonymised already', async () => {
    expect(entry(await plan(), 'surveys')).toMatchObject({ action: 'anonymise', due: 1, inside: 1, anonymised: 1 });
  });

  it('writes nothing, and says what it could not compile and where', async () => {
    world = shopWorld(ROWS);
    const before = world.snapshot();
    const p = await plan();
    expect(world?.snapshot()).toEqual(before);
    const text = formatRetentionPlan(p);
    expect(text).toContain('datasets.shop.collections.access_logs.timestamps: retention rule "logs" counts from collected');
    expect(text).toContain('delete: 1 row, dated 2019-11-20 to 2019-11-20');
    expect(text).toContain('kept by a legal hold (tax): 2 (until 2027-01-01 at the latest; 1 until the legal periods expire)');
    expect(p.entries.map((e) => e.collection)).toEqual([
      'shop.customers',
      'shop.order_lines',
      'shop.orders',
      'shop.invoices',
      'shop.surveys',
    ]);
  });
});

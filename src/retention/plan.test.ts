// planRetention on the shop's SQLite store with an injected clock: a day inside survives, a day past is counted, a hold
// keeps rows until its end, restricted rows (and rows expiring with a restricted parent) are reported, nothing is written.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorPool } from '../connectors/index.js';
import { formatRetentionPlan } from './format.js';
import { planRetention, type RetentionPlan } from './plan.js';
import { HOLD_RECORDS, ROWS, shopWorld, type ShopWorld } from './shop.test-support.js';

const NOW = new Date('2026-11-23T10:00:00Z');

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
      'shop.returns',
      'shop.surveys',
      'shop.candidates',
      'shop.applicants',
    ]);
  });
});

// forecastRetention on the shop's SQLite store with an injected clock: rows a day either side of a week's boundary fall
// in the weeks they end in, held rows in the week their hold ends, rows past their end count as due now, and rows with
// no end (not started, restricted, held without end, anonymised already) apart. Nothing is written.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorPool } from '../connectors/index.js';
import { forecastRetention, type RetentionForecast } from './forecast.js';
import { planRetention } from './plan.js';
import { HOLD_RECORDS, ROWS, shopWorld, type ShopRows, type ShopWorld } from './shop.test-support.js';

const NOW = new Date('2026-11-23T10:00:00Z');

let world: ShopWorld | undefined;
afterEach(() => {
  world?.cleanup();
  world = undefined;
});

/** Surveys (two years, then anonymised) ending a day before and a day after the first week's end, and exactly on it. */
const AROUND_WEEK_ONE: ShopRows = {
  ...ROWS,
  surveys: [
    ...(ROWS.surveys ?? []),
    { id: 30, customer_id: 2, score: 3, comment: 'a day inside week 1', ip: '198.51.100.1', answered_at: '2024-11-29T10:00:00Z' },
    { id: 31, customer_id: 2, score: 3, comment: 'exactly on the boundary', ip: '198.51.100.2', answered_at: '2024-11-30T10:00:00Z' },
    { id: 32, customer_id: 2, score: 3, comment: 'a day into week 2', ip: '198.51.100.3', answered_at: '2024-12-01T10:00:00Z' },
  ],
};

async function forecast(rows: ShopRows, now = NOW, weeks?: number): Promise<RetentionForecast> {
  world ??= shopWorld(rows);
  const pool = createConnectorPool(world.model);
  try {
    return await forecastRetention(world.model, pool, { now, holdRecords: HOLD_RECORDS, ...(weeks === undefined ? {} : { weeks }) });
  } finally {
    await pool.close();
  }
}

const entry = (f: RetentionForecast, collection: string) => f.entries.find((e) => e.collection === `shop.${collection}`);
/** The weeks (index: count) holding rows, so a test reads as a list. */
const busyWeeks = (weekly: readonly number[] | undefined) => Object.fromEntries((weekly ?? []).flatMap((n, i) => (n > 0 ? [[i, n]] : [])));

describe('forecastRetention', () => {
  it('puts a row a day before a week boundary in that week and a row a day after (or on it) in the next', async () => {
    const f = await forecast(AROUND_WEEK_ONE);
    expect(f.weekStarts).toHaveLength(52);
    expect(f.weekStarts[1]).toBe('2026-11-30T10:00:00.000Z');
    // 21 ends tomorrow and 30 the day before the boundary (week 0); 31 exactly on it and 32 a day after (week 1).
    expect(entry(f, 'surveys')).toMatchObject({ countable: true, dueNow: 1, later: 0, noEnd: 1 });
    expect(busyWeeks(entry(f, 'surveys')?.weekly)).toEqual({ 0: 2, 1: 2 });
  });

  it('moves every row a week earlier when the clock is a week later', async () => {
    const f = await forecast(AROUND_WEEK_ONE, new Date(NOW.getTime() + 7 * 86_400_000));
    // 21 and 30 are now past their end; 31 ends exactly at the new now, so it is due too; 32 ends in the first week.
    expect(entry(f, 'surveys')).toMatchObject({ dueNow: 4, noEnd: 1 });
    expect(busyWeeks(entry(f, 'surveys')?.weekly)).toEqual({ 0: 1 });
  });

  it('counts a held row in the week its hold ends, and a hold without end, a restriction or an open contract as no end', async () => {
    const f = await forecast(ROWS);
    // Invoices: 11 (a day past ten years) and 13 (its hold ended) are due; 10 ends tomorrow; 12's recorded hold ends on
    // 2027-01-01, 38.6 days on (week 5); 14 is held without end.
    expect(entry(f, 'invoices')).toMatchObject({ dueNow: 2, later: 0, noEnd: 1 });
    expect(busyWeeks(entry(f, 'invoices')?.weekly)).toEqual({ 0: 1, 5: 1 });
    // Customers: 3 is past its period and its hold; 1 and 2 are kept by the tax hold for six years after their contract
    // ended (after the 52 weeks); 4 is restricted and 5's contract is still running.
    expect(entry(f, 'customers')).toMatchObject({ dueNow: 1, later: 2, noEnd: 2 });
    expect(busyWeeks(entry(f, 'customers')?.weekly)).toEqual({});
  });

  it('agrees with the plan on what is past its end, sums rules over their collections, and writes nothing', async () => {
    const f = await forecast(ROWS);
    const before = world!.snapshot();
    const pool = createConnectorPool(world!.model);
    const plan = await planRetention(world!.model, pool, { now: NOW, holdRecords: HOLD_RECORDS }).finally(() => pool.close());
    for (const e of f.entries.filter((x) => x.countable)) {
      const p = plan.entries.find((x) => x.collection === e.collection && x.rule === e.rule);
      // The plan keeps due parents that rows staying still need (`referenced`): the forecast counts them as due.
      expect(e.dueNow, e.collection).toBe((p?.due ?? 0) + (p?.referenced ?? 0));
    }
    const account = f.rules.find((r) => r.rule === 'account');
    expect(account?.collections).toEqual(['shop.customers', 'shop.order_lines', 'shop.orders']);
    expect(account?.dueNow).toBe(f.entries.filter((e) => e.rule === 'account').reduce((n, e) => n + e.dueNow, 0));
    expect(world!.snapshot()).toEqual(before);
  });

  it('refuses a number of weeks that is not a whole number from 1 to 520', async () => {
    await expect(forecast(ROWS, NOW, 0)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

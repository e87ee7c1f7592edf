// A legal hold with no duration ("until the retention periods imposed by law expire") never ends on its own: an erasure
// keeps the held fields, its hold record has no end date, and no sweep finds it ending.
import { afterEach, describe, expect, it } from 'vitest';
import { describeHold, executeErasure, normalizeIdentities } from '../../src/rights/index.js';
import { createShop, type Shop } from './shop.js';
import { testContext } from './context.js';

let shop: Shop;
afterEach(() => shop?.cleanup());

const WITHOUT_DURATION = (text: string) => {
  const held = 'invoices: { description: Invoices 10 years, duration: P10Y, trigger: collected';
  if (!text.includes(held)) throw new Error('the shop manifest no longer declares the invoices hold this test edits');
  return text.replace(held, 'invoices: { description: Accounting documents, trigger: collected');
};

describe('a legal hold without a duration', () => {
  it('keeps every held invoice, even one older than any period, with hold records that have no end', async () => {
    shop = createShop('hold-without-end', { manifest: WITHOUT_DURATION });
    expect(shop.model.legalHolds.get('invoices')?.duration).toBeUndefined();
    const ctx = testContext(shop);
    const result = await executeErasure(ctx, {
      id: 'req-no-end',
      identities: normalizeIdentities(shop.model, new Map([['email', ['ada@example.com']]])),
    });
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return void (await ctx.close());
    // Invoice 41 (2025) would have been released by a one-year hold (see expired-holds.test.ts): here it stays.
    const db = shop.shopDb();
    expect(db.prepare('SELECT id, number, amount FROM invoices ORDER BY id').all()).toEqual([
      { id: 41, number: 'F-2025-041', amount: 9.99 },
      { id: 42, number: 'F-2026-042', amount: 19.99 },
      { id: 43, number: 'F-2026-043', amount: 29.99 },
    ]);
    db.close();
    expect(result.holds.length).toBeGreaterThan(0);
    expect(result.holds.map((h) => h.until)).toEqual(result.holds.map(() => undefined));
    const stored = await ctx.store.holds.forRun(result.runId);
    expect(stored.map((h) => [h.hold, h.until])).toEqual(result.holds.map(() => ['invoices', undefined]));
    // No date is ever reached at which retention would remove them.
    expect(await ctx.store.holds.endingBy(new Date('2126-01-01'))).toEqual([]);
    expect(describeHold(stored[0]!, shop.model)).toContain('until the legal periods expire');
    expect(describeHold(stored[0]!, shop.model)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await ctx.close();
  });
});

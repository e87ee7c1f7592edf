// A legal hold that has already ended keeps nothing: the erasure treats such rows as if they were never held.
import { afterEach, describe, expect, it } from 'vitest';
import { executeErasure, normalizeIdentities } from '../../src/rights/index.js';
import { createShop, type Shop } from './shop.js';
import { testContext } from './context.js';

let shop: Shop;
afterEach(() => shop?.cleanup());

describe('an expired legal hold', () => {
  it('keeps only the rows whose hold runs past today; the others lose what the hold kept', async () => {
    // Invoices held one year from issue: 41 (issued 2025-03-01) was released on 2026-03-01, before the erasure (2026-11-23).
    shop = createShop('expired-hold', {
      manifest: (text) =>
        text.replace(
          'invoices: { description: Invoices 10 years, duration: P10Y',
          'invoices: { description: Invoices 1 year, duration: P1Y',
        ),
    });
    const ctx = testContext(shop);
    const result = await executeErasure(ctx, {
      id: 'req-expired',
      identities: normalizeIdentities(shop.model, new Map([['email', ['ada@example.com']]])),
    });
    await ctx.close();
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return;
    const db = shop.shopDb();
    expect(db.prepare('SELECT id, number, amount FROM invoices ORDER BY id').all()).toEqual([
      { id: 41, number: null, amount: null },
      { id: 42, number: 'F-2026-042', amount: 19.99 },
      { id: 43, number: 'F-2026-043', amount: 29.99 },
    ]);
    db.close();
    // No record says a released row is held.
    expect(result.holds.map((h) => [h.key, h.until])).toEqual([['{"id":42}', '2027-02-01']]);
  });
});

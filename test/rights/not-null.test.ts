// A NOT NULL reference on a row that stays: declared `required`, the plan keeps its parent and says why; undeclared,
// the store's refusal names the column and the fix, and nothing is half-written.
import { afterEach, describe, expect, it } from 'vitest';
import { executeErasure, normalizeIdentities, planRequest } from '../../src/rights/index.js';
import { createShop, type Shop } from './shop.js';
import { dump, testContext } from './context.js';

let shop: Shop;
afterEach(() => shop?.cleanup());

// Services are kept (masked) when their customer is erased; services.customer_id is NOT NULL in the store.
const keepServices = (required: boolean) => (text: string) =>
  text
    .replace('      services:\n', '      services:\n        onErase: mask\n')
    .replace(
      'customer_id: { category: user.account.id, type: integer, references: customers.id, link: belongs-to }\n          plan:',
      `customer_id: { type: integer, references: customers.id, link: belongs-to${required ? ', required: true' : ''} }\n          plan:`,
    );

const ada = (s: Shop) => normalizeIdentities(s.model, new Map([['email', ['ada@example.com']]]));

describe('a NOT NULL reference on a kept row', () => {
  it('declared required: the customer is masked, not deleted, and the plan names the column', async () => {
    shop = createShop('not-null-declared', { manifest: keepServices(true) });
    const plan = planRequest(shop.model, { action: 'erase', identityKeys: ['email'] });
    expect(plan.notes.join('\n')).toMatch(
      /shop\.customers is masked, not deleted: rows of shop\.services that stay reference it through customer_id, which the store keeps NOT NULL/,
    );
    expect(plan.erasure.some((op) => op.kind === 'null-reference' && op.field === 'customer_id' && op.collection === 'shop.services')).toBe(
      false,
    );
    const ctx = testContext(shop);
    const result = await executeErasure(ctx, { id: 'req-nn', identities: ada(shop) });
    await ctx.close();
    expect(result.status).toBe('completed');
    const db = shop.shopDb();
    expect(db.prepare('SELECT id, email, name FROM customers ORDER BY id').all()).toEqual([
      { id: 1, email: null, name: null },
      { id: 2, email: 'bob@example.com', name: 'Bob Martin' },
    ]);
    expect(db.prepare('SELECT id, customer_id FROM services ORDER BY id').all()).toEqual([
      { id: 21, customer_id: 1 },
      { id: 22, customer_id: 1 },
      { id: 23, customer_id: 2 },
    ]);
    db.close();
  });

  it('undeclared: the store refuses, the error names the column and the fix, and the store is left as it was', async () => {
    shop = createShop('not-null-undeclared', { manifest: keepServices(false) });
    const before = dump(shop.shopDb());
    const ctx = testContext(shop);
    const error = await executeErasure(ctx, { id: 'req-nn2', identities: ada(shop) }).catch((e: unknown) => e);
    await ctx.close();
    expect(error).toMatchObject({ code: 'store-error' });
    const message = (error as Error).message;
    expect(message).toContain('shop.services setting customer_id to NULL');
    expect(message).toContain('required: true');
    expect(message).not.toContain('ada@example.com');
    expect(dump(shop.shopDb())).toEqual(before);
  });
});

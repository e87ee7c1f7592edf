// Rectification and restriction against real SQLite stores.
import { afterEach, describe, expect, it } from 'vitest';
import { executeRectification, executeRestriction, normalizeIdentities } from '../../src/rights/index.js';
import { createShop, type Shop } from './shop.js';
import { dump, testContext } from './context.js';

let shop: Shop;
afterEach(() => shop?.cleanup());
const ada = (s: Shop) => normalizeIdentities(s.model, new Map([['handle', ['ada']]]));

describe('rectification', () => {
  it('updates a category in every store that holds it, for the person only', async () => {
    shop = createShop('rectify');
    const ctx = testContext(shop);
    const result = await executeRectification(ctx, { id: 'req-rect', identities: ada(shop) }, [
      { target: 'user.contact.email', value: 'ada@new.example' },
    ]);
    await ctx.close();
    expect(result.status).toBe('completed');
    const a = shop.shopDb();
    expect(a.prepare('SELECT id, email FROM customers ORDER BY id').all()).toEqual([
      { id: 1, email: 'ada@new.example' },
      { id: 2, email: 'bob@example.com' },
    ]);
    a.close();
    const b = shop.activityDb();
    expect(b.prepare('SELECT id, email FROM tickets ORDER BY id').all()).toEqual([
      { id: 71, email: 'ada@new.example' },
      { id: 72, email: 'bob@example.com' },
    ]);
    b.close();
  });

  it("changes a category only in the person's own rows, never in rows of others reached through references", async () => {
    shop = createShop('rectify-own');
    const ctx = testContext(shop);
    await executeRectification(ctx, { id: 'req-own', identities: ada(shop) }, [
      { target: 'user.communication.support', value: 'Rectified' },
    ]);
    await ctx.close();
    const b = shop.activityDb();
    // The ticket is Ada's (found by her email); the messages, a staff reply among them, are reached through the ticket.
    expect(b.prepare('SELECT id, subject FROM tickets ORDER BY id').all()).toEqual([
      { id: 71, subject: 'Rectified' },
      { id: 72, subject: 'Invoice question' },
    ]);
    expect(b.prepare('SELECT id, body FROM messages WHERE ticket_id = 71 ORDER BY id').all()).toEqual([
      { id: 81, body: 'My VPS is stuck' },
      { id: 82, body: 'Rebooted it for you' },
    ]);
    b.close();
  });

  it('refuses a value of the wrong type or an unknown target before writing anything', async () => {
    shop = createShop('rectify-bad');
    const before = [dump(shop.shopDb()), dump(shop.activityDb())];
    const ctx = testContext(shop);
    await expect(
      executeRectification(ctx, { id: 'r1', identities: ada(shop) }, [{ target: 'user.contact.email', value: 'not an email' }]),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('expects an email address'),
    });
    await expect(
      executeRectification(ctx, { id: 'r2', identities: ada(shop) }, [{ target: 'user.contact.emial', value: 'a@b.example' }]),
    ).rejects.toThrowError(/did you mean "user.contact.email"/);
    await expect(
      executeRectification(ctx, { id: 'r3', identities: ada(shop) }, [{ target: 'shop.cards.token', value: 'tok_new' }]),
    ).rejects.toThrowError(/stored encrypted/);
    await ctx.close();
    expect([dump(shop.shopDb()), dump(shop.activityDb())]).toEqual(before);
  });
});

describe('restriction', () => {
  it('marks the person restricted where the manifest says how, and lifts it', async () => {
    shop = createShop('restrict');
    let ctx = testContext(shop);
    const result = await executeRestriction(ctx, { id: 'req-restrict', identities: ada(shop) });
    await ctx.close();
    expect(result.status).toBe('completed');
    if (result.status === 'completed') expect(result.unmarked).toContain('shop.cards');
    const read = () => {
      const a = shop.shopDb();
      const rows = a.prepare('SELECT id, restricted FROM customers ORDER BY id').all();
      a.close();
      return rows;
    };
    expect(read()).toEqual([
      { id: 1, restricted: 1 },
      { id: 2, restricted: 0 },
    ]);
    ctx = testContext(shop);
    await executeRestriction(ctx, { id: 'req-lift', identities: ada(shop) }, { lift: true });
    await ctx.close();
    expect(read()).toEqual([
      { id: 1, restricted: null },
      { id: 2, restricted: 0 },
    ]);
  });
});

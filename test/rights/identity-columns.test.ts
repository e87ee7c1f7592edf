// Several columns holding one identity (a primary and a backup e-mail): every one is looked up, and rectification changes
// only the column that holds the address being corrected.
import { afterEach, describe, expect, it } from 'vitest';
import { executeRectification, exportPersonData, normalizeIdentities } from '../../src/rights/index.js';
import { createShop, type Shop } from './shop.js';
import { memorySink, testContext } from './context.js';

let shop: Shop;
afterEach(() => shop?.cleanup());

function shopWithBackupEmail(name: string): Shop {
  const s = createShop(name, {
    manifest: (text) =>
      text.replace(
        'email: { category: user.contact.email, type: email, identity: email }',
        'email: { category: user.contact.email, type: email, identity: email }\n          backup_email: { category: user.contact.email, type: email, identity: email }',
      ),
  });
  const db = s.shopDb();
  db.exec(`ALTER TABLE customers ADD COLUMN backup_email TEXT;
    UPDATE customers SET backup_email = 'ada.home@example.com' WHERE id = 1;
    UPDATE customers SET backup_email = 'bob.home@example.com' WHERE id = 2;`);
  db.close();
  return s;
}

const byEmail = (s: Shop, email: string) => normalizeIdentities(s.model, new Map([['email', [email]]]));

describe('an identity held by two columns', () => {
  it('finds the person by the backup address as by the primary one', async () => {
    shop = shopWithBackupEmail('identity-backup');
    expect(shop.model.index.collections.get('shop.customers')?.identityFields.get('email')).toEqual(['email', 'backup_email']);
    for (const email of ['ada@example.com', 'ada.home@example.com']) {
      const ctx = testContext(shop);
      const { sink, rows } = memorySink();
      const result = await exportPersonData(ctx, { id: `req-${email}`, identities: byEmail(shop, email) }, sink, { action: 'access' });
      await ctx.close();
      expect(result.found).toBe(true);
      expect(rows.get('shop.customers')?.map((r) => r.id)).toEqual([1]);
      // The ticket is found by the primary address, which the backup address's row revealed.
      expect(rows.get('activity.tickets')?.map((r) => r.id)).toEqual([71]);
      expect(rows.get('shop.services')?.map((r) => r.id)).toEqual([21, 22]);
    }
  });

  it('corrects the column holding the address the request names, and leaves the backup address alone', async () => {
    shop = shopWithBackupEmail('identity-rectify');
    const ctx = testContext(shop);
    const result = await executeRectification(ctx, { id: 'req-rect', identities: byEmail(shop, 'ada@example.com') }, [
      { target: 'user.contact.email', value: 'ada@new.example' },
    ]);
    await ctx.close();
    expect(result.status).toBe('completed');
    const db = shop.shopDb();
    expect(db.prepare('SELECT id, email, backup_email FROM customers ORDER BY id').all()).toEqual([
      { id: 1, email: 'ada@new.example', backup_email: 'ada.home@example.com' },
      { id: 2, email: 'bob@example.com', backup_email: 'bob.home@example.com' },
    ]);
    db.close();
  });

  it('corrects the backup column when the request names the backup address', async () => {
    shop = shopWithBackupEmail('identity-rectify-backup');
    const ctx = testContext(shop);
    await executeRectification(ctx, { id: 'req-rect-b', identities: byEmail(shop, 'ada.home@example.com') }, [
      { target: 'user.contact.email', value: 'ada@home.example' },
    ]);
    await ctx.close();
    const db = shop.shopDb();
    expect(db.prepare('SELECT email, backup_email FROM customers WHERE id = 1').get()).toEqual({
      email: 'ada@example.com',
      backup_email: 'ada@home.example',
    });
    db.close();
  });

  it('corrects only the first column when the request names the person otherwise', async () => {
    shop = shopWithBackupEmail('identity-rectify-handle');
    const ctx = testContext(shop);
    await executeRectification(ctx, { id: 'req-rect-h', identities: normalizeIdentities(shop.model, new Map([['handle', ['ada']]])) }, [
      { target: 'user.contact.email', value: 'ada@new.example' },
    ]);
    await ctx.close();
    const db = shop.shopDb();
    expect(db.prepare('SELECT email, backup_email FROM customers WHERE id = 1').get()).toEqual({
      email: 'ada@new.example',
      backup_email: 'ada.home@example.com',
    });
    db.close();
  });
});

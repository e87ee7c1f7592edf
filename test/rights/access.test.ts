// Access and portability against real SQLite stores: exactly the person's rows (by hand-written SQL), secrets withheld.
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionModel } from '../../src/policy/index.js';
import {
  exportPersonData,
  normalizeIdentities,
  portableFields,
  WITHHELD,
  type ExportedValue,
  type ExportSink,
} from '../../src/rights/index.js';
import { createShop, type Shop } from './shop.js';
import { testContext } from './context.js';

let shop: Shop;
afterEach(() => shop?.cleanup());

function memorySink() {
  const rows = new Map<string, Record<string, ExportedValue>[]>();
  let current: CollectionModel | undefined;
  const sink: ExportSink = {
    async beginCollection(c) {
      current = c;
      rows.set(c.qualifiedName, []);
    },
    async row(values) {
      rows.get(current?.qualifiedName ?? '')?.push({ ...values });
    },
    async endCollection() {},
  };
  return { sink, rows };
}

/** Ada's rows per table, computed independently with hand-written SQL. */
function groundTruth(s: Shop): Record<string, number[]> {
  const a = s.shopDb();
  const b = s.activityDb();
  const ids = (db: typeof a, sql: string) => (db.prepare(sql).all() as { id: number }[]).map((r) => r.id).sort((x, y) => x - y);
  const truth = {
    'shop.customers': ids(a, "SELECT id FROM customers WHERE email = 'ada@example.com'"),
    'shop.cards': ids(a, "SELECT c.id FROM cards c JOIN customers u ON u.id = c.customer_id WHERE u.email = 'ada@example.com'"),
    'shop.services': ids(a, "SELECT s.id FROM services s JOIN customers u ON u.id = s.customer_id WHERE u.email = 'ada@example.com'"),
    'shop.orders': ids(
      a,
      "SELECT o.id FROM orders o JOIN services s ON s.id = o.service_id JOIN customers u ON u.id = s.customer_id WHERE u.email = 'ada@example.com'",
    ),
    'shop.invoices': ids(a, "SELECT i.id FROM invoices i JOIN customers u ON u.id = i.customer_id WHERE u.email = 'ada@example.com'"),
    'activity.logins': ids(b, "SELECT id FROM logins WHERE customer_id = '1'"),
    'activity.tickets': ids(b, "SELECT id FROM tickets WHERE email = 'ada@example.com'"),
    'activity.messages': ids(b, "SELECT m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.email = 'ada@example.com'"),
  };
  a.close();
  b.close();
  return truth;
}

describe('access', () => {
  it('exports every row of the person and nothing else, whichever identity the request carries', async () => {
    shop = createShop('access');
    const truth = groundTruth(shop);
    for (const [key, value] of [
      ['email', 'ada@example.com'],
      ['handle', 'ada'],
      ['customer_id', '1'],
    ] as const) {
      const ctx = testContext(shop);
      const { sink, rows } = memorySink();
      const result = await exportPersonData(
        ctx,
        { id: `req-access-${key}`, identities: normalizeIdentities(shop.model, new Map([[key, [value]]])) },
        sink,
        { action: 'access' },
      );
      await ctx.close();
      expect(result.found).toBe(true);
      const exported = Object.fromEntries([...rows].map(([q, list]) => [q, list.map((r) => Number(r.id)).sort((x, y) => x - y)]));
      expect(exported).toEqual(truth);
    }
  });

  it('withholds values stored encrypted or hashed and keeps card data to BIN and last four', async () => {
    shop = createShop('access-secrets');
    const ctx = testContext(shop);
    const { sink, rows } = memorySink();
    await exportPersonData(
      ctx,
      { id: 'req-secrets', identities: normalizeIdentities(shop.model, new Map([['email', ['ada@example.com']]])) },
      sink,
      { action: 'access' },
    );
    await ctx.close();
    expect(rows.get('shop.cards')).toEqual([{ id: 11, customer_id: 1, bin_last4: '424242…4242', token: WITHHELD.encrypted }]);
    expect(JSON.stringify([...rows])).not.toContain('tok_ada');
    expect(JSON.stringify([...rows])).not.toContain('bob@example.com');
  });

  it('reports a person the stores do not know as not found', async () => {
    shop = createShop('access-unknown');
    const ctx = testContext(shop);
    const { sink, rows } = memorySink();
    const result = await exportPersonData(
      ctx,
      { id: 'req-none', identities: normalizeIdentities(shop.model, new Map([['email', ['nobody@example.com']]])) },
      sink,
      { action: 'access' },
    );
    await ctx.close();
    expect(result.found).toBe(false);
    expect([...rows.values()].flat()).toEqual([]);
  });
});

describe('portability', () => {
  it('exports only what the person provided, processed on contract or consent', async () => {
    shop = createShop('portability');
    const ctx = testContext(shop);
    const { sink, rows } = memorySink();
    await exportPersonData(
      ctx,
      { id: 'req-port', identities: normalizeIdentities(shop.model, new Map([['email', ['ada@example.com']]])) },
      sink,
      { action: 'portability', fields: portableFields },
    );
    await ctx.close();
    expect([...rows.keys()]).toEqual(['shop.customers']);
    expect(rows.get('shop.customers')).toEqual([{ id: 1, email: 'ada@example.com', handle: 'ada', name: 'Ada Lovelace' }]);
  });
});

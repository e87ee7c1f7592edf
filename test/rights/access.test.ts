// Access and portability against real SQLite stores: exactly the person's rows (by hand-written SQL), secrets withheld.
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionModel } from '../../src/policy/index.js';
import type { Connector } from '../../src/connectors/index.js';
import { createConnectorPool, type ConnectorPool } from '../../src/connectors/index.js';
import {
  exportPersonData,
  normalizeIdentities,
  planRequest,
  resolveRequest,
  portableFields,
  WITHHELD,
  type ExportOptions,
} from '../../src/rights/index.js';
import { createShop, type Shop } from './shop.js';
import { memorySink, testContext } from './context.js';

let shop: Shop;
afterEach(() => shop?.cleanup());

/** Exports one person (by `key=value`, Ada's email by default) into a memory sink. */
async function exportOf(
  s: Shop,
  id: string,
  options: { identity?: readonly [string, string]; pool?: ConnectorPool; export?: Partial<ExportOptions> } = {},
) {
  const [key, value] = options.identity ?? ['email', 'ada@example.com'];
  const ctx = testContext(s, options.pool ? { pool: options.pool } : {});
  const { sink, rows } = memorySink();
  try {
    const result = await exportPersonData(ctx, { id, identities: normalizeIdentities(s.model, new Map([[key, [value]]])) }, sink, {
      action: 'access',
      ...options.export,
    });
    return { result, rows };
  } finally {
    await ctx.close();
  }
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
      const { result, rows } = await exportOf(shop, `req-access-${key}`, { identity: [key, value] });
      expect(result.found).toBe(true);
      const exported = Object.fromEntries([...rows].map(([q, list]) => [q, list.map((r) => Number(r.id)).sort((x, y) => x - y)]));
      expect(exported).toEqual(truth);
    }
  });

  it('withholds values stored encrypted or hashed and keeps card data to BIN and last four', async () => {
    shop = createShop('access-secrets');
    const { rows } = await exportOf(shop, 'req-secrets');
    expect(rows.get('shop.cards')).toEqual([{ id: 11, customer_id: 1, bin_last4: '424242…4242', token: WITHHELD.encrypted }]);
    expect(JSON.stringify([...rows])).not.toContain('tok_ada');
    expect(JSON.stringify([...rows])).not.toContain('bob@example.com');
  });

  it('reports a person the stores do not know as not found', async () => {
    shop = createShop('access-unknown');
    const { result, rows } = await exportOf(shop, 'req-none', { identity: ['email', 'nobody@example.com'] });
    expect(result.found).toBe(false);
    expect([...rows.values()].flat()).toEqual([]);
  });
});

/** A pool whose connectors count the finds (statements) each collection receives. */
function countingPool(s: Shop) {
  const finds = new Map<string, number>();
  const inner = createConnectorPool(s.model);
  const pool = {
    async get(dataset: string): Promise<Connector> {
      const connector = await inner.get(dataset);
      return new Proxy(connector, {
        get(target, property, receiver) {
          if (property !== 'findPages') return Reflect.get(target, property, receiver) as unknown;
          return (...args: Parameters<Connector['findPages']>) => {
            const name = args[0].collection.qualifiedName;
            finds.set(name, (finds.get(name) ?? 0) + 1);
            return target.findPages(...args);
          };
        },
      });
    },
    close: () => inner.close(),
  };
  return { pool, finds };
}

describe('identity expansion during access', () => {
  it('reads an identity collection during expansion only, and looks up a value found on a row again only when it is not unique', async () => {
    for (const [unique, reads] of [
      [false, 2],
      [true, 1],
    ] as const) {
      shop = createShop(`access-reads-${unique}`, {
        manifest: (text) => (unique ? text.replace('identity: handle }', 'identity: handle, unique: true }') : text),
      });
      expect(shop.model.index.collections.get('shop.customers')?.fields.get('handle')?.unique).toBe(unique || undefined);
      const { pool, finds } = countingPool(shop);
      const { rows } = await exportOf(shop, 'req-reads', { pool });
      // By email, then (unless unique) by the handle found on Ada's row; the id is the primary key, never looked up again.
      // One more find asks whether any other customer points at Ada's default card (an owned row is the person's only
      // when nobody else references it).
      expect(finds.get('shop.customers')).toBe(reads + 1);
      expect(rows.get('shop.customers')?.map((r) => r.id)).toEqual([1]);
      shop.cleanup();
    }
  });

  it('still finds rows that share a value found by expansion when the field is not declared unique', async () => {
    shop = createShop('access-shared-handle');
    const db = shop.shopDb();
    db.exec("INSERT INTO customers (id, email, handle, name, restricted) VALUES (3, 'ada.old@example.com', 'ada', 'Ada L.', 0)");
    db.close();
    const { rows } = await exportOf(shop, 'req-shared');
    expect(rows.get('shop.customers')?.map((r) => r.id)).toEqual([1, 3]);
  });

  it('hands every row over once, whether expansion kept the identity rows or gave up keeping them', async () => {
    shop = createShop('access-kept');
    const identities = normalizeIdentities(shop.model, new Map([['email', ['ada@example.com']]]));
    const plan = planRequest(shop.model, { action: 'access', identityKeys: ['email'] });
    const seen = [];
    for (const keptRows of [5000, 0]) {
      const pool = createConnectorPool(shop.model);
      const got = new Map<string, unknown[]>();
      const visit = {
        fields: (_: unknown, c: CollectionModel) => [...c.fields.keys()],
        page: (_: unknown, c: CollectionModel, page: readonly Record<string, unknown>[]) =>
          void got.set(c.qualifiedName, [...(got.get(c.qualifiedName) ?? []), ...page.map((r) => r.id)]),
        end: () => undefined,
      };
      const resolved = await resolveRequest(shop.model, plan, identities, pool, { visit, keptRows });
      await pool.close();
      expect(resolved.found).toBe(true);
      seen.push(Object.fromEntries([...got].map(([k, ids]) => [k, [...ids].sort()])));
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toMatchObject({ 'shop.customers': [1], 'activity.tickets': [71], 'activity.messages': [81, 82] });
  });
});

describe('portability', () => {
  it('exports only what the person provided, processed on contract or consent', async () => {
    shop = createShop('portability');
    const { rows } = await exportOf(shop, 'req-port', { export: { action: 'portability', fields: portableFields } });
    expect([...rows.keys()]).toEqual(['shop.customers']);
    expect(rows.get('shop.customers')).toEqual([{ id: 1, email: 'ada@example.com', handle: 'ada', name: 'Ada Lovelace' }]);
  });
});

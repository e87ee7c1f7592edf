// Erasure against real SQLite stores: ground truth by hand-written SQL, closure blockers, not found, a store that goes down.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CustosError } from '../../src/errors.js';
import { createConnectorPool, type ConnectorPool } from '../../src/connectors/index.js';
import { executeErasure, executeRestriction, normalizeIdentities, PINNED_ROWS, type ResolvedRequest } from '../../src/rights/index.js';
import type { RunRecord } from '../../src/store/index.js';
import { createShop, type Shop } from './shop.js';
import { dump, testContext, type TestContext } from './context.js';

const ada = (shop: Shop) => normalizeIdentities(shop.model, new Map([['email', ['Ada@Example.com']]]));
let shop: Shop;
afterEach(() => shop?.cleanup());

/** Bob's rows and the staff table, which no request of Ada's may touch. */
function othersRows(s: Shop) {
  const a = s.shopDb();
  const b = s.activityDb();
  const rows = {
    customers: a.prepare('SELECT * FROM customers WHERE id = 2').all(),
    cards: a.prepare('SELECT * FROM cards WHERE customer_id = 2').all(),
    services: a.prepare('SELECT * FROM services WHERE customer_id = 2').all(),
    orders: a.prepare('SELECT * FROM orders WHERE service_id = 23').all(),
    invoices: a.prepare('SELECT * FROM invoices WHERE customer_id = 2').all(),
    logins: b.prepare("SELECT * FROM logins WHERE customer_id = '2'").all(),
    tickets: b.prepare('SELECT * FROM tickets WHERE id = 72').all(),
    messages: b.prepare('SELECT * FROM messages WHERE ticket_id = 72').all(),
    staff: b.prepare('SELECT * FROM staff').all(),
  };
  a.close();
  b.close();
  return rows;
}

describe('erasure', () => {
  it("removes every row of the person, masks held invoices as declared, and leaves everyone else's data alone", async () => {
    shop = createShop('erase');
    const before = othersRows(shop);
    const ctx = testContext(shop);
    const result = await executeErasure(ctx, { id: 'req-erase-1', identities: ada(shop) });
    await ctx.close();
    expect(result.status).toBe('completed');

    const a = shop.shopDb();
    expect(a.prepare('SELECT id FROM customers').all()).toEqual([{ id: 2 }]);
    expect(a.prepare('SELECT id FROM cards').all()).toEqual([{ id: 12 }]);
    expect(a.prepare('SELECT id FROM services').all()).toEqual([{ id: 23 }]);
    expect(a.prepare('SELECT id FROM orders').all()).toEqual([{ id: 33 }]);
    // Held fields survive; everything the hold does not need is stripped.
    expect(
      a
        .prepare('SELECT id, customer_id, number, amount, billing_address, paid, issued_at FROM invoices WHERE id IN (41, 42) ORDER BY id')
        .all(),
    ).toEqual([
      {
        id: 41,
        customer_id: null,
        number: 'F-2025-041',
        amount: 9.99,
        billing_address: '[erased]',
        paid: 1,
        issued_at: '2025-03-01T00:00:00Z',
      },
      {
        id: 42,
        customer_id: null,
        number: 'F-2026-042',
        amount: 19.99,
        billing_address: '[erased]',
        paid: 1,
        issued_at: '2026-02-01T00:00:00Z',
      },
    ]);
    a.close();
    const b = shop.activityDb();
    const logins = b.prepare('SELECT * FROM logins WHERE id IN (51, 52) ORDER BY id').all() as {
      customer_id: string;
      ip: string;
      at: string | null;
    }[];
    expect(logins.map((l) => l.ip)).toEqual(['203.0.0.0', '2001:db8:85a3:8d3::']);
    expect(logins.every((l) => l.customer_id.startsWith('pse_') && l.at === null)).toBe(true);
    expect(b.prepare('SELECT id FROM tickets').all()).toEqual([{ id: 72 }]);
    expect(b.prepare('SELECT id FROM messages').all()).toEqual([{ id: 83 }]);
    b.close();

    expect(othersRows(shop)).toEqual(before);
    if (result.status !== 'completed') return;
    expect(result.holds.map((h) => [h.key, h.until]).sort()).toEqual([
      ['{"id":41}', '2035-03-01'],
      ['{"id":42}', '2036-02-01'],
    ]);
  });

  it('lists the exact blockers of an account closure and erases nothing', async () => {
    shop = createShop('blocked', { adaBlocked: true });
    const before = [dump(shop.shopDb()), dump(shop.activityDb())];
    const ctx = testContext(shop);
    const result = await executeErasure(ctx, { id: 'req-blocked', identities: ada(shop) });
    await ctx.close();
    expect(result.status).toBe('blocked');
    if (result.status !== 'blocked') return;
    expect(result.blockers.map((b) => [b.id, b.collection, b.rows])).toEqual([
      ['active-service', 'shop.services', 1],
      ['unpaid-invoice', 'shop.invoices', 1],
    ]);
    expect(result.blockers[0]?.description.en).toBe('An active service');
    expect([dump(shop.shopDb()), dump(shop.activityDb())]).toEqual(before);
  });

  it('journals the run with every intent of every store before the first write, and a blocked request in one record', async () => {
    shop = createShop('intents-first');
    let atFirstStep: RunRecord | undefined;
    const ctx: TestContext = testContext(shop, {
      onProgress: async (e) => {
        if (e.type === 'step-started' && atFirstStep === undefined) atFirstStep = await ctx.store.journal.get('req-intents');
      },
    });
    const result = await executeErasure(ctx, { id: 'req-intents', identities: ada(shop) });
    expect(result.status).toBe('completed');
    // The activity store's truncated login IPs, the shop's held invoices (hold end dates) and the customer rows pinned
    // before the card cycle is broken: all decided before any write.
    const withIntent = [...(atFirstStep?.steps.values() ?? [])].filter((step) => step.intent !== undefined && !step.done);
    expect(withIntent.map((step) => step.stepId.replace(/^\d+:/, '')).sort()).toEqual([
      'mask:activity.logins',
      'mask:shop.invoices',
      'null-reference:shop.customers.default_card_id',
    ]);
    expect(atFirstStep?.status).toBe('running');
    // Collections resolution read whole are written by the keys it found there, journaled with the run: a resumed run
    // writes the very rows the first attempt resolved.
    const pinned = (atFirstStep?.resolution as ResolvedRequest | undefined)?.pinned;
    expect(pinned?.['shop.customers']).toEqual([{ id: [1] }]);
    expect(pinned?.['shop.services']).toEqual([{ id: [21, 22] }]);
    await ctx.close();

    const blockedShop = createShop('intents-blocked', { adaBlocked: true });
    const blockedCtx = testContext(blockedShop);
    try {
      await executeErasure(blockedCtx, { id: 'req-blocked-once', identities: ada(blockedShop) });
      const run = await blockedCtx.store.journal.get('req-blocked-once');
      expect([run?.status, run?.steps.size, run?.finishedAt instanceof Date]).toEqual(['blocked', 0, true]);
    } finally {
      await blockedCtx.close();
      blockedShop.cleanup();
    }
  });

  it('erases a person with more rows in a collection than resolution pins by key, through the selections', async () => {
    shop = createShop('past-pins');
    const a = shop.shopDb();
    const many = Array.from({ length: PINNED_ROWS + 6 }, (_, i) => 100 + i);
    a.exec(`INSERT INTO services VALUES ${many.map((id) => `(${id}, 1, 'vps-xs', 'terminated')`).join(', ')}`);
    a.exec(`INSERT INTO orders VALUES ${many.map((id) => `(${id + 1000}, ${id}, 'vps-xs monthly')`).join(', ')}`);
    a.close();
    const before = othersRows(shop);
    let pinned: ResolvedRequest['pinned'];
    const ctx: TestContext = testContext(shop, {
      onProgress: async (e) => {
        if (e.type === 'step-started' && pinned === undefined)
          pinned = ((await ctx.store.journal.get('req-past-pins'))?.resolution as ResolvedRequest | undefined)?.pinned;
      },
    });
    const result = await executeErasure(ctx, { id: 'req-past-pins', identities: ada(shop) });
    await ctx.close();
    expect(result.status).toBe('completed');
    expect(pinned?.['shop.customers']).toEqual([{ id: [1] }]);
    expect(pinned?.['shop.services']).toBeUndefined();
    const after = shop.shopDb();
    expect(after.prepare('SELECT id FROM services').all()).toEqual([{ id: 23 }]);
    expect(after.prepare('SELECT id FROM orders').all()).toEqual([{ id: 33 }]);
    after.close();
    expect(othersRows(shop)).toEqual(before);
  });

  it('opens no transaction on a store where resolution found none of the person’s rows, and still journals its steps', async () => {
    // Without the logins collection, resolution reads every activity collection it selects: Ada has no ticket there.
    shop = createShop('nothing-here', { manifest: (text) => text.replace(/\n {6}logins:[\s\S]*?(?=\n {6}tickets:)/, '') });
    const activity = shop.activityDb();
    activity.exec('DELETE FROM messages WHERE ticket_id = 71; DELETE FROM tickets WHERE id = 71');
    activity.close();
    const before = dump(shop.activityDb());
    const committed: string[] = [];
    const ctx = testContext(shop, { onProgress: (e) => void (e.type === 'committed' && committed.push(e.dataset)) });
    const result = await executeErasure(ctx, { id: 'req-nothing-here', identities: ada(shop) });
    const run = await ctx.store.journal.get('req-nothing-here');
    await ctx.close();
    expect(result.status).toBe('completed');
    expect(committed).toEqual(['shop']);
    expect(dump(shop.activityDb())).toEqual(before);
    const activitySteps = [...(run?.steps.values() ?? [])].filter((s) => s.stepId.includes(':activity.'));
    expect(activitySteps.map((s) => [s.stepId.replace(/^\d+:/, ''), s.done, s.result])).toEqual([
      ['delete:activity.messages', true, { rows: 0 }],
      ['delete:activity.tickets', true, { rows: 0 }],
    ]);
    const a = shop.shopDb();
    expect(a.prepare('SELECT id FROM customers').all()).toEqual([{ id: 2 }]);
    a.close();
  });

  it('keeps nothing in Custos’s store that names the person once the request has ended, erased or blocked', async () => {
    const mentionsAda = (file: string) =>
      JSON.stringify(dump(new Database(file, { readonly: true })))
        .toLowerCase()
        .includes('ada@example.com');
    shop = createShop('forget');
    let whileRunning: boolean | undefined;
    const ctx: TestContext = testContext(shop, {
      onProgress: (e) =>
        void (e.type === 'step-started' && whileRunning === undefined && (whileRunning = mentionsAda(join(shop.dir, 'custos.db')))),
    });
    expect((await executeErasure(ctx, { id: 'req-forget', identities: ada(shop) })).status).toBe('completed');
    // Until the run ends its resolution (which names Ada) is kept, so that a crash can resume it.
    expect(whileRunning).toBe(true);
    expect(mentionsAda(join(shop.dir, 'custos.db'))).toBe(false);
    // The finished id still answers with its result.
    expect((await executeErasure(ctx, { id: 'req-forget', identities: ada(shop) })).status).toBe('completed');
    await ctx.close();
    // Nor do the file's bytes: what the run dropped was overwritten.
    expect(readFileSync(join(shop.dir, 'custos.db')).toString('latin1').toLowerCase()).not.toContain('ada@example.com');

    const blockedShop = createShop('forget-blocked', { adaBlocked: true });
    const blockedCtx = testContext(blockedShop);
    try {
      expect((await executeErasure(blockedCtx, { id: 'req-blocked', identities: ada(blockedShop) })).status).toBe('blocked');
      expect(mentionsAda(join(blockedShop.dir, 'custos.db'))).toBe(false);
    } finally {
      await blockedCtx.close();
      blockedShop.cleanup();
    }
  });

  it('answers a finished erasure’s id with the result it gave, touching no store', async () => {
    shop = createShop('again');
    const ctx = testContext(shop);
    const first = await executeErasure(ctx, { id: 'req-again', identities: ada(shop) });
    const after = [dump(shop.shopDb()), dump(shop.activityDb())];
    const again = await executeErasure(ctx, { id: 'req-again', identities: ada(shop) });
    await ctx.close();
    expect(first.status).toBe('completed');
    expect(again).toEqual(first);
    expect([dump(shop.shopDb()), dump(shop.activityDb())]).toEqual(after);
  });

  it('answers not-found for a person the stores do not know, touching nothing', async () => {
    shop = createShop('unknown');
    const before = [dump(shop.shopDb()), dump(shop.activityDb())];
    const ctx = testContext(shop);
    const result = await executeErasure(ctx, {
      id: 'req-nobody',
      identities: normalizeIdentities(shop.model, new Map([['email', ['nobody@example.com']]])),
    });
    await ctx.close();
    expect(result.status).toBe('not-found');
    expect([dump(shop.shopDb()), dump(shop.activityDb())]).toEqual(before);
  });

  it('refuses identity keys the manifest does not declare, and malformed values, without echoing the value', () => {
    shop = createShop('badkeys');
    expect(() => normalizeIdentities(shop.model, new Map([['phone', ['+33 1 23 45 67 89']]]))).toThrowError(
      /unknown identity key "phone".*email, customer_id, handle/,
    );
    const error = (() => {
      try {
        normalizeIdentities(shop.model, new Map([['email', ['not-an-email-secret']]]));
      } catch (e) {
        return e as CustosError;
      }
    })();
    expect(error?.code).toBe('invalid-input');
    expect(error?.message).not.toContain('not-an-email-secret');
  });

  it('refuses to reuse a request id for another action', async () => {
    shop = createShop('reuse');
    const ctx = testContext(shop);
    await executeErasure(ctx, {
      id: 'req-same',
      identities: normalizeIdentities(shop.model, new Map([['email', ['nobody@example.com']]])),
    });
    await expect(executeRestriction(ctx, { id: 'req-same', identities: ada(shop) })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already belongs to an earlier erase run'),
    });
    await ctx.close();
  });

  it('leaves a request resumable when a store goes down mid-way, and the rerun finishes it', async () => {
    shop = createShop('down');
    const real = createConnectorPool(shop.model);
    let activityUp = true;
    const flaky: ConnectorPool = {
      get: (dataset) =>
        dataset === 'activity' && !activityUp
          ? Promise.reject(new CustosError({ code: 'store-unavailable', message: 'dataset "activity" is unavailable' }))
          : real.get(dataset),
      close: () => real.close(),
    };
    const ctx = testContext(shop, {
      pool: flaky,
      // The activity store goes down once the shop store's steps are committed.
      onProgress: (e) => {
        if (e.type === 'committed' && e.dataset === 'shop') activityUp = false;
      },
    });
    await expect(executeErasure(ctx, { id: 'req-down', identities: ada(shop) })).rejects.toMatchObject({ code: 'store-unavailable' });
    const run = await ctx.store.journal.get('req-down');
    expect(run?.status).toBe('running');
    const doneSteps = [...(run?.steps.values() ?? [])].filter((s) => s.done).map((s) => s.stepId);
    expect(doneSteps.length).toBeGreaterThan(0);
    expect(doneSteps.every((id) => id.includes(':shop.'))).toBe(true);
    activityUp = true;
    const result = await executeErasure(ctx, { id: 'req-down', identities: ada(shop) });
    await ctx.close();
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return;
    expect(
      result.steps
        .filter((s) => s.skipped)
        .map((s) => s.stepId)
        .sort(),
    ).toEqual(doneSteps.sort());
    const b = shop.activityDb();
    expect(b.prepare('SELECT id FROM tickets').all()).toEqual([{ id: 72 }]);
    b.close();
  });
});

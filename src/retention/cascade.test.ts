// The cascade's decision for children whose own condition cannot be tested (a store its test reads failed): they stay,
// and a parent they require stays with them, instead of being judged by holds and restriction alone and deleted.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorPool, type ConnectorPool } from '../connectors/index.js';
import { decideCascade, rulesOf, type CascadeContext } from './cascade.js';
import { compileRetention } from './compile.js';
import { fatesOf } from './fate.js';
import { ROWS, shopWorld, type ShopWorld } from './shop.test-support.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const opened: { world: ShopWorld; pool: ConnectorPool }[] = [];
afterEach(async () => {
  for (const { world, pool } of opened.splice(0)) {
    await pool.close();
    world.cleanup();
  }
});

async function decisionFor(customer: number, unreadable: readonly string[]) {
  const world = shopWorld(ROWS);
  const pool = createConnectorPool(world.model);
  opened.push({ world, pool });
  const compiled = compileRetention(world.model, { now: NOW });
  const readers = await fatesOf(world.model, pool, compiled.conditions, [], NOW, new Map());
  const ctx: CascadeContext = {
    model: world.model,
    rule: 'account',
    rules: rulesOf(compiled),
    holdRecords: [],
    now: NOW,
    fateOf: (collection) =>
      unreadable.includes(collection.qualifiedName) ? Promise.resolve({ unreadable: 'the test store failed' }) : readers(collection),
  };
  const customers = world.model.index.collections.get('shop.customers')!;
  const store = await pool.get('shop');
  const decision = await decideCascade(ctx, store, customers, [customer]);
  return { decision, snapshot: world.snapshot() };
}

describe('the cascade when a child collection cannot be tested', () => {
  it('deletes a due customer with their due order when the orders can be tested', async () => {
    const { decision } = await decisionFor(3, []);
    expect(decision.blocked.size).toBe(0);
    const orders = decision.children.find((c) => c.collection.qualifiedName === 'shop.orders')!;
    expect(orders.rows.map((r) => [r.id, r.kept])).toEqual([[3, false]]);
  });

  it('keeps the order, and the customer its required reference needs, when the orders cannot be tested', async () => {
    const { decision, snapshot } = await decisionFor(3, ['shop.orders']);
    const orders = decision.children.find((c) => c.collection.qualifiedName === 'shop.orders')!;
    expect(orders.rows.map((r) => [r.id, r.kept])).toEqual([[3, true]]);
    expect([...decision.blocked]).toEqual([expect.stringContaining('3')]);
    // Deciding writes nothing.
    expect(snapshot['orders']).toHaveLength(5);
  });
});

// Crash test: an erasure killed with SIGKILL mid-way is finished by a rerun, every step exactly once.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { executeErasure, normalizeIdentities } from '../../src/rights/index.js';
import { createShop, SHOP_MANIFEST, type Shop } from './shop.js';
import { testContext } from './context.js';

let shop: Shop;
afterEach(() => shop?.cleanup());

/** Runs the child until it reports STOPPED, then kills it with SIGKILL. */
async function runAndKill(s: Shop, stopAt: string): Promise<void> {
  const manifest = join(s.dir, 'shop.yaml');
  writeFileSync(manifest, SHOP_MANIFEST);
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'erase-child.ts'), s.dir, manifest, stopAt], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('STOPPED')) resolve();
      if (d.toString().includes('FINISHED')) reject(new Error('the child finished instead of stopping'));
    });
    child.on('exit', () => reject(new Error(`child exited before stopping: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exit).toBe('SIGKILL');
}

async function expectErased(s: Shop): Promise<void> {
  const a = s.shopDb();
  expect(a.prepare('SELECT id FROM customers').all()).toEqual([{ id: 2 }]);
  expect(a.prepare('SELECT id FROM services').all()).toEqual([{ id: 23 }]);
  expect(a.prepare("SELECT count(*) AS n FROM invoices WHERE billing_address = '[erased]'").get()).toEqual({ n: 2 });
  a.close();
  const b = s.activityDb();
  expect(b.prepare('SELECT id FROM tickets').all()).toEqual([{ id: 72 }]);
  const ips = b.prepare('SELECT ip FROM logins WHERE id IN (51, 52) ORDER BY id').all();
  expect(ips).toEqual([{ ip: '203.0.0.0' }, { ip: '2001:db8:85a3:8d3::' }]);
  b.close();
}

/** What an erasure of Ada that nothing interrupts reports: rows per step. */
async function uninterruptedRows(): Promise<Record<string, number>> {
  const clean = createShop('crash-clean');
  const ctx = testContext(clean);
  try {
    const result = await executeErasure(ctx, { id: 'req-clean', identities: adaIdentities(clean) });
    if (result.status !== 'completed') throw new Error(`the uninterrupted erasure ended ${result.status}`);
    return Object.fromEntries(result.steps.map((s) => [s.stepId, s.rows]));
  } finally {
    await ctx.close();
    clean.cleanup();
  }
}

const adaIdentities = (s: Shop) => normalizeIdentities(s.model, new Map([['email', ['ada@example.com']]]));

describe('erasure after a crash', () => {
  it('resumes after the last store committed: steps journaled done are skipped, the rest replayed, every step reporting its rows', async () => {
    const expected = await uninterruptedRows();
    shop = createShop('crash-committed');
    // Killed after the activity store committed: its transaction journaled its rows, and the shop store's completion,
    // before committing; its own completion waited for the run's end.
    await runAndKill(shop, 'committed:activity');
    const ctx = testContext(shop);
    const before = await ctx.store.journal.get('req-crash');
    const doneBefore = [...(before?.steps.values() ?? [])].filter((s) => s.done).map((s) => s.stepId);
    expect(doneBefore.length).toBeGreaterThan(0);
    expect(doneBefore.every((id) => id.includes(':shop.'))).toBe(true);
    const result = await executeErasure(ctx, { id: 'req-crash', identities: adaIdentities(shop) });
    const after = await ctx.store.journal.get('req-crash');
    // Asked again, the finished request answers with the same result, steps skipped by the resumed attempt included.
    const again = await executeErasure(ctx, { id: 'req-crash', identities: adaIdentities(shop) });
    await ctx.close();
    expect(again).toEqual(result);
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return;
    expect(result.resumed).toBe(true);
    expect(
      result.steps
        .filter((s) => s.skipped)
        .map((s) => s.stepId)
        .sort(),
    ).toEqual(doneBefore.sort());
    expect(result.steps.filter((s) => !s.skipped).every((s) => !doneBefore.includes(s.stepId))).toBe(true);
    // The report says what the request did, the first attempt's rows included, as an uninterrupted run says.
    expect(Object.fromEntries(result.steps.map((s) => [s.stepId, s.rows]))).toEqual(expected);
    expect([...(after?.steps.values() ?? [])].every((s) => s.done)).toBe(true);
    await expectErased(shop);
  });

  it('reports the rows the first attempt deleted when it was killed after a store committed, before the journal said so', async () => {
    const expected = await uninterruptedRows();
    expect(expected['09:delete:shop.customers']).toBe(1);
    shop = createShop('crash-unjournaled');
    // Killed right after the shop store committed: no journal write has marked its steps done.
    await runAndKill(shop, 'committed:shop');
    const ctx = testContext(shop);
    const before = await ctx.store.journal.get('req-crash');
    expect([...(before?.steps.values() ?? [])].filter((s) => s.done)).toEqual([]);
    const result = await executeErasure(ctx, { id: 'req-crash', identities: adaIdentities(shop) });
    const again = await executeErasure(ctx, { id: 'req-crash', identities: adaIdentities(shop) });
    await ctx.close();
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return;
    // The replay found Ada's shop rows gone, and still reports the rows deleted: not `0 row(s)`.
    expect(result.steps.filter((s) => s.skipped)).toEqual([]);
    expect(Object.fromEntries(result.steps.map((s) => [s.stepId, s.rows]))).toEqual(expected);
    expect(again).toEqual(result);
    await expectErased(shop);
  });

  it('resumes after a kill inside a transaction: nothing half-written, the replay writes the recorded values', async () => {
    shop = createShop('crash-midtx');
    // Killed right after the logins mask ran inside the activity store's transaction, before commit.
    await runAndKill(shop, 'step:02:mask:activity.logins');
    const b = shop.activityDb();
    // The transaction never committed: the IPs are untouched.
    expect(b.prepare('SELECT ip FROM logins WHERE id = 51').get()).toEqual({ ip: '203.0.113.77' });
    b.close();
    const ctx = testContext(shop);
    const recorded = await ctx.store.journal.get('req-crash');
    const intent = recorded?.steps.get('02:mask:activity.logins')?.intent as { rows: { set: Record<string, unknown> }[] } | undefined;
    expect(intent?.rows.length).toBe(2);
    const result = await executeErasure(ctx, {
      id: 'req-crash',
      identities: normalizeIdentities(shop.model, new Map([['email', ['ada@example.com']]])),
    });
    await ctx.close();
    expect(result.status).toBe('completed');
    await expectErased(shop);
    const hashed = shop.activityDb();
    const ids = hashed.prepare('SELECT customer_id FROM logins WHERE id IN (51, 52)').all() as { customer_id: string }[];
    hashed.close();
    // The replay wrote the pseudonyms decided before the crash, not hashes of hashes.
    expect(ids.map((r) => r.customer_id)).toEqual(intent?.rows.map((r) => r.set.customer_id));
  });
});

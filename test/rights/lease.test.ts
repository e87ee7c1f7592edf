// Request leases: two processes running the same request id at once on one store; one erases, the other is refused.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { executeErasure, normalizeIdentities, type ErasureResult } from '../../src/rights/index.js';
import { testContext } from './context.js';
import { createShop, SHOP_MANIFEST, type Shop } from './shop.js';

let shop: Shop | undefined;
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  shop?.cleanup();
});

/** A child process running test/rights/lease-child.ts, with the lines it printed so far and a way to wait for one. */
function startChild(s: Shop, manifest: string, requestId: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'lease-child.ts'), s.dir, manifest, requestId]);
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  const waiters: (() => void)[] = [];
  let buffered = '';
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
    waiters.splice(0).forEach((wake) => wake());
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.on('exit', () => waiters.splice(0).forEach((wake) => wake()));
  /** Waits until a printed line starts with one of `prefixes`; returns it. */
  const until = async (...prefixes: string[]): Promise<string> => {
    for (;;) {
      const found = lines.find((l) => prefixes.some((p) => l.startsWith(p)));
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`the child exited before printing ${prefixes.join(' or ')}: ${stderr}`);
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  return { child, lines, until, exited, send: (text: string) => child.stdin.write(`${text}\n`) };
}

describe('request leases', () => {
  it('lets one of two processes racing the same request id erase, refuses the other, and the journal ends completed with the real counts', async () => {
    shop = createShop('lease-race');
    const manifest = join(shop.dir, 'shop.yaml');
    writeFileSync(manifest, SHOP_MANIFEST);
    const racers = [startChild(shop, manifest, 'req-race'), startChild(shop, manifest, 'req-race')];
    await Promise.all(racers.map((r) => r.until('READY')));
    racers.forEach((r) => r.send('go'));
    // Each either holds the request (paused once resolved) or is refused; the holder waits until the other has answered.
    const first = await Promise.all(racers.map((r) => r.until('HOLDING', 'REFUSED')));
    expect(first.filter((l) => l.startsWith('HOLDING'))).toHaveLength(1);
    const holder = racers[first.findIndex((l) => l.startsWith('HOLDING'))]!;
    const refused = racers[first.findIndex((l) => l.startsWith('REFUSED'))]!;
    expect(await refused.until('REFUSED')).toMatch(/^REFUSED request-busy request "req-race" is being run by another process/);
    expect(await refused.exited).toBe(0);
    holder.send('continue');
    const line = await holder.until('RESULT');
    expect(await holder.exited).toBe(0);
    const result = JSON.parse(line.slice('RESULT '.length)) as ErasureResult;
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return;
    const rows = Object.fromEntries(result.steps.map((s) => [s.stepId, s.rows]));
    expect(rows['09:delete:shop.customers']).toBe(1);
    expect(rows['04:delete:activity.tickets']).toBe(1);
    // The store holds the erasure, and the journal answers with it: completed, with the rows really written.
    const db = shop.shopDb();
    expect(db.prepare('SELECT id FROM customers').all()).toEqual([{ id: 2 }]);
    db.close();
    const ctx = testContext(shop);
    const run = await ctx.store.journal.get('req-race');
    const again = await executeErasure(ctx, {
      id: 'req-race',
      identities: normalizeIdentities(shop.model, new Map([['email', ['ada@example.com']]])),
    });
    await ctx.close();
    expect(run?.status).toBe('completed');
    expect(again.status).toBe('completed');
    if (again.status !== 'completed') return;
    expect(Object.fromEntries(again.steps.map((s) => [s.stepId, s.rows]))).toEqual(rows);
  });
});

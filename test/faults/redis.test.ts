// Fault suite: a private Redis killed by pid before chosen commands of access and erasure. A command the connection lost
// must never read as "no such key": the request stops with store-unavailable, and the same id, run again, finishes once.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeErasure } from '../../src/rights/index.js';
import { writeAccessPackage } from '../../src/rights/package/index.js';
import { killOnce, onRedisCommand } from './hooks.js';
import { createFaultProvider, storeState, type FaultProvider } from './provider.js';
import { missingBinaries, startPrivateServer, type PrivateServer } from './servers.js';
import { rowsByCollection } from './sql-faults.js';

const skipped = missingBinaries('redis');
if (skipped) console.warn(skipped);

const FULL = {
  customers: [1, 2],
  keys: ['customer_sessions:1', 'customer_sessions:2', 'session:1:7', 'session:1:8', 'session:2:9'],
  members: { 'customer_sessions:1': ['session:1:7', 'session:1:8'], 'customer_sessions:2': ['session:2:9'] },
};
const ADA_ERASED = {
  customers: [2],
  keys: ['customer_sessions:2', 'session:2:9'],
  members: { 'customer_sessions:2': ['session:2:9'] },
};

describe.skipIf(skipped !== undefined)('redis killed during a request', () => {
  let server: PrivateServer;
  let provider: FaultProvider;
  let unhook: (() => void) | undefined;
  const uncaught: unknown[] = [];
  const monitor = (error: unknown) => void uncaught.push(error);
  beforeAll(async () => {
    server = await startPrivateServer('redis');
  });
  afterAll(() => server?.dispose());
  beforeEach(async () => {
    process.on('uncaughtExceptionMonitor', monitor);
    if (!server.running) await server.restart();
    provider = await createFaultProvider(server, 'redis');
  });
  afterEach(() => {
    unhook?.();
    process.off('uncaughtExceptionMonitor', monitor);
    provider?.cleanup();
    expect(uncaught.splice(0).map(String)).toEqual([]);
  });

  /** Erases Ada with the server killed before the first `command`; checks it stopped, then reruns the same id. */
  async function eraseKilledAt(command: string): Promise<void> {
    unhook = onRedisCommand(
      server,
      killOnce<string>(server, (name) => name === command),
    );
    const ctx = provider.context();
    await expect(executeErasure(ctx, provider.request('req-erase'))).rejects.toMatchObject({ code: 'store-unavailable' });
    await ctx.close();
    unhook();
    expect(server.running).toBe(false);

    await server.restart();
    // Nothing was written (the data outlived the kill): Ada's sessions and her index set are all there.
    expect(await storeState(server, provider.dir)).toEqual(FULL);
    const again = provider.context();
    const result = await executeErasure(again, provider.request('req-erase'));
    expect(rowsByCollection(result)).toEqual({ 'cache.sessions': 2, 'accounts.customers': 1 });
    expect(await storeState(server, provider.dir)).toEqual(ADA_ERASED);
    // Asked once more, even with the server down, the finished request answers with its result and touches nothing.
    server.killNow();
    expect(await executeErasure(again, provider.request('req-erase'))).toEqual(result);
    await again.close();
  }

  it('erasure killed before its first TYPE stops with store-unavailable, not "0 rows"; run again, it erases once', async () => {
    await eraseKilledAt('type');
  });

  it('erasure killed before its MULTI is executed stops with store-unavailable; run again, it erases once', async () => {
    await eraseKilledAt('exec');
  });

  it('access killed before HGETALL stops with store-unavailable and leaves no package; run again, it packages every row', async () => {
    const out = join(provider.dir, 'ada.zip');
    unhook = onRedisCommand(
      server,
      killOnce<string>(server, (name) => name === 'hgetall'),
    );
    const ctx = provider.context();
    await expect(writeAccessPackage(ctx, provider.request('req-access'), { out })).rejects.toMatchObject({ code: 'store-unavailable' });
    await ctx.close();
    unhook();
    expect(server.running).toBe(false);
    expect(provider.leftovers()).toEqual([]);

    await server.restart();
    const again = provider.context();
    const result = await writeAccessPackage(again, provider.request('req-access'), { out });
    await again.close();
    expect(result).toMatchObject({ found: true, rows: 3, collections: 2 });
    expect(provider.leftovers()).toEqual(['ada.zip']);
  });
});

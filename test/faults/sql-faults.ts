// The fault scenarios shared by the PostgreSQL and MariaDB suites: the server dies during access and during erasure.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeErasure } from '../../src/rights/index.js';
import { writeAccessPackage } from '../../src/rights/package/index.js';
import { killOnce, watchConnector, type ConnectorCall } from './hooks.js';
import { createFaultProvider, storeState, type FaultProvider } from './provider.js';
import { missingBinaries, startPrivateServer, type PrivateServer } from './servers.js';

/** Steps' rows by collection, for a completed erasure. */
export function rowsByCollection(result: Awaited<ReturnType<typeof executeErasure>>): Record<string, number> {
  if (result.status !== 'completed') throw new Error(`the erasure ended ${result.status}`);
  return Object.fromEntries(result.steps.map((step) => [step.collection, step.rows]));
}

export function describeSqlFaults(kind: 'postgres' | 'mysql'): void {
  const skipped = missingBinaries(kind);
  if (skipped) console.warn(skipped);

  describe.skipIf(skipped !== undefined)(`${kind} killed during a request`, () => {
    let server: PrivateServer;
    let provider: FaultProvider;
    beforeAll(async () => {
      server = await startPrivateServer(kind);
    });
    afterAll(() => server?.dispose());
    // A client 'error' event nobody handles ends a process (the CLI printed a stack trace): none may happen.
    const uncaught: unknown[] = [];
    const monitor = (error: unknown) => void uncaught.push(error);
    beforeEach(async () => {
      process.on('uncaughtExceptionMonitor', monitor);
      if (!server.running) await server.restart();
      provider = await createFaultProvider(server, kind);
    });
    afterEach(() => {
      process.off('uncaughtExceptionMonitor', monitor);
      provider?.cleanup();
      expect(uncaught.splice(0).map(String)).toEqual([]);
    });

    it('access stops with store-unavailable and leaves no package; run again, it packages every row', async () => {
      const out = join(provider.dir, 'ada.zip');
      const kill = killOnce<ConnectorCall>(server, (call) => call.operation === 'find' && call.collection === 'crm.orders');
      const ctx = provider.context((connector) => watchConnector(connector, kill));
      await expect(writeAccessPackage(ctx, provider.request('req-access'), { out })).rejects.toMatchObject({
        code: 'store-unavailable',
      });
      await ctx.close();
      expect(server.running).toBe(false);
      expect(provider.leftovers()).toEqual([]);

      await server.restart();
      const again = provider.context();
      const result = await writeAccessPackage(again, provider.request('req-access'), { out });
      await again.close();
      expect(result).toMatchObject({ found: true, rows: 3, collections: 2 });
      expect(provider.leftovers()).toEqual(['ada.zip']);
    });

    it('erasure killed with its transaction open stops with store-unavailable; run again, it erases once', async () => {
      const kill = killOnce<ConnectorCall>(server, (call) => call.operation === 'delete' && call.inTransaction);
      const ctx = provider.context((connector) => watchConnector(connector, kill));
      await expect(executeErasure(ctx, provider.request('req-erase'))).rejects.toMatchObject({ code: 'store-unavailable' });
      await ctx.close();
      expect(server.running).toBe(false);

      await server.restart();
      // Nothing was committed: every row is still there.
      expect(await storeState(server, provider.dir)).toEqual({ customers: [1, 2], orders: [31, 32, 33] });
      const again = provider.context();
      const result = await executeErasure(again, provider.request('req-erase'));
      expect(rowsByCollection(result)).toEqual({ 'crm.orders': 2, 'crm.customers': 1 });
      expect(await storeState(server, provider.dir)).toEqual({ customers: [2], orders: [33] });
      // Asked once more, even with the server down, the finished request answers with its result and touches nothing.
      server.killNow();
      expect(await executeErasure(again, provider.request('req-erase'))).toEqual(result);
      await again.close();
    });
  });
}

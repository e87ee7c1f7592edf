// The fault scenarios shared by the PostgreSQL and MariaDB suites: the server dies during access and during erasure.
import { spawnSync } from 'node:child_process';
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

/** `command`: also run the `custos` command as a process of its own (seconds per start). */
export function describeSqlFaults(kind: 'postgres' | 'mysql', options: { command?: boolean } = {}): void {
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

    // One process start of the command costs seconds: the suite runs it where the fault was reported (PostgreSQL).
    if (!options.command) return;
    it('the custos command, its server killed with a transaction open, prints one line and how to resume; the same id then erases once', async () => {
      const killed = { CUSTOS_FAULT_KILL_PID: String(server.pid), CUSTOS_FAULT_KILL_AT: 'delete' };
      const first = custos(provider, ['--request-id', 'req-cli'], killed);
      expect(server.running).toBe(false);
      expect(first.stdout).toBe('');
      expect(first.stderr).toContain(`custos: dataset "crm": the ${kind} store is unavailable`);
      expect(first.stderr).toContain('run the same command with --request-id req-cli to resume');
      // One line per failure, never a stack trace or an unhandled 'error' event; and no personal data.
      expect(first.stderr).not.toMatch(/^\s+at |Unhandled|node:events/m);
      expect(first.stderr).not.toContain('ada@example.com');
      expect(first.status).toBe(1);

      await server.restart();
      expect(await storeState(server, provider.dir)).toEqual({ customers: [1, 2], orders: [31, 32, 33] });
      // The command's run, resumed through the library on the same store of Custos.
      const again = provider.context();
      const result = await executeErasure(again, provider.request('req-cli'));
      await again.close();
      expect(result).toMatchObject({ status: 'completed', resumed: true });
      expect(rowsByCollection(result)).toEqual({ 'crm.orders': 2, 'crm.customers': 1 });
      expect(await storeState(server, provider.dir)).toEqual({ customers: [2], orders: [33] });
    });
  });
}

/** Runs `custos rights erase` on the provider as its own process, with cli-strike.ts preloaded. */
function custos(provider: FaultProvider, args: readonly string[], env: Record<string, string>) {
  const main = join(import.meta.dirname, '../../src/cli/main.ts');
  const strike = join(import.meta.dirname, 'cli-strike.ts');
  const command = [
    'rights',
    'erase',
    provider.manifestDir,
    '--identity',
    'email=ada@example.com',
    '--store',
    join(provider.dir, 'custos.db'),
  ];
  return spawnSync(process.execPath, ['--import', 'tsx', '--import', strike, main, ...command, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env, CUSTOS_PSEUDONYM_KEY: '2a'.repeat(32) },
  });
}

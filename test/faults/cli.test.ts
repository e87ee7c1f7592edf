// Fault suite: the `custos` command itself, its private PostgreSQL server killed with the erasure's transaction open (the
// server is killed from inside the command's process, see cli-strike.ts). It must print one line and how to resume.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeErasure } from '../../src/rights/index.js';
import { createFaultProvider, storeState, type FaultProvider } from './provider.js';
import { missingBinaries, startPrivateServer, type PrivateServer } from './servers.js';
import { rowsByCollection } from './sql-faults.js';

const skipped = missingBinaries('postgres');
if (skipped) console.warn(skipped);

describe.skipIf(skipped !== undefined)('the custos command, its PostgreSQL server killed during an erasure', () => {
  let server: PrivateServer;
  let provider: FaultProvider;
  beforeAll(async () => {
    server = await startPrivateServer('postgres');
    provider = await createFaultProvider(server, 'cli');
  });
  afterAll(async () => {
    provider?.cleanup();
    await server?.dispose();
  });

  it('prints the store-unavailable line and how to resume, no stack trace; the same id then erases once', async () => {
    const killed = { CUSTOS_FAULT_KILL_PID: String(server.pid), CUSTOS_FAULT_KILL_AT: 'delete' };
    const first = custos(provider, ['--request-id', 'req-cli'], killed);
    expect(server.running).toBe(false);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain('custos: dataset "crm": the postgres store is unavailable');
    expect(first.stderr).toContain('run the same command with --request-id req-cli to resume');
    // One line per failure, never a stack trace or an unhandled 'error' event; and no personal data.
    expect(first.stderr).not.toMatch(/^\s+at |Unhandled|node:events/m);
    expect(first.stderr).not.toContain('ada@example.com');
    expect(first.status).toBe(1);

    await server.restart();
    expect(await storeState(server, provider.dir)).toEqual({ customers: [1, 2], orders: [31, 32, 33] });
    // The command's run, resumed through the library on the same store of Custos (a second process start costs seconds).
    const again = provider.context();
    const result = await executeErasure(again, provider.request('req-cli'));
    await again.close();
    expect(result).toMatchObject({ status: 'completed', resumed: true });
    expect(rowsByCollection(result)).toEqual({ 'crm.orders': 2, 'crm.customers': 1 });
    expect(await storeState(server, provider.dir)).toEqual({ customers: [2], orders: [33] });
  });
});

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

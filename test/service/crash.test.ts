// The service killed with SIGKILL mid-erasure (SQLite): `custos serve` started again resumes the journaled run and
// completes the request exactly once; every table of the provider's stores changed only in the person's rows.
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCustomer, nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { handWrittenPersonRows, nimbusSqliteStores } from '../../bench/baseline/nimbus.js';
import { systemClock } from '../../src/clock.js';
import { openDesk } from '../../src/desk/index.js';
import { openSqliteJobQueue } from '../../src/jobs/index.js';
import { compilePolicyFolder, type PolicyModel } from '../../src/policy/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { generateMasterKey, loadMasterKeys, openMemoryKeyRing, openVault } from '../../src/vault/index.js';
import { eventually } from '../desk/world.js';
import { nimbusCopy, serviceEnv, spawnCustos, spawnServiceChild } from './processes.js';

const CUSTOMERS = 20;
const KEY = new Uint8Array(32).fill(7);
const officer = { role: 'officer', id: 'u_officer' } as const;
const agent = { role: 'agent', id: 'u_agent' } as const;

const dir = resolve(`test/.tmp/service-crash-${process.pid}-${Date.now()}`);
let privacy: string;
let storeFile: string;
beforeAll(async () => {
  privacy = await nimbusCopy(dir, CUSTOMERS);
  storeFile = join(dir, '.custos', 'custos.db');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every row of every table of the provider's SQLite files, by `file.table` and rowid, as JSON without the rowid. */
function dumpData(): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  const data = join(dir, 'data');
  for (const file of readdirSync(data).filter((f) => f.endsWith('.db'))) {
    const db = new Database(join(data, file), { readonly: true });
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    for (const { name } of tables) {
      const rows = db.prepare<[], Record<string, unknown>>(`SELECT rowid AS __rowid, * FROM "${name}"`).all();
      out.set(`${file.replace(/\.db$/, '')}.${name}`, new Map(rows.map(({ __rowid, ...row }) => [Number(__rowid), JSON.stringify(row)])));
    }
    db.close();
  }
  return out;
}

/** Rows of `before` changed or removed in `after` (as they were before), and rows `after` added (`row` undefined). */
function changedRows(before: Map<string, Map<number, string>>, after: Map<string, Map<number, string>>) {
  const out: { table: string; row: string | undefined }[] = [];
  for (const [table, rows] of before) {
    const now = after.get(table) ?? new Map<number, string>();
    for (const [rowid, row] of rows) if (now.get(rowid) !== row) out.push({ table, row });
    for (const rowid of now.keys()) if (!rows.has(rowid)) out.push({ table, row: undefined });
  }
  return out;
}

/** An erasure verified and approved by staff, its run queued as a job whose attempts expire after 8 s (a killed worker's). */
async function approvedErasure(model: PolicyModel, email: string): Promise<string> {
  const store = openSqliteStore(storeFile);
  const jobs = openSqliteJobQueue(storeFile, { expireInSeconds: 8 });
  const vault = openVault(openMemoryKeyRing(), loadMasterKeys({ CUSTOS_MASTER_KEY: generateMasterKey() }));
  const desk = openDesk({
    model,
    store,
    jobs,
    vault,
    clock: systemClock,
    options: { pseudonymKey: KEY, packagesDir: join(dir, '.custos', 'packages'), runRetryDelaySeconds: 1 },
  });
  const { id } = await desk.submit({ kind: 'erasure', channel: 'web', jurisdiction: 'gdpr', identities: { email: [email] } });
  await desk.markVerified(id, agent, 'identity checked by letter');
  await desk.approve(id, officer);
  await jobs.close();
  await vault.close();
  await store.close();
  return id;
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = openSqliteStore(storeFile);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('custos serve killed with SIGKILL during an erasure', () => {
  it('resumes the run when started again and completes the request exactly once, changing only the planned rows', async () => {
    const model = compilePolicyFolder(privacy).model!;
    let n = 2;
    while (nimbusCustomer(n).closure !== 'free') n++;
    const email = nimbusEmail(n);
    const id = await approvedErasure(model, email);
    const before = dumpData();
    const data = nimbusSqliteStores(join(dir, 'data'));
    const planned = await handWrittenPersonRows(data, email);
    await data.close();
    expect(planned['accounts.customers']).toHaveLength(1);

    // The first process takes the job and dies once the first store has committed its deletions.
    const env = serviceEnv();
    const first = spawnServiceChild(privacy, storeFile, env, 'first-commit');
    await first.waitFor('STOPPED', 90_000);
    first.child.kill('SIGKILL');
    expect(await first.exit).toBe('SIGKILL');
    const interrupted = await withStore(async (store) => ({
      status: (await store.requests.get(id))!.request.status,
      run: await store.journal.get(id),
    }));
    expect(interrupted.status).toBe('running');
    expect(interrupted.run?.status).toBe('running');
    expect([...interrupted.run!.steps.values()].every((s) => s.done)).toBe(false);
    // One store committed its part before the kill; the rest is still to do.
    const mid = dumpData();
    expect(changedRows(before, mid).length).toBeGreaterThan(0);

    // The real command, started again on the same store: the killed attempt expires and the next one resumes the run.
    const second = spawnCustos(['serve', privacy, '--store', storeFile, '--port', '0'], dir, env);
    const listening = await second.waitFor('custos: serving', 90_000);
    expect(listening).toMatch(/at http:\/\/127\.0\.0\.1:\d+ — API docs http:\/\/127\.0\.0\.1:\d+\/api\/docs/);
    await eventually(
      () => withStore(async (store) => ((await store.requests.get(id))!.request.status === 'completed' ? true : undefined)),
      90_000,
    );
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);

    await withStore(async (store) => {
      const history = await store.requests.history(id);
      expect(history.filter((t) => t.event === 'start-run')).toHaveLength(1);
      expect(history.filter((t) => t.event === 'run-succeeded')).toHaveLength(1);
      const { request } = (await store.requests.get(id))!;
      expect(request.runs).toEqual([expect.objectContaining({ runId: id, operation: 'erase', outcome: 'succeeded' })]);
      expect((await store.journal.get(id))?.status).toBe('completed');
      const trail = (await store.audit.read(1, 10_000)).filter((e) => e.subjects['request'] === id).map((e) => e.action);
      expect(trail.filter((a) => a === 'request.completed')).toHaveLength(1);
      expect(trail.filter((a) => a === 'request.run')).toHaveLength(1);
      const messages = (await store.outbox.queued(10_000)).filter((m) => m.requestId === id && m.template === 'completed');
      expect(messages).toHaveLength(1);
    });

    // Only the person's rows changed or went: every other row of every table is as it was.
    const after = dumpData();
    expect(changedRows(mid, after).length).toBeGreaterThan(0);
    const changed = changedRows(before, after);
    for (const { table, row } of changed) {
      const theirs = new Set((planned[table] ?? []).map((r) => JSON.stringify(r)));
      expect({ table, planned: row !== undefined && theirs.has(row) }).toEqual({ table, planned: true });
    }
    expect(changed.length).toBeGreaterThan(planned['accounts.customers']!.length);
    const left = nimbusSqliteStores(join(dir, 'data'));
    expect((await handWrittenPersonRows(left, email))['accounts.customers']).toEqual([]);
    await left.close();
  }, 240_000);
});

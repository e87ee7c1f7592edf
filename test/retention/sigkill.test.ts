// A retention sweep killed with SIGKILL at random batches, then rerun under its sweep id until it completes, leaves every
// table as a copy of the same HR staff swept without interruption (rows compared table by table), on SQLite, PostgreSQL
// and MariaDB. The kill points come from a seed printed in the test's name: CUSTOS_KILL_SEED=<seed> replays them.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/index.js';
import { createConnectorPool } from '../../src/connectors/index.js';
import { runRetention, type RetentionSweep } from '../../src/retention/index.js';
import { openStore, type HoldRecord, type Store } from '../../src/store/index.js';
import { seeded } from '../rights/real-world/permute.js';
import { createWorld, type Backend, type World } from '../rights/real-world/world.js';
import { hrStaff } from './hr-staff.js';

const CHILD = fileURLToPath(new URL('./sweep-child.ts', import.meta.url));
const SEED = Number(process.env.CUSTOS_KILL_SEED ?? randomInt(2 ** 31));
// Staff hired 2001–2005 kept P3Y from hiring: about half are past their period on this day.
const NOW = '2006-06-18T00:00:00.000Z';
const SWEEP_ID = 'sweep-killed';
// Every batch over its aim of 0 ms: after a first batch of 4 rows, each batch holds one row, so the sweep runs hundreds.
const BATCHES = { firstBatch: 4, targetBatchMs: 0 };
const KILLS = 4;
const SPEC = hrStaff(120);
// An employee past the period whom an erasure left under a hold that has not ended: kept by both sweeps.
const heldEmployee = (SPEC.rows.employees ?? []).find((e) => String(e.hire_date) < '2003-01-01')?.id;
const HELD: HoldRecord = {
  dataset: 'hr',
  collection: 'employees',
  key: JSON.stringify({ id: heldEmployee }),
  hold: 'payments-6y',
  until: '2009-01-01',
  runId: 'erasure-1',
};

const BACKENDS: { backend: Backend; enabled: boolean; reason: string }[] = [
  { backend: 'sqlite', enabled: true, reason: '' },
  { backend: 'postgres', enabled: Boolean(process.env.CUSTOS_TEST_POSTGRES_URL), reason: 'CUSTOS_TEST_POSTGRES_URL is unset' },
  { backend: 'mysql', enabled: Boolean(process.env.CUSTOS_TEST_MYSQL_URL), reason: 'CUSTOS_TEST_MYSQL_URL is unset' },
];

/** A copy of the staff with its own Custos store (on PostgreSQL beside a PostgreSQL copy), holding the erasure's hold. */
interface Copy {
  readonly world: World;
  /** Where the store is, as the child opens it. */
  readonly store: string;
  readonly drop: () => Promise<void>;
}

let copies = 0;
async function copyOf(backend: Backend): Promise<Copy> {
  const world = await createWorld(SPEC, backend);
  let store = join(world.model.baseDir, 'custos.db');
  let drop = async () => {};
  const url = process.env.CUSTOS_TEST_POSTGRES_URL;
  if (backend === 'postgres' && url) {
    // The journal on the server too, as a scaled-out Custos keeps it: its own schema, dropped afterwards.
    const schema = `rk_store_${process.pid}_${Date.now().toString(36)}_${copies++}`;
    store = `${url}?schema=${schema}`;
    drop = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    };
  }
  await withStore(store, async (s) => {
    await s.journal.open({ id: 'erasure-1', action: 'erase', plan: {}, startedAt: new Date(NOW) });
    await s.journal.completeSteps('erasure-1', { steps: [], holds: [HELD] });
  });
  return { world, store, drop };
}

async function withStore<T>(location: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(location);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The sweep run here, in this process, start to end. */
async function sweepHere(copy: Copy): Promise<RetentionSweep> {
  const pool = createConnectorPool(copy.world.model, { env: copy.world.env });
  try {
    return await withStore(copy.store, (store) =>
      runRetention(copy.world.model, pool, store, { now: new Date(NOW), sweepId: SWEEP_ID, ...BATCHES }),
    );
  } finally {
    await pool.close();
  }
}

/** A committed batch as the child reports it: the batches so far in this run, and the condition's rows done of its total. */
interface Reported {
  readonly count: number;
  readonly done: number;
  readonly total: number;
}

/**
 * The sweep run (or resumed) in a child process, killed with SIGKILL as soon as a batch it reports satisfies `killWhen`.
 * Resolves with the batches it reported and how it ended: killed, or `swept <status>` when it ended first.
 */
function sweepInChild(copy: Copy, killWhen: (batch: Reported) => boolean = () => false): Promise<{ batches: number; ended: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CHILD,
      copy.world.model.baseDir,
      copy.store,
      SWEEP_ID,
      NOW,
      String(BATCHES.firstBatch),
      String(BATCHES.targetBatchMs),
    ],
    { env: copy.world.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let batches = 0;
  let ended = '';
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdout.on('data', (d: Buffer) => {
    const lines = (pending + d.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('swept ')) ended = line;
      const batch = /^batch \S+ (\d+)\/(\d+)$/.exec(line);
      if (!batch || ended === 'killed') continue;
      if (!killWhen({ count: ++batches, done: Number(batch[1]), total: Number(batch[2]) })) continue;
      child.kill('SIGKILL');
      ended = 'killed';
    }
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL' && ended === 'killed') resolve({ batches, ended });
      else if (code === 0 && ended.startsWith('swept ')) resolve({ batches, ended });
      else reject(new Error(`the sweep's child ended ${signal ?? code} after ${batches} batches: ${stderr.slice(-2000)}`));
    }),
  );
}

describe.each(BACKENDS)('a retention sweep killed with SIGKILL and rerun ($backend)', ({ backend, enabled, reason }) => {
  let reference: Copy;
  let killed: Copy;
  // Said when the suite is collected: a skipped suite runs no hook.
  if (!enabled) console.warn(`retention kill test on ${backend} skipped: ${reason}`);
  beforeAll(async () => {
    if (!enabled) return;
    reference = await copyOf(backend);
    killed = await copyOf(backend);
  }, 120_000);
  afterAll(async () => {
    for (const copy of [reference, killed]) {
      await copy?.world.cleanup();
      await copy?.drop();
    }
  });

  it.skipIf(!enabled)(
    `ends with every table as an uninterrupted sweep leaves it (seed ${SEED})`,
    async () => {
      const before = await killed.world.snapshot();
      expect(await reference.world.snapshot()).toEqual(before);
      const straight = await sweepHere(reference);
      expect(straight.status).toBe('completed');
      const batches = straight.conditions.reduce((n, c) => n + c.batches, 0);
      expect(batches).toBeGreaterThan(100);
      const expected = await reference.world.snapshot();
      const gone = (t: string) => Object.keys(before[t] ?? {}).length - Object.keys(expected[t] ?? {}).length;
      // The uninterrupted sweep deleted in each swept table, anonymised homes, and kept the held employee.
      for (const table of ['employees', 'job_history', 'dependents']) expect(gone(table), table).toBeGreaterThan(0);
      expect(Object.values(expected.addresses ?? {}).filter((a) => a.street === '[moved]').length).toBeGreaterThan(0);
      expect(expected.employees?.[String(heldEmployee)]).toBeDefined();

      const random = seeded(SEED);
      const kills: string[] = [];
      let left = batches;
      for (let k = 0; k < KILLS; k++) {
        // The second kill lands right after a condition's last batch, before the journal marks the condition done; the
        // others within the first third of what is left, so every kill lands mid-sweep (a resumed condition restarts
        // with a larger first batch, so what is left is only about known).
        const after = 1 + Math.floor(random() * Math.max(1, left / 3));
        kills.push(k === 1 ? 'the end of a condition' : `batch ${after}`);
        const run = await sweepInChild(killed, k === 1 ? (b) => b.done === b.total : (b) => b.count === after);
        expect(run.ended, `seed ${SEED}: killed after ${kills.join(', ')}`).toBe('killed');
        left -= run.batches;
        if (k > 0) continue;
        const half = await killed.world.snapshot();
        expect(half).not.toEqual(before);
        expect(half).not.toEqual(expected);
      }
      const replay = `seed ${SEED}: killed after ${kills.join(', ')}`;
      expect((await sweepInChild(killed)).ended, replay).toBe('swept completed');
      const after = await killed.world.snapshot();
      for (const table of Object.keys(expected)) expect(after[table], `${table}, ${replay}`).toEqual(expected[table]);
      expect(Object.keys(after).sort()).toEqual(Object.keys(expected).sort());
      expect(await killed.world.foreignKeyViolations()).toEqual([]);
      // The audit trail still verifies after the kills, and reports each condition done under the sweep's id.
      await withStore(killed.store, async (store) => {
        expect((await verifyChain(store.audit)).ok).toBe(true);
        expect((await store.journal.get(SWEEP_ID))?.status).toBe('completed');
        const done = (await store.audit.read(1, 10_000)).filter(
          (e) => e.action === 'retention.swept' && e.subjects.sweep === SWEEP_ID && e.details.status === 'done',
        );
        expect(new Set(done.map((e) => e.details.collection))).toEqual(new Set(straight.conditions.map((c) => c.collection)));
      });
      // Run once more under the same id, the completed sweep changes nothing.
      expect((await sweepHere(killed)).status).toBe('completed');
      expect(await killed.world.snapshot()).toEqual(expected);
    },
    300_000,
  );
});

// Drain benchmark: queued access requests on nimbus-cloud's distributed profile, run by one `custos` service process and
// then by two sharing one PostgreSQL store and pg-boss queue; each request completed exactly once (one run each), none lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { nimbusCustomer, nimbusEmail } from '../examples/nimbus-cloud/generator/index.js';
import { systemClock } from '../src/clock.js';
import { openDesk } from '../src/desk/index.js';
import { openServiceState, storeLocation } from '../src/service/index.js';
import { generateMasterKey, loadMasterKeys, loadPseudonymKey, openVault } from '../src/vault/index.js';
import { nimbusDistributed } from './nimbus-setup.js';

const CHILD = fileURLToPath(new URL('./drain-child.ts', import.meta.url));
const STAFF = { role: 'officer', id: 'bench-officer' } as const;

export interface DrainBenchOptions {
  /** Access requests per drain (default 2,000). */
  readonly requests: number;
  /** nimbus-cloud customers on the distributed profile (default 100,000). */
  readonly customers: number;
  /** Requests each process runs at once (default 2, as `custos serve`). */
  readonly workers: number;
  readonly postgresUrl: string | undefined;
}

/** Queues `count` access requests, verified (and so approved) through the desk, for customers from `first` on. */
async function queueRequests(
  store: string,
  env: NodeJS.ProcessEnv,
  model: Parameters<typeof openDesk>[0]['model'],
  first: number,
  count: number,
  customers: number,
) {
  const state = await openServiceState(storeLocation(store), { clock: systemClock, queue: {}, onQueueError: () => undefined });
  const vault = openVault(state.ring, loadMasterKeys(env));
  const desk = openDesk({
    model,
    store: state.store,
    jobs: state.jobs,
    vault,
    clock: systemClock,
    options: { pseudonymKey: loadPseudonymKey(env) },
  });
  const ids: string[] = [];
  try {
    for (let n = first; ids.length < count; n++) {
      const customer = ((n - 1) % customers) + 1;
      if (nimbusCustomer(customer).closure === 'closed') continue;
      const { id } = await desk.register(
        { kind: 'access', channel: 'email', jurisdiction: 'gdpr', identities: { email: [nimbusEmail(customer)] } },
        STAFF,
      );
      await desk.markVerified(id, STAFF, 'bench: verified by the e-mail thread');
      ids.push(id);
    }
  } finally {
    await state.close();
    await vault.close();
  }
  return ids;
}

function startChild(config: object, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveReady, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('ready')) resolveReady(child);
    });
    child.once('exit', (code) => reject(new Error(`a drain process exited with ${String(code)} before serving`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Counts of the batch: completed requests, and runs journaled per request (its id, or `<id>.2`… for a second run). */
async function census(client: pg.Client, schema: string, ids: readonly string[]) {
  const done = await client.query(`SELECT count(*)::int AS n FROM "${schema}".requests WHERE id = ANY($1) AND status = 'completed'`, [ids]);
  const runs = await client.query(
    `SELECT count(*)::int AS n, count(DISTINCT split_part(id, '.', 1))::int AS requests FROM "${schema}".runs WHERE split_part(id, '.', 1) = ANY($1)`,
    [ids],
  );
  return { completed: done.rows[0].n as number, runs: runs.rows[0].n as number, requestsRun: runs.rows[0].requests as number };
}

export async function benchDrain(options: DrainBenchOptions): Promise<void> {
  if (!options.postgresUrl) {
    process.stdout.write('drain: skipped (set CUSTOS_BENCH_POSTGRES_URL or CUSTOS_TEST_POSTGRES_URL)\n');
    return;
  }
  const setup = await nimbusDistributed(options.customers);
  await setup.stores.close();
  const schema = `custos_drain_${process.pid}`;
  const store = `${options.postgresUrl}${options.postgresUrl.includes('?') ? '&' : '?'}schema=${schema}`;
  const env = {
    ...setup.env,
    CUSTOS_MASTER_KEY: generateMasterKey(),
    CUSTOS_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
    CUSTOS_PROFILE: 'distributed',
  };
  const client = new pg.Client({ connectionString: options.postgresUrl });
  await client.connect();
  const results: { processes: number; seconds: number; perSecond: number }[] = [];
  try {
    let first = 2;
    for (const processes of [1, 2]) {
      const ids = await queueRequests(store, env, setup.model, first, options.requests, options.customers);
      first += options.requests * 2;
      const config = {
        store,
        baseDir: join(setup.dir, 'privacy'),
        workers: options.workers,
        packagesDir: resolve(`bench/out/drain-packages-${process.pid}`),
      };
      const started = performance.now();
      const children = await Promise.all(Array.from({ length: processes }, () => startChild(config, env)));
      let counts = await census(client, schema, ids);
      while (counts.completed < ids.length) {
        await new Promise((r) => setTimeout(r, 250));
        counts = await census(client, schema, ids);
        if (children.some((c) => c.exitCode !== null)) throw new Error('a drain process stopped before the queue was drained');
      }
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(children.map(stopChild));
      counts = await census(client, schema, ids);
      process.stdout.write(
        `drain, ${processes} process${processes > 1 ? 'es' : ''} × ${options.workers} workers: ${ids.length} access requests in ${seconds.toFixed(1)} s ` +
          `(${(ids.length / seconds).toFixed(1)} requests/s, start-up included); completed ${counts.completed}, runs ${counts.runs} for ${counts.requestsRun} requests\n`,
      );
      if (counts.completed !== ids.length || counts.runs !== ids.length || counts.requestsRun !== ids.length)
        throw new Error(
          `drain: ${ids.length} requests, ${counts.completed} completed, ${counts.runs} runs: a request was lost or run twice`,
        );
      results.push({ processes, seconds, perSecond: ids.length / seconds });
    }
    const [one, two] = results;
    process.stdout.write(
      `drain: two processes ${(two!.perSecond / one!.perSecond).toFixed(2)}× the throughput of one (${options.customers.toLocaleString('en')} customers)\n`,
    );
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
    await client.end();
  }
}

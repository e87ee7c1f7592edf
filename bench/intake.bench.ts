// Intake benchmark: the privacy center's create-request and status routes under autocannon, served by Custos on the
// SQLite store and on the PostgreSQL store, against a bare Fastify route answering a constant, same machine, same run.
import { mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { destination } from 'pino';
import { systemClock } from '../src/clock.js';
import { openDesk } from '../src/desk/index.js';
import { openPgBossJobQueue, openSqliteJobQueue, type JobQueue } from '../src/jobs/index.js';
import type { PolicyModel } from '../src/policy/index.js';
import { buildServer, InMemoryStaffDirectory, InMemoryStaffSessions } from '../src/server/index.js';
import { openPostgresStore, openSqliteStore, type Store } from '../src/store/index.js';
import { generateMasterKey, loadMasterKeys, openMemoryKeyRing, openVault } from '../src/vault/index.js';
import { load, type LoadOptions, type LoadResult } from './load.js';
import { nimbusOnSqlite } from './nimbus-setup.js';

export interface IntakeBenchOptions {
  /** Seconds of load per route (default 10). */
  readonly seconds: number;
  /** Seconds of untimed load per route before (default 2). */
  readonly warmupSeconds: number;
  /** Connections autocannon keeps busy, the same for every route (default 10). */
  readonly connections: number;
  /** Customers of the nimbus-cloud sample the desk's manifest is compiled over (default 1,000). */
  readonly customers: number;
  /** A PostgreSQL server for the second store; without it that part is skipped, and says so. */
  readonly postgresUrl?: string | undefined;
}

/** Every intake gets a code: the desk's limits per IP are set beyond what a bench sends, per address each is new. */
const UNLIMITED = Number.MAX_SAFE_INTEGER;
/** A distinct e-mail address per request: autocannon puts a fresh id in place of `[<id>]`. */
const SUBMISSION = JSON.stringify({ kind: 'access', jurisdiction: 'gdpr', identities: { email: ['bench-[<id>]@example.com'] } });
const KEY = new Uint8Array(32).fill(5);

interface Served {
  readonly base: string;
  close(): Promise<void>;
}

/** The baseline: Fastify with no plugin, answering a constant to GET, and to POST after parsing the same JSON body. */
async function bareFastify(): Promise<Served> {
  const app = Fastify();
  app.get('/constant', async () => ({ ok: true }));
  app.post('/constant', async () => ({ ok: true }));
  return listen(app);
}

async function listen(app: FastifyInstance): Promise<Served> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => app.close() };
}

interface Backend {
  readonly label: string;
  readonly store: Store;
  readonly jobs: JobQueue;
  dispose(): Promise<void>;
}

interface CustosServed extends Served {
  /** A status token of a request made before the load. */
  readonly statusToken: string;
  /** Requests in the store, and verification codes waiting in its outbox (no mailer runs: every message stays there). */
  census(): Promise<{ readonly requests: number; readonly codes: number }>;
}

/**
 * buildServer over the desk on `backend`, as a provider runs it, with the global limit off and the public routes'
 * limit and the desk's code limit per IP raised past what one address (autocannon's) sends. Its log goes, at `info`,
 * to /dev/null: the work of logging each request is measured, its lines are not printed.
 */
async function custosServer(model: PolicyModel, dir: string, backend: Backend): Promise<CustosServed> {
  const vault = openVault(openMemoryKeyRing(), loadMasterKeys({ CUSTOS_MASTER_KEY: generateMasterKey() }));
  const desk = openDesk({
    model,
    store: backend.store,
    jobs: backend.jobs,
    vault,
    clock: systemClock,
    options: { pseudonymKey: KEY, packagesDir: join(dir, 'packages'), codesPerIpPerHour: UNLIMITED },
  });
  const server = await buildServer({
    directory: new InMemoryStaffDirectory(),
    sessions: new InMemoryStaffSessions(),
    desk,
    rateLimit: false,
    publicRateLimit: { max: UNLIMITED },
    logger: { stream: destination({ dest: '/dev/null', sync: false }), level: 'info' },
  });
  const served = await listen(server.app);
  const created = await fetch(`${served.base}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: SUBMISSION.replace('[<id>]', 'first'),
  });
  if (created.status !== 201)
    throw new Error(`${backend.label}: the first request was answered ${created.status}: ${await created.text()}`);
  const { statusToken } = (await created.json()) as { statusToken: string };
  return {
    ...served,
    statusToken,
    async census() {
      let requests = 0;
      let after: string | undefined;
      do {
        const page = await backend.store.requests.list({}, { after, limit: 1000 });
        requests += page.items.length;
        after = page.next;
      } while (after !== undefined);
      const queued = await backend.store.outbox.queued(UNLIMITED);
      return { requests, codes: queued.filter((m) => m.template === 'verification-code').length };
    },
    async close() {
      await server.close();
      await vault.close();
      await backend.jobs.close();
      await backend.store.close();
      await backend.dispose();
    },
  };
}

function sqliteBackend(dir: string): Backend {
  const file = join(dir, 'custos.db');
  return { label: 'SQLite store', store: openSqliteStore(file), jobs: openSqliteJobQueue(file), dispose: async () => undefined };
}

/** The store and pg-boss in schemas of their own, dropped after. */
async function postgresBackend(url: string): Promise<Backend> {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const schemas = [`custos_bench_intake_${suffix}`, `custos_bench_intake_jobs_${suffix}`] as const;
  const store = openPostgresStore(url, { schema: schemas[0] });
  await store.ready();
  const jobs = await openPgBossJobQueue(url, { schema: schemas[1] });
  return {
    label: 'PostgreSQL store',
    store,
    jobs,
    async dispose() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A route's load, and how busy this process's event loop (the server's) was meanwhile: well under 100 %, the server
 * waited for requests, so autocannon (or a machine shared with other work) set the pace, not the server.
 */
interface Measured extends LoadResult {
  readonly serverBusy: number;
}

interface Row {
  readonly label: string;
  readonly result: Measured;
  readonly bare?: Measured;
}

/** Warm-up then the timed run. */
async function measure(url: string, options: Omit<LoadOptions, 'seconds'>, bench: IntakeBenchOptions): Promise<Measured> {
  if (bench.warmupSeconds > 0) await load(url, { ...options, seconds: bench.warmupSeconds });
  const before = performance.eventLoopUtilization();
  const result = await load(url, { ...options, seconds: bench.seconds });
  return { ...result, serverBusy: performance.eventLoopUtilization(before).utilization };
}

/** autocannon's latencies are whole milliseconds: below one is shown as such. */
const ms = (value: number) => (value < 1 ? '<1' : value.toFixed(0)).padStart(4);

function printRow({ label, result, bare }: Row): void {
  const ratio = bare ? `   ${(result.perSecond / bare.perSecond).toFixed(2)}× bare` : '';
  const refused = result.failures ? `   REFUSED: ${result.failures}` : '';
  const busy = `server loop busy ${(result.serverBusy * 100).toFixed(0).padStart(3)} %`;
  console.log(
    `  ${label.padEnd(52)} ${result.perSecond.toFixed(0).padStart(7)} req/s   p50 ${ms(result.p50)} ms   p99 ${ms(result.p99)} ms   ${busy}${ratio}${refused}`,
  );
}

/** The intake and status routes of one Custos server under load; problems (refusals, codes not sent) are returned. */
async function benchCustos(
  model: PolicyModel,
  dir: string,
  backend: Backend,
  bare: { get: Measured; post: Measured },
  bench: IntakeBenchOptions,
): Promise<string[]> {
  const served = await custosServer(model, dir, backend).catch(async (error: unknown) => {
    await backend.jobs.close();
    await backend.store.close();
    await backend.dispose();
    throw error;
  });
  try {
    const intake = await measure(
      `${served.base}/api/requests`,
      { method: 'POST', body: SUBMISSION, connections: bench.connections },
      bench,
    );
    const status = await measure(
      `${served.base}/api/requests/status/${encodeURIComponent(served.statusToken)}`,
      { method: 'GET', connections: bench.connections },
      bench,
    );
    printRow({ label: `${backend.label}: POST /api/requests (intake)`, result: intake, bare: bare.post });
    printRow({ label: `${backend.label}: GET /api/requests/status/:token`, result: status, bare: bare.get });
    // Requests answered after autocannon stopped counting are in the store too: the codes are checked against the store.
    const { requests, codes } = await served.census();
    console.log(`  ${backend.label}: ${requests.toLocaleString('en')} requests stored, ${codes.toLocaleString('en')} codes queued`);
    return [
      ...(intake.failures ? [`${backend.label} intake: ${intake.failures}`] : []),
      ...(status.failures ? [`${backend.label} status: ${status.failures}`] : []),
      ...(codes !== requests
        ? [`${backend.label}: ${requests} requests stored but ${codes} codes queued (a desk limit refused some)`]
        : []),
    ];
  } finally {
    await served.close();
  }
}

/**
 * Prints requests per second, p50 and p99 of each route and its ratio to bare Fastify (target ≥ 0.7×); throws after
 * printing when any answer was not a 2xx or an intake sent no code: a bench answered with 429s measures nothing.
 */
export async function benchIntake(bench: IntakeBenchOptions): Promise<void> {
  const sample = await nimbusOnSqlite(bench.customers);
  await sample.stores.close();
  const dir = resolve(`bench/out/intake-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  const problems: string[] = [];
  try {
    console.log(
      `\n## intake — autocannon in a child process, ${bench.connections} connections, ${bench.seconds} s per route after ${bench.warmupSeconds} s of warm-up; servers in this process, one at a time under load`,
    );
    const bareServer = await bareFastify();
    let bare: { get: Measured; post: Measured };
    try {
      bare = {
        get: await measure(`${bareServer.base}/constant`, { method: 'GET', connections: bench.connections }, bench),
        post: await measure(`${bareServer.base}/constant`, { method: 'POST', body: SUBMISSION, connections: bench.connections }, bench),
      };
    } finally {
      await bareServer.close();
    }
    printRow({ label: 'bare Fastify: GET, a constant JSON', result: bare.get });
    printRow({ label: 'bare Fastify: POST the same body, a constant JSON', result: bare.post });
    problems.push(...[bare.get, bare.post].flatMap((r) => (r.failures ? [`bare Fastify: ${r.failures}`] : [])));

    problems.push(...(await benchCustos(sample.model, join(dir, 'sqlite'), sqliteBackend(join(dir, 'sqlite')), bare, bench)));
    if (bench.postgresUrl)
      problems.push(...(await benchCustos(sample.model, join(dir, 'postgres'), await postgresBackend(bench.postgresUrl), bare, bench)));
    else console.log('  PostgreSQL store: skipped, neither CUSTOS_BENCH_POSTGRES_URL nor CUSTOS_TEST_POSTGRES_URL is set');
    console.log('  target: each Custos route ≥ 0.70× bare Fastify (intake against bare POST, status against bare GET)');
    console.log('  a bare route whose server loop was far from 100 % busy was paced by the client: its ratios flatter Custos');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (problems.length > 0) throw new Error(`the intake benchmark measured refusals, not work:\n  ${problems.join('\n  ')}`);
}

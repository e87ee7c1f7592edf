// `npm run bench`: runs every benchmark and prints its figures and ratios against hand-written baselines.
// CUSTOS_BENCH=compile,rights-sqlite,rights-distributed picks some; CUSTOS_BENCH_CUSTOMERS sets the SQLite scale
// (default 1,000,000: the first run generates 36 M rows, ~2–3 min), CUSTOS_BENCH_DISTRIBUTED_CUSTOMERS the other (100,000),
// CUSTOS_BENCH_AUDIT_ENTRIES the audit log's length (default 1,000,000; the first run appends them, ~1 min),
// CUSTOS_BENCH_ANONYMIZE_ROWS the rows of the anonymity check (default 1,000,000, generated in memory).
// intake: CUSTOS_BENCH_INTAKE_SECONDS per route (default 10), CUSTOS_BENCH_INTAKE_WARMUP_SECONDS (2),
// CUSTOS_BENCH_INTAKE_CONNECTIONS (10); the PostgreSQL store at CUSTOS_BENCH_POSTGRES_URL or CUSTOS_TEST_POSTGRES_URL.
// retention: CUSTOS_BENCH_RETENTION_ROWS (default 20,000,000, a quarter expired; generated once under bench/out, ~minutes),
// PostgreSQL at CUSTOS_BENCH_POSTGRES_URL or CUSTOS_TEST_POSTGRES_URL.
// drain: CUSTOS_BENCH_DRAIN_REQUESTS (2,000), CUSTOS_BENCH_DRAIN_CUSTOMERS (the distributed scale), CUSTOS_BENCH_DRAIN_WORKERS (2).
// console: CUSTOS_BENCH_CONSOLE_REQUESTS open requests in the store (10,000), CUSTOS_BENCH_CONSOLE_RENDERS timed renders per
// page (200), CUSTOS_BENCH_CONSOLE_CUSTOMERS the nimbus-cloud scale the request page's plan is counted in (1,000).
import { benchCompile } from './compile.bench.js';
import { benchRights, type RightsBenchSetup } from './rights.bench.js';
import { nimbusDistributed, nimbusOnSqlitePaired } from './nimbus-setup.js';
import { benchMemory } from './memory.bench.js';
import { benchAudit } from './audit.bench.js';
import { benchIntake } from './intake.bench.js';
import { benchAnonymize } from './anonymize.bench.js';
import { benchDrain } from './drain.bench.js';
import { benchConsole } from './console.bench.js';
import { benchRetention } from './retention.bench.js';

const sqliteCustomers = Number(process.env.CUSTOS_BENCH_CUSTOMERS ?? 1_000_000);
const distributedCustomers = Number(process.env.CUSTOS_BENCH_DISTRIBUTED_CUSTOMERS ?? 100_000);

/** The rights benchmarks on one nimbus-cloud set up by `setUp`, its stores closed afterwards. */
async function rightsOn(
  stores: string,
  customers: number,
  setUp: (customers: number) => Promise<Omit<RightsBenchSetup, 'label' | 'customers'>>,
): Promise<void> {
  const setup = await setUp(customers);
  try {
    await benchRights({ label: `${stores}, ${customers.toLocaleString('en')} customers`, customers, ...setup });
  } finally {
    await setup.stores.close();
    await setup.erasureCopy?.close();
  }
}

const benches: Record<string, () => Promise<void>> = {
  compile: benchCompile,
  'rights-sqlite': () => rightsOn('SQLite', sqliteCustomers, nimbusOnSqlitePaired),
  'rights-distributed': () => rightsOn('PostgreSQL + MariaDB + Redis', distributedCustomers, nimbusDistributed),
  memory: () => benchMemory(),
  audit: () => benchAudit(Number(process.env.CUSTOS_BENCH_AUDIT_ENTRIES ?? 1_000_000)),
  intake: () =>
    benchIntake({
      seconds: Number(process.env.CUSTOS_BENCH_INTAKE_SECONDS ?? 10),
      warmupSeconds: Number(process.env.CUSTOS_BENCH_INTAKE_WARMUP_SECONDS ?? 2),
      connections: Number(process.env.CUSTOS_BENCH_INTAKE_CONNECTIONS ?? 10),
      customers: Number(process.env.CUSTOS_BENCH_INTAKE_CUSTOMERS ?? 1_000),
      postgresUrl: process.env.CUSTOS_BENCH_POSTGRES_URL ?? process.env.CUSTOS_TEST_POSTGRES_URL,
    }),
  anonymize: () => benchAnonymize(),
  retention: () =>
    benchRetention({
      rows: Number(process.env.CUSTOS_BENCH_RETENTION_ROWS ?? 20_000_000),
      postgresUrl: process.env.CUSTOS_BENCH_POSTGRES_URL ?? process.env.CUSTOS_TEST_POSTGRES_URL,
    }),
  drain: () =>
    benchDrain({
      requests: Number(process.env.CUSTOS_BENCH_DRAIN_REQUESTS ?? 2_000),
      customers: Number(process.env.CUSTOS_BENCH_DRAIN_CUSTOMERS ?? distributedCustomers),
      workers: Number(process.env.CUSTOS_BENCH_DRAIN_WORKERS ?? 2),
      postgresUrl: process.env.CUSTOS_BENCH_POSTGRES_URL ?? process.env.CUSTOS_TEST_POSTGRES_URL,
    }),
  console: () =>
    benchConsole({
      requests: Number(process.env.CUSTOS_BENCH_CONSOLE_REQUESTS ?? 10_000),
      renders: Number(process.env.CUSTOS_BENCH_CONSOLE_RENDERS ?? 200),
      customers: Number(process.env.CUSTOS_BENCH_CONSOLE_CUSTOMERS ?? 1_000),
    }),
};
const selected = process.env.CUSTOS_BENCH?.split(',') ?? Object.keys(benches);
for (const name of selected) {
  const bench = benches[name];
  if (!bench) throw new Error(`unknown benchmark "${name}" (known: ${Object.keys(benches).join(', ')})`);
  await bench();
}

// `npm run bench`: runs every benchmark and prints its figures and ratios against hand-written baselines.
// CUSTOS_BENCH=compile,rights-sqlite,rights-distributed picks some; CUSTOS_BENCH_CUSTOMERS sets the SQLite scale
// (default 1,000,000: the first run generates 36 M rows, ~2–3 min), CUSTOS_BENCH_DISTRIBUTED_CUSTOMERS the other (100,000).
import { benchCompile } from './compile.bench.js';
import { benchRights } from './rights.bench.js';
import { nimbusDistributed, nimbusOnSqlite } from './nimbus-setup.js';
import { benchMemory } from './memory.bench.js';

const sqliteCustomers = Number(process.env.CUSTOS_BENCH_CUSTOMERS ?? 1_000_000);
const distributedCustomers = Number(process.env.CUSTOS_BENCH_DISTRIBUTED_CUSTOMERS ?? 100_000);

const benches: Record<string, () => Promise<void>> = {
  compile: benchCompile,
  'rights-sqlite': async () => {
    const setup = await nimbusOnSqlite(sqliteCustomers);
    try {
      await benchRights({ label: `SQLite, ${sqliteCustomers.toLocaleString('en')} customers`, customers: sqliteCustomers, ...setup });
    } finally {
      await setup.stores.close();
    }
  },
  'rights-distributed': async () => {
    const setup = await nimbusDistributed(distributedCustomers);
    try {
      await benchRights({
        label: `PostgreSQL + MariaDB + Redis, ${distributedCustomers.toLocaleString('en')} customers`,
        customers: distributedCustomers,
        ...setup,
      });
    } finally {
      await setup.stores.close();
    }
  },
  memory: () => benchMemory(),
};
const selected = process.env.CUSTOS_BENCH?.split(',') ?? Object.keys(benches);
for (const name of selected) {
  const bench = benches[name];
  if (!bench) throw new Error(`unknown benchmark "${name}" (known: ${Object.keys(benches).join(', ')})`);
  await bench();
}

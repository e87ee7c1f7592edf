// `npm run bench`: runs every benchmark and prints its figures and ratios against hand-written baselines.
// CUSTOS_BENCH=compile,rights-sqlite,… picks some; CUSTOS_BENCH_CUSTOMERS sets the SQLite scale (default 1,000,000).
import { benchCompile } from './compile.bench.js';
import { benchRightsSqlite } from './rights.bench.js';

const benches: Record<string, () => Promise<void>> = {
  compile: benchCompile,
  'rights-sqlite': () => benchRightsSqlite(),
};
const selected = process.env.CUSTOS_BENCH?.split(',') ?? Object.keys(benches);
for (const name of selected) {
  const bench = benches[name];
  if (!bench) throw new Error(`unknown benchmark "${name}" (known: ${Object.keys(benches).join(', ')})`);
  await bench();
}

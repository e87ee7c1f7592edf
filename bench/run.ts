// `npm run bench`: runs every benchmark and prints its figures and ratios against hand-written baselines.
import { benchCompile } from './compile.bench.js';

const benches = [benchCompile];
for (const bench of benches) await bench();

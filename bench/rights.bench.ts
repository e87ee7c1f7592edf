// Rights benchmark on SQLite: access and erasure for random people of nimbus-cloud, against hand-written SQL in the same process.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { systemClock } from '../src/clock.js';
import { compilePolicyFolder, type PolicyModel } from '../src/policy/index.js';
import {
  createConnectorPool,
  executeErasure,
  exportPersonData,
  normalizeIdentities,
  type ExecutionContext,
  type ExportSink,
} from '../src/rights/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { generateNimbus } from '../examples/nimbus-cloud/generator/index.js';
import { nimbusEmail } from '../examples/nimbus-cloud/generator/index.js';
import { printTable, summarize, type Measurement } from './measure.js';
import { handWrittenAccess, handWrittenErase, openNimbusFiles } from './nimbus-sqlite-baseline.js';

const MANIFEST = resolve('examples/nimbus-cloud/privacy');
const KEY = new Uint8Array(32).fill(9);

/** A sink that only counts, so the benchmark measures finding and reading, not serialising. */
export function countingSink(): ExportSink & { rows: number } {
  const sink = {
    rows: 0,
    beginCollection: async () => undefined,
    row: async () => {
      sink.rows++;
    },
    endCollection: async () => undefined,
  };
  return sink;
}

/** Generates nimbus-cloud at `customers` into bench/out once; later runs reuse it. */
export async function nimbusAt(customers: number): Promise<{ dir: string; model: PolicyModel }> {
  const dir = resolve(`bench/out/nimbus-${customers}`);
  const baseDir = join(dir, 'privacy');
  const ready = join(dir, 'READY');
  if (!existsSync(ready)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(baseDir, { recursive: true });
    const started = Date.now();
    process.stdout.write(`generating nimbus-cloud with ${customers.toLocaleString('en')} customers into ${dir} (once)…\n`);
    let last = 0;
    await generateNimbus({
      customers,
      stores: 'sqlite',
      baseDir,
      onProgress: (p) => {
        if (Date.now() - last > 5000) {
          last = Date.now();
          process.stdout.write(`  ${JSON.stringify(p)}\n`);
        }
      },
    });
    mkdirSync(dir, { recursive: true });
    (await import('node:fs')).writeFileSync(ready, new Date().toISOString());
    process.stdout.write(`  generated in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const compiled = compilePolicyFolder(MANIFEST, { baseDir });
  if (!compiled.model) throw new Error('nimbus manifest does not compile');
  return { dir, model: compiled.model };
}

function randomIds(count: number, max: number, seed: number, exclude = new Set<number>()): number[] {
  let s = seed;
  const out: number[] = [];
  while (out.length < count) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const id = 1 + (s % max);
    if (!exclude.has(id) && !out.includes(id)) out.push(id);
  }
  return out;
}

async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function benchRightsSqlite(customers = Number(process.env.CUSTOS_BENCH_CUSTOMERS ?? 1_000_000)): Promise<void> {
  const { dir, model } = await nimbusAt(customers);
  const files = openNimbusFiles(join(dir, 'data'));
  const store = openSqliteStore(join(dir, 'custos-bench.db'));
  const pool = createConnectorPool(model);
  const ctx: ExecutionContext = { model, pool, store, clock: systemClock, pseudonymKey: KEY };
  const run = `${Date.now()}`;
  const identities = (id: number) => normalizeIdentities(model, new Map([['email', [nimbusEmail(id)]]]));

  // Access: the same random people, engine and hand-written, interleaved so caches favour neither.
  const people = randomIds(Number(process.env.CUSTOS_BENCH_PEOPLE ?? 200), customers, 7);
  const engine: number[] = [];
  const baseline: number[] = [];
  let rowsEngine = 0;
  let rowsBaseline = 0;
  for (const id of people.slice(0, 10))
    await exportPersonData(ctx, { id: `warm-${run}-${id}`, identities: identities(id) }, countingSink(), { action: 'access' });
  for (const id of people) {
    const sink = countingSink();
    engine.push(
      await time(() => exportPersonData(ctx, { id: `access-${run}-${id}`, identities: identities(id) }, sink, { action: 'access' })),
    );
    rowsEngine += sink.rows;
    baseline.push(await time(() => (rowsBaseline += handWrittenAccess(files, nimbusEmail(id)))));
  }
  const access: Measurement[] = [
    summarize('access, engine (find + read every row)', engine),
    summarize('access, hand-written SELECTs', baseline),
  ];
  printTable(
    `rights on SQLite, ${customers.toLocaleString('en')} customers — access (${people.length} random people, ${(rowsEngine / people.length).toFixed(0)} rows each on average)`,
    access,
    [{ label: 'access engine / hand-written (p50)', value: (access[0]?.p50 ?? 0) / (access[1]?.p50 ?? 1) }],
  );
  if (rowsEngine !== rowsBaseline)
    console.log(`  note: engine read ${rowsEngine} rows, hand-written ${rowsBaseline} (routes differ in duplicates)`);

  // Erasure: different people for each side (erasure is destructive), closure preconditions checked by both.
  const open = new Set(
    (
      files.accounts
        .prepare(
          "SELECT DISTINCT customer_id AS id FROM services WHERE status IN ('active', 'suspended') UNION SELECT customer_id FROM invoices WHERE status = 'unpaid' UNION SELECT customer_id FROM orders WHERE status IN ('pending', 'processing')",
        )
        .all() as { id: number }[]
    ).map((r) => r.id),
  );
  const victims = randomIds(Number(process.env.CUSTOS_BENCH_ERASE ?? 60), customers, 11 + Number(run.slice(-4)), open);
  const eraseEngine: number[] = [];
  const eraseBaseline: number[] = [];
  const closureCounts = (email: string) => {
    const a = files.accounts;
    const cid = (a.prepare('SELECT id FROM customers WHERE email = ?').get(email) as { id: number } | undefined)?.id ?? null;
    a.prepare("SELECT count(*) FROM services WHERE customer_id = ? AND status IN ('active', 'suspended')").get(cid);
    a.prepare("SELECT count(*) FROM invoices WHERE customer_id = ? AND status = 'unpaid'").get(cid);
    a.prepare("SELECT count(*) FROM orders WHERE customer_id = ? AND status IN ('pending', 'processing')").get(cid);
  };
  for (let i = 0; i < victims.length; i += 2) {
    const [a, b] = [victims[i] as number, victims[i + 1] as number];
    eraseEngine.push(await time(() => executeErasure(ctx, { id: `erase-${run}-${a}`, identities: identities(a) })));
    eraseBaseline.push(
      await time(() => {
        closureCounts(nimbusEmail(b));
        handWrittenErase(files, nimbusEmail(b), KEY);
      }),
    );
  }
  const erase = [
    summarize('erase, engine (plan, closure check, journaled, per-store transactions)', eraseEngine),
    summarize('erase, hand-written statements', eraseBaseline),
  ];
  printTable(`rights on SQLite — erase (${eraseEngine.length} random people each side)`, erase, [
    { label: 'erase engine / hand-written (p50)', value: (erase[0]?.p50 ?? 0) / (erase[1]?.p50 ?? 1) },
  ]);
  await pool.close();
  await store.close();
  files.close();
}

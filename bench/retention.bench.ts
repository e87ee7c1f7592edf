// Retention sweep at scale: a table of N rows (default 20,000,000), a quarter of them past a one-year period, swept by
// `runRetention` and by a hand-written keyed `DELETE … WHERE ts < $cutoff` loop of the same batch size, each on a fresh
// copy of the table, on SQLite and on PostgreSQL (when CUSTOS_BENCH_POSTGRES_URL or CUSTOS_TEST_POSTGRES_URL is set).
// Prints rows/s of each and their ratio (target ≥ 0.8×), the largest batch's lock in ms (aim ≤ 50 ms), and the p99
// latency of a writer inserting into the same table during each sweep, as a ratio to the same writer with no sweep.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createConnectorPool } from '../src/connectors/index.js';
import { compilePolicyFolder, type PolicyModel } from '../src/policy/index.js';
import { runRetention } from '../src/retention/index.js';
import { openStore } from '../src/store/index.js';
import { testProvider } from '../test/manifest-header.js';

const WRITER = fileURLToPath(new URL('./retention-writer.ts', import.meta.url));
/** The sweep's instant; rows are dated from it, so every run deletes the same rows. */
const NOW = new Date('2026-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;
/** One year before NOW (2025 has 365 days): the baseline's cut-off, the rule's P1Y. */
const CUTOFF = new Date('2025-01-01T00:00:00Z');
const DAY = 86_400;
const CHUNK = 1_000_000;
const SCHEMA = 'custos_retention_bench';
/** How long the writer runs alone, for its latency with no sweep. */
const IDLE_MS = 5_000;

/**
 * Row `x` is expired when a hash of it is 0 mod 4 (a quarter, spread over the table): dated 400 to 1,100 days before NOW;
 * the others within the last 330 days. No row lies near the cut-off, so the baseline's `ts < cutoff` and the sweep's
 * calendar test select the same rows. Written once as an SQL expression per engine, so generation runs in the database.
 */
const expired = (x: string) => `((${x} * 2654435761) / 128) % 4 = 0`;
const epochOf = (x: string) =>
  `case when ${expired(x)} then ${NOW_S} - 400 * ${DAY} - (${x} * 7919) % (700 * ${DAY}) else ${NOW_S} - (${x} * 7919) % (330 * ${DAY}) end`;

function manifest(store: string): string {
  return `${testProvider('Retention Bench', 'bench')}
retention:
  events: { duration: P1Y, trigger: collected }
purposes:
  security:
    name: Security
    description: Secures the service
    legalBasis: legitimate-interest
    legitimateInterest: Keeping accounts safe
    subjects: [customer]
    categories: [system.network.ip]
    retention: events
datasets:
  app:
    store: ${store}
    collections:
      events:
        retention: events
        timestamps: { collected: ts }
        fields:
          id: { type: integer }
          account_id: { type: integer }
          ip: { category: system.network.ip, type: ip }
          ts: { type: datetime }
`;
}

function compile(dir: string, store: string): PolicyModel {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'privacy.yaml'), manifest(store));
  const compiled = compilePolicyFolder(dir, { now: NOW });
  if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return compiled.model;
}

interface Side {
  readonly label: string;
  readonly rows: number;
  readonly ms: number;
  readonly batches: number;
  readonly largestBatchMs: number;
  readonly writerP99: number;
}

interface Engine {
  readonly name: string;
  /** A fresh copy of the generated table, as `events`. */
  fresh(): Promise<void>;
  /** The hand-written keyed loop with `batch` rows per statement. */
  baseline(batch: number): Promise<Omit<Side, 'writerP99' | 'label'>>;
  readonly model: PolicyModel;
  readonly env: NodeJS.ProcessEnv;
  readonly writer: { readonly kind: 'sqlite' | 'postgres'; readonly target: string; readonly schema?: string };
  close(): Promise<void>;
}

const p99 = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? 0;
};

/** Runs `work` while the writer inserts into the same table; returns its result and the writer's p99 (ms). */
async function withWriter<T>(engine: Engine, phase: number, work: () => Promise<T>): Promise<{ result: T; p99: number; inserts: number }> {
  const config = {
    ...engine.writer,
    firstId: 2_000_000_000 + phase * 10_000_000,
    now: engine.writer.kind === 'sqlite' ? '2025-12-31T12:00:00.000Z' : NOW.toISOString(),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  await sleep(1_500); // the writer's start (tsx, a connection) is not measured
  const result = await work();
  child.stdin.end('stop\n');
  await exited;
  const latencies = JSON.parse(out.trim() || '[]') as number[];
  return { result, p99: p99(latencies), inserts: latencies.length };
}

async function sweep(engine: Engine): Promise<Omit<Side, 'writerP99' | 'label'>> {
  const pool = createConnectorPool(engine.model, { env: engine.env });
  const store = openStore(':memory:');
  let shown = 0;
  try {
    const began = performance.now();
    const done = await runRetention(engine.model, pool, store, {
      now: NOW,
      onProgress: ({ done: rows }) => {
        if (rows - shown >= 1_000_000) {
          shown = rows;
          process.stdout.write(`    sweep: ${rows.toLocaleString('en')} rows deleted\n`);
        }
      },
    });
    const ms = performance.now() - began;
    const condition = done.conditions[0];
    if (done.status !== 'completed' || !condition) throw new Error(`the sweep did not complete: ${JSON.stringify(done.conditions)}`);
    return { rows: condition.rows, ms, batches: condition.batches, largestBatchMs: condition.largestBatchMs };
  } finally {
    await pool.close();
    await store.close();
  }
}

function printSides(engine: string, rows: number, idleP99: number, sides: readonly Side[]): void {
  console.log(`\n## retention sweep, ${engine}: ${rows.toLocaleString('en')} rows, a quarter expired`);
  for (const s of sides) {
    console.log(
      `  ${s.label.padEnd(44)} ${s.rows.toLocaleString('en').padStart(11)} rows in ${(s.ms / 1000).toFixed(1).padStart(7)} s  ` +
        `${Math.round((s.rows * 1000) / s.ms)
          .toLocaleString('en')
          .padStart(9)} rows/s  ${s.batches} batches, largest ${s.largestBatchMs.toFixed(1)} ms  ` +
        `writer p99 ${s.writerP99.toFixed(2)} ms (${(s.writerP99 / idleP99).toFixed(2)}× idle)`,
    );
  }
  const [base, ours] = sides;
  if (base && ours) {
    console.log(
      `  ratio runRetention / hand-written rows/s                ${(ours.rows / ours.ms / (base.rows / base.ms)).toFixed(2)}×   (target ≥ 0.8×)`,
    );
    console.log(`  largest batch lock of runRetention                     ${ours.largestBatchMs.toFixed(1)} ms   (aim ≤ 50 ms)`);
  }
  console.log(`  writer with no sweep: p99 ${idleP99.toFixed(2)} ms`);
}

async function benchEngine(engine: Engine, rows: number): Promise<void> {
  await engine.fresh();
  const idle = await withWriter(engine, 0, () => sleep(IDLE_MS));
  console.log(`  writer alone: ${idle.inserts} inserts, p99 ${idle.p99.toFixed(2)} ms`);
  console.log(`  runRetention…`);
  const ours = await withWriter(engine, 1, () => sweep(engine));
  // The baseline deletes in batches of the sweep's average size: the same batch size on the same database.
  const batch = Math.max(1, Math.round(ours.result.rows / Math.max(1, ours.result.batches)));
  await engine.fresh();
  console.log(`  hand-written loop, ${batch} rows per batch…`);
  const base = await withWriter(engine, 2, () => engine.baseline(batch));
  if (base.result.rows !== ours.result.rows)
    throw new Error(`the baseline deleted ${base.result.rows} rows, the sweep ${ours.result.rows}`);
  printSides(engine.name, rows, idle.p99, [
    { label: `hand-written keyed DELETE loop (batch ${batch})`, ...base.result, writerP99: base.p99 },
    { label: 'runRetention', ...ours.result, writerP99: ours.p99 },
  ]);
}

/** SQLite: the table generated once per size under bench/out (WAL, as a file with a concurrent writer runs), copied per side. */
async function sqliteEngine(rows: number, dir: string): Promise<Engine> {
  const out = resolve('bench/out');
  mkdirSync(out, { recursive: true });
  const template = join(out, `retention-${rows}.db`);
  if (!existsSync(`${template}.ready`)) {
    rmSync(template, { force: true });
    const db = new Database(template);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, ip TEXT, ts TEXT NOT NULL)');
    const insert = db.prepare(`INSERT INTO events (id, account_id, ip, ts)
      WITH RECURSIVE c(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM c WHERE x < ?)
      SELECT x, x % 100000, '10.' || (x % 250) || '.' || ((x / 250) % 250) || '.1',
        strftime('%Y-%m-%dT%H:%M:%fZ', ${epochOf('x')}, 'unixepoch') FROM c`);
    const began = performance.now();
    for (let from = 1; from <= rows; from += CHUNK) {
      insert.run(from, Math.min(rows, from + CHUNK - 1));
      process.stdout.write(
        `  SQLite: ${Math.min(rows, from + CHUNK - 1).toLocaleString('en')} / ${rows.toLocaleString('en')} rows generated (${((performance.now() - began) / 1000).toFixed(0)} s)\n`,
      );
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    writeFileSync(`${template}.ready`, `${rows}\n`);
  }
  const file = join(dir, 'app.db');
  return {
    name: 'SQLite (WAL, file in a temp dir)',
    model: compile(join(dir, 'sqlite'), `{ kind: sqlite, file: ${file} }`),
    env: process.env,
    writer: { kind: 'sqlite', target: file },
    async fresh() {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      copyFileSync(template, file);
    },
    async baseline(batch) {
      const db = new Database(file, { timeout: 60_000 });
      try {
        const remove = db.prepare(
          'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE ts < ? AND id > ? ORDER BY id LIMIT ?) RETURNING id',
        );
        let last = 0;
        let deleted = 0;
        let batches = 0;
        let largest = 0;
        const began = performance.now();
        for (;;) {
          const start = performance.now();
          const ids = remove.pluck().all(CUTOFF.toISOString(), last, batch) as number[];
          largest = Math.max(largest, performance.now() - start);
          if (ids.length === 0) break;
          batches++;
          deleted += ids.length;
          last = Math.max(last, ...ids);
          // A loop in a service yields between batches, as the sweep does.
          await new Promise((done) => setImmediate(done));
        }
        return { rows: deleted, ms: performance.now() - began, batches, largestBatchMs: largest };
      } finally {
        db.close();
      }
    },
    async close() {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/** PostgreSQL: the table generated once per size (generate_series) in its own schema, copied per side. */
async function postgresEngine(rows: number, dir: string, url: string): Promise<Engine> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await client.query(`SET search_path TO ${SCHEMA}`);
  const ready = await client.query(`SELECT obj_description('${SCHEMA}.events_template'::regclass) AS note`).catch(() => undefined);
  if (ready?.rows[0]?.note !== `${rows} rows`) {
    await client.query('DROP TABLE IF EXISTS events_template');
    await client.query('CREATE TABLE events_template (id bigint NOT NULL, account_id integer NOT NULL, ip text, ts timestamptz NOT NULL)');
    const began = performance.now();
    for (let from = 1; from <= rows; from += CHUNK) {
      const to = Math.min(rows, from + CHUNK - 1);
      await client.query(
        `INSERT INTO events_template SELECT x, x % 100000, '10.' || (x % 250) || '.' || ((x / 250) % 250) || '.1', to_timestamp(${epochOf('x')})
         FROM generate_series($1::bigint, $2::bigint) AS x`,
        [from, to],
      );
      process.stdout.write(
        `  PostgreSQL: ${to.toLocaleString('en')} / ${rows.toLocaleString('en')} rows generated (${((performance.now() - began) / 1000).toFixed(0)} s)\n`,
      );
    }
    await client.query('ALTER TABLE events_template ADD PRIMARY KEY (id)');
    await client.query(`COMMENT ON TABLE events_template IS '${rows} rows'`);
  }
  const env = { ...process.env, CUSTOS_BENCH_RETENTION_URL: url };
  return {
    name: 'PostgreSQL',
    model: compile(join(dir, 'postgres'), `{ kind: postgres, url: { env: CUSTOS_BENCH_RETENTION_URL }, schema: ${SCHEMA} }`),
    env,
    writer: { kind: 'postgres', target: url, schema: SCHEMA },
    async fresh() {
      await client.query('DROP TABLE IF EXISTS events');
      await client.query('CREATE TABLE events AS SELECT * FROM events_template ORDER BY id');
      await client.query('ALTER TABLE events ADD PRIMARY KEY (id)');
      await client.query('VACUUM ANALYZE events');
    },
    // `id = ANY(ARRAY(…))`, not `id IN (SELECT …)`: PostgreSQL plans the IN form as a hash join over a scan of the whole
    // table, each batch (14.9 s instead of a few at 2,000,000 rows): a hand-written loop worth comparing with looks up ids.
    async baseline(batch) {
      let last = 0;
      let deleted = 0;
      let batches = 0;
      let largest = 0;
      const began = performance.now();
      for (;;) {
        const start = performance.now();
        const { rows: done } = await client.query({
          name: 'baseline',
          text: `WITH d AS (DELETE FROM events WHERE id = ANY(ARRAY(SELECT id FROM events WHERE ts < $1 AND id > $2 ORDER BY id LIMIT $3)) RETURNING id)
                 SELECT count(*)::int AS n, max(id) AS last FROM d`,
          values: [CUTOFF, last, batch],
        });
        largest = Math.max(largest, performance.now() - start);
        const n = Number(done[0]?.n ?? 0);
        if (n === 0) break;
        batches++;
        deleted += n;
        last = Number(done[0]?.last);
      }
      return { rows: deleted, ms: performance.now() - began, batches, largestBatchMs: largest };
    },
    async close() {
      await client.query('DROP TABLE IF EXISTS events');
      await client.end();
    },
  };
}

export async function benchRetention(options: { rows: number; postgresUrl?: string | undefined }): Promise<void> {
  const dir = join(tmpdir(), `custos-retention-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const sqlite = await sqliteEngine(options.rows, dir);
    try {
      await benchEngine(sqlite, options.rows);
    } finally {
      await sqlite.close();
    }
    if (options.postgresUrl) {
      const postgres = await postgresEngine(options.rows, dir, options.postgresUrl);
      try {
        await benchEngine(postgres, options.rows);
      } finally {
        await postgres.close();
      }
    } else console.log('\n  PostgreSQL skipped: set CUSTOS_BENCH_POSTGRES_URL or CUSTOS_TEST_POSTGRES_URL');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Memory benchmark: one person with 100,000 log rows; the access package streams them, a hand-written read buffers them.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { systemClock } from '../src/clock.js';
import { createConnectorPool } from '../src/connectors/index.js';
import { normalizeIdentities } from '../src/rights/index.js';
import { writeAccessPackage } from '../src/rights/package/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { nimbusEmail } from '../examples/nimbus-cloud/generator/index.js';
import { nimbusOnSqlite } from './nimbus-setup.js';

const HEAVY_ROWS = 100_000;
const HEAVY_CUSTOMER = 1;

/** Peak heap growth (MB) above the heap at the start while `work` runs, sampled every 5 ms. */
async function peakHeapGrowth(work: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return (peak - start) / 2 ** 20;
}

export async function benchMemory(): Promise<void> {
  const customers = 10_000;
  const { dir, model, stores } = await nimbusOnSqlite(customers);
  await stores.close();
  const telemetry = new Database(join(dir, 'data', 'telemetry.db'));
  const have = (telemetry.prepare('SELECT count(*) AS n FROM application_logs WHERE customer_id = ?').get(HEAVY_CUSTOMER) as { n: number })
    .n;
  if (have < HEAVY_ROWS) {
    const insert = telemetry.prepare(
      'INSERT INTO application_logs (customer_id, level, request_id, message, ip, logged_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    telemetry.transaction(() => {
      for (let i = have; i < HEAVY_ROWS; i++) {
        insert.run(
          HEAVY_CUSTOMER,
          'info',
          `req-${i}`,
          `GET /v1/servers/${i % 977} 200 in ${i % 300} ms — log line padded to a realistic length`,
          `203.0.113.${i % 250}`,
          new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        );
      }
    })();
  }
  const store = openSqliteStore(join(dir, 'custos-memory.db'));
  const pool = createConnectorPool(model);
  const ctx = { model, pool, store, clock: systemClock, pseudonymKey: new Uint8Array(32) };
  const out = join(dir, 'heavy-access.zip');
  let rows = 0;
  const streamed = await peakHeapGrowth(async () => {
    const identities = normalizeIdentities(model, new Map([['email', [nimbusEmail(HEAVY_CUSTOMER)]]]));
    rows = (await writeAccessPackage(ctx, { id: `memory-${Date.now()}`, identities }, { out, lang: 'en' })).rows;
  });
  const buffered = await peakHeapGrowth(async () => {
    const all = telemetry.prepare('SELECT * FROM application_logs WHERE customer_id = ?').all(HEAVY_CUSTOMER);
    JSON.stringify(all);
  });
  await pool.close();
  await store.close();
  telemetry.close();
  console.log(
    `\n## memory — one person with ${HEAVY_ROWS.toLocaleString('en')} log rows (${rows.toLocaleString('en')} rows exported, package ${(statSync(out).size / 2 ** 20).toFixed(1)} MB zipped)`,
  );
  console.log(`  engine: access package (zip of JSON + CSV), peak heap growth            ${streamed.toFixed(1).padStart(7)} MB`);
  console.log(`  hand-written: SELECT all rows then JSON.stringify, peak heap growth      ${buffered.toFixed(1).padStart(7)} MB`);
  console.log(`  ratio streamed / buffered peak heap growth                              ${(streamed / buffered).toFixed(2)}×`);
}

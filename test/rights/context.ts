// Builds an execution context for rights tests: a real connector pool, a Custos store file, a fixed clock and key; and a
// sink that keeps what an export writes.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { fixedClock } from '../../src/clock.js';
import type { CollectionModel } from '../../src/policy/index.js';
import { createConnectorPool, type ConnectorPool } from '../../src/connectors/index.js';
import { type ExecutionContext, type ExportedValue, type ExportSink, type ProgressEvent } from '../../src/rights/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import type { Shop } from './shop.js';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const KEY = new Uint8Array(32).fill(42);

export interface TestContext extends ExecutionContext {
  readonly store: Store;
  readonly pool: ConnectorPool;
  close(): Promise<void>;
}

/** A context on `shop`'s manifest with its store in `shop.dir`; `pool` (closed with the context) defaults to a fresh one. */
export function testContext(
  shop: Pick<Shop, 'dir' | 'model'>,
  options: { pool?: ConnectorPool; onProgress?: (e: ProgressEvent) => void | Promise<void> } = {},
): TestContext {
  const store = openSqliteStore(join(shop.dir, 'custos.db'));
  const pool = options.pool ?? createConnectorPool(shop.model);
  return {
    model: shop.model,
    store,
    pool,
    clock: fixedClock(NOW),
    pseudonymKey: KEY,
    onProgress: options.onProgress,
    async close() {
      await pool.close();
      await store.close();
    },
  };
}

/** A sink that keeps every exported row, per collection (`dataset.collection`), in the order written. */
export function memorySink() {
  const rows = new Map<string, Record<string, ExportedValue>[]>();
  let current: CollectionModel | undefined;
  const sink: ExportSink = {
    async beginCollection(c) {
      current = c;
      rows.set(c.qualifiedName, []);
    },
    async row(values) {
      rows.get(current?.qualifiedName ?? '')?.push({ ...values });
    },
    async endCollection() {},
  };
  return { sink, rows };
}

/** Every row of every table of a SQLite file, for before/after comparisons. */
export function dump(db: Database.Database): Record<string, unknown[]> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all();
  db.close();
  return out;
}

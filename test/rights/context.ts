// Builds an execution context for rights tests: a real connector pool, a Custos store file, a fixed clock and key.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { fixedClock } from '../../src/clock.js';
import { createConnectorPool, type ConnectorPool, type ExecutionContext, type ProgressEvent } from '../../src/rights/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import type { Shop } from './shop.js';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const KEY = new Uint8Array(32).fill(42);

export interface TestContext extends ExecutionContext {
  readonly store: Store;
  readonly pool: ConnectorPool;
  close(): Promise<void>;
}

export function testContext(
  shop: Shop,
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

/** Every row of every table of a SQLite file, for before/after comparisons. */
export function dump(db: Database.Database): Record<string, unknown[]> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all();
  db.close();
  return out;
}

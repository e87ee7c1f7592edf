// The SQLite store against the store contract, each store in a file of its own; its migrations numbered without gaps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.js';
import { AT, describeStoreContract } from '../contract.test-support.js';
import type { Store } from '../store.js';
import { latestMigration } from '../migration-guard.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './store.js';

const clock = fixedClock(AT);

describeStoreContract('sqlite', async () => ({
  latestMigration: latestMigration(SQLITE_MIGRATIONS),
  migrationCount: SQLITE_MIGRATIONS.length,
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'custos-store-contract-'));
    const file = join(dir, 'custos.db');
    const store = openSqliteStore(file, { clock });
    const others: Store[] = [];
    const withDb = <T>(work: (db: Database.Database) => T): T => {
      const db = new Database(file, { timeout: 5000 });
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      store,
      async sql(statement) {
        withDb((db) => db.exec(statement));
      },
      async count(table) {
        return withDb((db) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
      },
      async lines(query) {
        return withDb((db) => (db.prepare(query).all() as { line: string }[]).map((r) => r.line));
      },
      async reopen() {
        const other = openSqliteStore(file, { clock });
        others.push(other);
        return other;
      },
      async dispose() {
        for (const s of [store, ...others]) await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
}));

describe('the SQLite store migrations', () => {
  it('are numbered 1 to N without a gap, so the count the contract checks is the highest id a store records', () => {
    expect(SQLITE_MIGRATIONS.map((m) => m.id)).toEqual(SQLITE_MIGRATIONS.map((_, i) => i + 1));
  });
});

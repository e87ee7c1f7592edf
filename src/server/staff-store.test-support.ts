// The store the server's tests run on: SQLite in a file of its own, and PostgreSQL in a schema of its own when the
// test server is there; with a vault over an in-memory key ring, and a look at the raw tables as a database user has.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { serviceUrl } from '../../test/services.js';
import { openPostgresStore, openSqliteStore, type Store } from '../store/index.js';
import { MasterKey, openMemoryKeyRing, openVault, type Vault } from '../vault/index.js';

export const STAFF_STORE_ENGINES = ['sqlite', ...(serviceUrl('postgres') ? (['postgres'] as const) : [])] as const;
export type StaffStoreEngine = 'sqlite' | 'postgres';

export interface StaffStore {
  readonly store: Store;
  readonly vault: Vault;
  /** Every row of one of the store's tables, read past Custos. */
  rows(table: string): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

/** A fresh store of `engine`, migrated. */
export async function openStaffStore(engine: StaffStoreEngine): Promise<StaffStore> {
  const vault = openVault(openMemoryKeyRing(), { master: MasterKey.fromBytes(Buffer.alloc(32, 0).map((_, i) => i * 7 + 3)), accepted: [] });
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'custos-staff-'));
    const file = join(dir, 'custos.db');
    const store = openSqliteStore(file);
    return {
      store,
      vault,
      async rows(table) {
        const db = new Database(file, { readonly: true });
        try {
          return db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
      async dispose() {
        await vault.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = serviceUrl('postgres')!;
  const schema = `custos_staff_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const store = openPostgresStore(url, { schema });
  await store.ready();
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  return {
    store,
    vault,
    rows: (table) => query(`SELECT * FROM ${table}`),
    async dispose() {
      await vault.close();
      await store.close();
      await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

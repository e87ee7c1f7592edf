// The PostgreSQL store against the store contract, each store in a schema of its own; a reopened store is another pool.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { serviceUrl } from '../../../test/services.js';
import { fixedClock } from '../../clock.js';
import { AT, describeStoreContract } from '../contract.test-support.js';
import { openStore } from '../index.js';
import type { Store } from '../store.js';
import { latestMigration } from '../migration-guard.js';
import { POSTGRES_MIGRATIONS, quote } from './migrations.js';
import { openPostgresStore } from './store.js';

const url = serviceUrl('postgres');
const clock = fixedClock(AT);
const schemaName = () => `custos_store_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function withClient<T>(schema: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${quote(schema)}` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
const dropSchema = (schema: string) => withClient('public', (c) => c.query(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`));

describe.skipIf(!url)('postgres store', () => {
  describeStoreContract('postgres', async () => ({
    latestMigration: latestMigration(POSTGRES_MIGRATIONS),
    migrationCount: POSTGRES_MIGRATIONS.length,
    async fresh() {
      const schema = schemaName();
      const store = openPostgresStore(url!, { schema, clock });
      await store.ready();
      const others: Store[] = [];
      return {
        store,
        sql: (statement) => withClient(schema, (c) => c.query(statement)).then(() => undefined),
        count: (table) =>
          withClient(schema, async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n),
        lines: (query) => withClient(schema, async (c) => (await c.query<{ line: string }>(query)).rows.map((r) => r.line)),
        async reopen() {
          const other = openPostgresStore(url!, { schema, clock });
          others.push(other);
          await other.ready();
          return other;
        },
        async dispose() {
          for (const s of [store, ...others]) await s.close();
          await dropSchema(schema);
        },
      };
    },
  }));

  it('is what CUSTOS_STORE and openStore select for a postgres:// URL, in the schema its URL names', async () => {
    const schema = schemaName();
    const store = openStore(`${url!}${url!.includes('?') ? '&' : '?'}schema=${schema}`);
    try {
      expect(store.kind).toBe('postgres');
      await store.journal.open({ id: 'r', action: 'erase', plan: {}, startedAt: new Date() });
      const runs = await withClient(schema, (c) => c.query('SELECT id FROM runs'));
      expect(runs.rows).toEqual([{ id: 'r' }]);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });

  it('migrates a schema once when several processes open it at the same time', async () => {
    const schema = schemaName();
    const stores = [1, 2, 3, 4].map(() => openPostgresStore(url!, { schema }));
    try {
      await Promise.all(stores.map((s) => s.ready()));
      const applied = await withClient(schema, (c) => c.query('SELECT id FROM schema_migrations ORDER BY id'));
      expect(applied.rows.map((r: { id: number }) => r.id)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.id));
    } finally {
      for (const s of stores) await s.close();
      await dropSchema(schema);
    }
  });

  it('refuses a schema name that is not a plain identifier, and reports a server out of reach as unavailable', async () => {
    expect(() => openPostgresStore(url!, { schema: 'x"; drop table y; --' })).toThrow(
      'store schema "x\\"; drop table y; --" is not a plain identifier: use letters, digits and _ (e.g. custos)',
    );
    const away = openPostgresStore('postgres://custos:secret-pw@127.0.0.1:1/none');
    const failure = await away.ready().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'store-unavailable' });
    expect(String((failure as Error).message)).not.toContain('secret-pw');
    await expect(away.journal.get('r')).rejects.toMatchObject({ code: 'store-unavailable' });
    await away.close();
  });
});

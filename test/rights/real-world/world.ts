// A real-world schema set up for a ground-truth suite: its manifest compiled from a folder, its store created and filled
// on SQLite or a server (unique names per run), and the engine's access and erasure run against it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { compilePolicyFolder, type PolicyModel } from '../../../src/policy/index.js';
import { createConnectorPool } from '../../../src/connectors/index.js';
import {
  executeErasure,
  exportPersonData,
  normalizeIdentities,
  planRequest,
  type ErasureResult,
  type RightsPlan,
} from '../../../src/rights/index.js';
import { memorySink, testContext } from '../context.js';
import { COMMON_MANIFEST } from './common.js';
import {
  createTables,
  mysqlStore,
  normalise,
  postgresStore,
  snapshot,
  sqliteStore,
  type HandSql,
  type Row,
  type Snapshot,
  type TableSpec,
} from './tables.js';

export type Backend = 'sqlite' | 'postgres' | 'mysql';

export interface SchemaSpec {
  readonly name: string;
  /** The schema's identities and datasets; `{{store}}` is replaced by the store's declaration. */
  readonly manifest: string;
  readonly tables: readonly TableSpec[];
  readonly rows: Readonly<Record<string, readonly Row[]>>;
}

export interface World {
  readonly model: PolicyModel;
  readonly sql: HandSql;
  /** The environment the manifest's `{ env: … }` store URLs are read from (for a connector pool of one's own). */
  readonly env: NodeJS.ProcessEnv;
  /** Lint warnings the manifest compiled with (errors fail the setup). */
  readonly warnings: readonly string[];
  snapshot(): Promise<Snapshot>;
  /** Exported rows per table, as primary keys (a list: a row exported twice shows twice). */
  access(identity: string, value: string): Promise<Record<string, string[]>>;
  erase(identity: string, value: string): Promise<ErasureResult>;
  plan(action: 'access' | 'erase', identityKeys: readonly string[]): RightsPlan;
  /** Violations of the store's own foreign keys (SQLite's foreign_key_check; servers enforce them). */
  foreignKeyViolations(): Promise<Row[]>;
  cleanup(): Promise<void>;
}

let counter = 0;

export async function createWorld(spec: SchemaSpec, backend: Backend): Promise<World> {
  const unique = `rw_${spec.name}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const dir = resolve(`test/.tmp/${unique}`);
  mkdirSync(dir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  let sql: HandSql;
  let store: string;
  let drop = async () => {};
  if (backend === 'sqlite') {
    sql = sqliteStore(join(dir, `${spec.name}.db`));
    store = `{ kind: sqlite, file: ${spec.name}.db }`;
  } else if (backend === 'postgres') {
    const url = process.env.CUSTOS_TEST_POSTGRES_URL as string;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${unique}`);
    await admin.end();
    sql = await postgresStore(url, unique);
    env.RW_STORE_URL = url;
    store = `{ kind: postgres, url: { env: RW_STORE_URL }, schema: ${unique} }`;
    drop = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${unique} CASCADE`);
      await c.end();
    };
  } else {
    const url = process.env.CUSTOS_TEST_MYSQL_URL as string;
    const admin = await mysql.createConnection(url);
    await admin.query(`CREATE DATABASE ${unique}`);
    await admin.end();
    const dbUrl = url.replace(/\/[^/]*$/, `/${unique}`);
    sql = await mysqlStore(dbUrl);
    env.RW_STORE_URL = dbUrl;
    store = `{ kind: mysql, url: { env: RW_STORE_URL } }`;
    drop = async () => {
      const c = await mysql.createConnection(url);
      await c.query(`DROP DATABASE IF EXISTS ${unique}`);
      await c.end();
    };
  }
  await createTables(sql, spec.tables, spec.rows);
  if (backend === 'sqlite') {
    // The seed was loaded before the constraints applied: it must satisfy them, or every later check is moot.
    const broken = await sql.all('PRAGMA foreign_key_check');
    if (broken.length > 0) throw new Error(`${spec.name} seed breaks its foreign keys: ${JSON.stringify(broken)}`);
  }
  writeFileSync(join(dir, 'provider.yaml'), COMMON_MANIFEST);
  writeFileSync(join(dir, `${spec.name}.yaml`), spec.manifest.replaceAll('{{store}}', store));
  const compiled = compilePolicyFolder(dir, { now: new Date('2026-11-23T00:00:00Z') });
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (!compiled.model || errors.length > 0) {
    throw new Error(`${spec.name} manifest: ${compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  }
  const model = compiled.model;
  const context = () => testContext({ dir, model }, { pool: createConnectorPool(model, { env }) });
  const identitiesOf = (identity: string, value: string) => normalizeIdentities(model, new Map([[identity, [value]]]));
  let requests = 0;
  return {
    model,
    sql,
    env,
    // Errors and warnings; notes on defaults relied on (info) are not problems of the manifest.
    warnings: compiled.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`),
    snapshot: () => snapshot(sql, spec.tables),
    async access(identity, value) {
      const { sink, rows } = memorySink();
      const ctx = context();
      try {
        await exportPersonData(ctx, { id: `${unique}-access-${requests++}`, identities: identitiesOf(identity, value) }, sink, {
          action: 'access',
        });
      } finally {
        await ctx.close();
      }
      const out: Record<string, string[]> = {};
      for (const [q, exported] of rows) {
        const c = model.index.collections.get(q);
        const table = q.split('.')[1] as string;
        if (exported.length === 0) continue;
        out[table] = exported.map((r) => (c?.primaryKey ?? []).map((k) => normalise(r[k])).join('|')).sort();
      }
      return out;
    },
    async erase(identity, value) {
      const ctx = context();
      try {
        return await executeErasure(ctx, { id: `${unique}-erase-${requests++}`, identities: identitiesOf(identity, value) });
      } finally {
        await ctx.close();
      }
    },
    plan: (action, identityKeys) => planRequest(model, { action, identityKeys }),
    foreignKeyViolations: async () => (backend === 'sqlite' ? sql.all('PRAGMA foreign_key_check') : []),
    async cleanup() {
      await sql.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The backends a schema runs on here: SQLite always, the server when its URL is set. */
export function backends(server: 'postgres' | 'mysql'): { backend: Backend; enabled: boolean }[] {
  const url = server === 'postgres' ? process.env.CUSTOS_TEST_POSTGRES_URL : process.env.CUSTOS_TEST_MYSQL_URL;
  return [
    { backend: 'sqlite', enabled: true },
    { backend: server, enabled: Boolean(url) },
  ];
}

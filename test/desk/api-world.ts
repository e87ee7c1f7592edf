// The end-to-end world behind the HTTP API: nimbus-cloud on SQLite or on the distributed profile (PostgreSQL + MariaDB +
// Redis), Custos's store and job queue on SQLite or PostgreSQL + pg-boss, staff accounts in the store, the server's log
// captured, and the provider's data dumped table by table so a test sees every row a run changed.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { DISTRIBUTED_PROFILE, generateNimbus, NIMBUS_MANIFEST, NIMBUS_NOW } from '../../examples/nimbus-cloud/generator/index.js';
import { nimbusServerStores, nimbusSqliteStores, type NimbusStores } from '../../bench/baseline/nimbus.js';
import { createConnectorPool } from '../../src/connectors/index.js';
import { deskJobs, openDesk, type Desk } from '../../src/desk/index.js';
import { openPgBossJobQueue, openSqliteJobQueue, type JobQueue } from '../../src/jobs/index.js';
import { compilePolicyFolder, type PolicyModel } from '../../src/policy/index.js';
import { buildServer, storeStaffAccounts, type CustosServer, type ServerOptions } from '../../src/server/index.js';
import { logCapture, staffFixture } from '../../src/server/testing.test-support.js';
import { openPostgresStore, openSqliteStore, type OutboxMessage, type Store } from '../../src/store/index.js';
import { generateMasterKey, loadMasterKeys, openMemoryKeyRing, openVault, type Vault } from '../../src/vault/index.js';
import { serviceUrl } from '../services.js';
import { APP_SECRET, KEY, movableClock } from './world.js';

export type Profile = 'sqlite' | 'distributed';

/** Every row of the provider's data: `<dataset>.<table>#<key>` → the row as JSON text. */
export type Snapshot = ReadonlyMap<string, string>;

export interface ApiWorld {
  readonly profile: Profile;
  readonly dir: string;
  readonly model: PolicyModel;
  /** The provider's data, read by the hand-written ground truth. */
  readonly data: NimbusStores;
  readonly store: Store;
  readonly vault: Vault;
  readonly clock: ReturnType<typeof movableClock>;
  readonly desk: Desk;
  readonly adminTotpSecret: string;
  /** A server over the desk, its log captured; `close()` it. */
  serve(options?: Partial<ServerOptions>): Promise<CustosServer & { log(): string }>;
  /** Works the desk's jobs until stopped. */
  work(): { stop(): void };
  /** The messages queued for a request, oldest first: the person's mailbox. */
  messages(requestId: string): Promise<OutboxMessage[]>;
  /** Runs SQL on Custos's own store, past Custos, as someone with the database would. */
  storeSql(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Every table of the provider's data. */
  snapshot(): Promise<Snapshot>;
  cleanup(): Promise<void>;
}

/** Whether a profile can run here, or why not (printed by the suite, never skipped silently). */
export function profileMissing(profile: Profile): string | undefined {
  if (profile === 'sqlite') return undefined;
  const missing = (['postgres', 'mysql', 'redis'] as const).filter((s) => !serviceUrl(s));
  return missing.length
    ? `the distributed profile needs ${missing.map((m) => `CUSTOS_TEST_${m.toUpperCase()}_URL`).join(', ')}`
    : undefined;
}

const server = (url: string) => url.replace(/\/[^/?]*(\?.*)?$/, '');
/** A Redis database no other suite uses (the connector has no key prefix). */
const REDIS_DB = 11;

interface Backend {
  readonly data: NimbusStores;
  readonly env: NodeJS.ProcessEnv;
  readonly store: Store;
  readonly jobs: JobQueue;
  storeSql(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  snapshot(): Promise<Snapshot>;
  dispose(): Promise<void>;
}

const rowKey = (dataset: string, table: string, row: Record<string, unknown>, fallback: unknown) =>
  `${dataset}.${table}#${String(row['id'] ?? fallback)}`;

/** JSON text of a row, dates as ISO and buffers as hex, so two dumps compare as text. */
const rowText = (row: Record<string, unknown>) =>
  JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v));

function dumpSqliteFile(file: string, dataset: string, into: Map<string, string>): void {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[];
    for (const { name } of tables)
      for (const row of db.prepare(`SELECT rowid AS "__rowid", * FROM "${name}"`).all() as Record<string, unknown>[]) {
        const { __rowid, ...values } = row;
        into.set(rowKey(dataset, name, values, __rowid), rowText(values));
      }
  } finally {
    db.close();
  }
}

async function sqliteBackend(dir: string): Promise<Backend> {
  await generateNimbus({ customers: CUSTOMERS, stores: 'sqlite', baseDir: join(dir, 'privacy'), force: true, threads: false });
  const file = join(dir, 'custos.db');
  const store = openSqliteStore(file);
  const direct = new Database(file);
  return {
    data: nimbusSqliteStores(join(dir, 'data')),
    env: process.env,
    store,
    jobs: openSqliteJobQueue(file, { pollIntervalMs: 100, closeTimeoutMs: 5000 }),
    storeSql: async (sql, params = []) =>
      /^\s*select/i.test(sql)
        ? (direct.prepare(sql).all(...params) as Record<string, unknown>[])
        : (direct.prepare(sql).run(...params), []),
    async snapshot() {
      const into = new Map<string, string>();
      for (const dataset of ['accounts', 'telemetry', 'recruitment', 'sessions'])
        dumpSqliteFile(join(dir, 'data', `${dataset}.db`), dataset, into);
      return into;
    },
    dispose: async () => void direct.close(),
  };
}

async function distributedBackend(dir: string): Promise<Backend> {
  const [pgUrl, myUrl, redisUrl] = [serviceUrl('postgres')!, serviceUrl('mysql')!, serviceUrl('redis')!];
  const name = `custos_e2e_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const myAdmin = await mysql.createConnection(myUrl);
  await myAdmin.query(`CREATE DATABASE ${name}`);
  const redisDb = `${server(redisUrl)}/${REDIS_DB}`;
  const env = {
    ...process.env,
    NIMBUS_ACCOUNTS_URL: `${server(pgUrl)}/${name}`,
    NIMBUS_TELEMETRY_URL: `${server(myUrl)}/${name}`,
    NIMBUS_SESSIONS_URL: redisDb,
  };
  const redis = new Redis(redisDb);
  await redis.flushdb();
  await generateNimbus({ customers: CUSTOMERS, stores: 'all', baseDir: join(dir, 'privacy'), env, force: true, threads: false });
  // Custos's own store and pg-boss in schemas of their own, in the test database.
  const storeSchema = `custos_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const store = openPostgresStore(pgUrl, { schema: storeSchema });
  await store.ready();
  const jobs = await openPgBossJobQueue(pgUrl, { schema: `${storeSchema}_jobs`, pollIntervalMs: 500, closeTimeoutMs: 5000 });
  const direct = new pg.Pool({ connectionString: pgUrl, max: 2 });
  const accounts = new pg.Client({ connectionString: env.NIMBUS_ACCOUNTS_URL });
  await accounts.connect();
  const telemetry = await mysql.createConnection(env.NIMBUS_TELEMETRY_URL);
  return {
    data: nimbusServerStores(env, join(dir, 'data'), { sessions: 'scan' }),
    env,
    store,
    jobs,
    async storeSql(sql, params = []) {
      const client = await direct.connect();
      try {
        await client.query(`SET search_path TO "${storeSchema}"`);
        return (
          await client.query(
            sql.replace(/\?/g, (_m, i: number) => `$${sql.slice(0, i).split('?').length}`),
            params,
          )
        ).rows;
      } finally {
        client.release();
      }
    },
    async snapshot() {
      const into = new Map<string, string>();
      const pgTables = await accounts.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      for (const { tablename } of pgTables.rows as { tablename: string }[]) {
        const rows = await accounts.query(`SELECT * FROM "${tablename}"`);
        rows.rows.forEach((row: Record<string, unknown>, i) => into.set(rowKey('accounts', tablename, row, `#${i}`), rowText(row)));
      }
      const [myTables] = await telemetry.query('SHOW TABLES');
      for (const t of myTables as Record<string, string>[]) {
        const table = Object.values(t)[0]!;
        const [rows] = await telemetry.query(`SELECT * FROM \`${table}\``);
        (rows as Record<string, unknown>[]).forEach((row, i) => into.set(rowKey('telemetry', table, row, `#${i}`), rowText(row)));
      }
      dumpSqliteFile(join(dir, 'data', 'recruitment.db'), 'recruitment', into);
      for (const key of await redis.keys('*')) {
        const type = await redis.type(key);
        const value =
          type === 'hash' ? await redis.hgetall(key) : type === 'set' ? (await redis.smembers(key)).sort() : await redis.dump(key);
        into.set(`redis#${key}`, JSON.stringify(value));
      }
      return into;
    },
    async dispose() {
      await redis.flushdb();
      redis.disconnect();
      await accounts.end();
      await telemetry.end();
      await direct.query(`DROP SCHEMA IF EXISTS "${storeSchema}" CASCADE; DROP SCHEMA IF EXISTS "${storeSchema}_jobs" CASCADE`);
      await direct.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await myAdmin.query(`DROP DATABASE IF EXISTS ${name}`);
      await myAdmin.end();
    },
  };
}

export const CUSTOMERS = 40;

export async function apiWorld(profile: Profile): Promise<ApiWorld> {
  const dir = resolve(`test/.tmp/desk-api-${profile}-${process.pid}-${Date.now()}`);
  mkdirSync(join(dir, 'privacy'), { recursive: true });
  const backend = profile === 'sqlite' ? await sqliteBackend(dir) : await distributedBackend(dir);
  const model = compilePolicyFolder(NIMBUS_MANIFEST, {
    baseDir: join(dir, 'privacy'),
    ...(profile === 'distributed' ? { profile: DISTRIBUTED_PROFILE } : {}),
  }).model as PolicyModel;
  const { store, jobs } = backend;
  const vault = openVault(openMemoryKeyRing(), loadMasterKeys({ CUSTOS_MASTER_KEY: generateMasterKey() }));
  const clock = movableClock(new Date(NIMBUS_NOW.getTime() + 9 * 3_600_000));
  const desk = openDesk({
    model,
    store,
    jobs,
    vault,
    clock,
    options: {
      pseudonymKey: KEY,
      appSecret: APP_SECRET,
      packagesDir: join(dir, 'packages'),
      runRetryDelaySeconds: 1,
      pool: () => createConnectorPool(model, { env: backend.env }),
    },
  });
  // Staff of each role in the store; the admin has TOTP. The officer enrols through the API.
  const fixture = await staffFixture();
  const { directory, sessions } = storeStaffAccounts(store, vault);
  for (const { totp, ...member } of Object.values(fixture.members)) {
    await store.users.create({ ...member, disabled: false, createdAt: clock.now() });
    if (totp) await directory.confirmTotp(member.id, totp);
  }
  const workers: AbortController[] = [];
  const servers: CustosServer[] = [];
  return {
    profile,
    dir,
    model,
    data: backend.data,
    store,
    vault,
    clock,
    desk,
    adminTotpSecret: fixture.adminTotpSecret,
    async serve(options = {}) {
      const capture = logCapture();
      const built = await buildServer({ directory, sessions, desk, clock, logger: { stream: capture.stream }, ...options });
      servers.push(built);
      return { ...built, log: capture.text };
    },
    work() {
      const controller = new AbortController();
      workers.push(controller);
      void deskJobs(desk, { signal: controller.signal });
      return { stop: () => controller.abort() };
    },
    async messages(requestId) {
      return (await store.outbox.queued(10_000)).filter((m) => m.requestId === requestId);
    },
    storeSql: backend.storeSql,
    snapshot: backend.snapshot,
    async cleanup() {
      for (const w of workers) w.abort();
      for (const s of servers) await s.close().catch(() => undefined);
      await jobs.close();
      await vault.close();
      await store.close();
      await backend.data.close();
      await backend.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

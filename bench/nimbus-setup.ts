// Sample data for the rights benchmarks: nimbus-cloud generated once per scale under bench/out and reused afterwards.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';
import { compilePolicyFolder, type PolicyModel } from '../src/policy/index.js';
import { DISTRIBUTED_PROFILE, generateNimbus, NIMBUS_MANIFEST } from '../examples/nimbus-cloud/generator/index.js';
import { nimbusServerStores, nimbusSqliteStores, sqliteErasureRehearsal } from './baseline/nimbus.js';
import type { ErasureCopy } from './rights.bench.js';

/**
 * What the data was generated from: the manifest's files. Data of another manifest (a key index added, a field renamed)
 * no longer matches what the engine reads, and is generated again.
 */
function manifestStamp(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(NIMBUS_MANIFEST).sort()) hash.update(name).update(readFileSync(join(NIMBUS_MANIFEST, name)));
  return `manifest ${hash.digest('hex').slice(0, 16)}`;
}

async function generateOnce(
  dir: string,
  customers: number,
  generate: (baseDir: string) => Promise<unknown>,
  ready: () => Promise<boolean>,
): Promise<void> {
  const baseDir = join(dir, 'privacy');
  const stamp = manifestStamp();
  const stamped = existsSync(join(dir, 'READY')) && readFileSync(join(dir, 'READY'), 'utf8').startsWith(stamp);
  if (stamped && (await ready())) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(baseDir, { recursive: true });
  const started = Date.now();
  process.stdout.write(
    `generating nimbus-cloud with ${customers.toLocaleString('en')} customers into ${dir} (once; later runs reuse it)…\n`,
  );
  await generate(baseDir);
  writeFileSync(join(dir, 'READY'), `${stamp}, generated ${new Date().toISOString()}`);
  process.stdout.write(`  generated in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

function compile(baseDir: string, profile?: string): PolicyModel {
  const compiled = compilePolicyFolder(NIMBUS_MANIFEST, { baseDir, profile });
  if (!compiled.model) throw new Error('the nimbus manifest does not compile');
  return compiled.model;
}

export async function nimbusOnSqlite(customers: number) {
  const dir = resolve(`bench/out/nimbus-${customers}`);
  await generateOnce(
    dir,
    customers,
    (baseDir) => generateNimbus({ customers, stores: 'sqlite', baseDir, force: true }),
    async () => true,
  );
  return { dir, model: compile(join(dir, 'privacy')), stores: nimbusSqliteStores(join(dir, 'data')), env: process.env };
}

/**
 * nimbus-cloud on SQLite, and a copy of its data for the hand-written erasure: both sides erase the same people, each in
 * its own copy, so the copies stay alike from run to run (made once, after generation; ~20 s for 1,000,000 customers).
 */
export async function nimbusOnSqlitePaired(customers: number) {
  const setup = await nimbusOnSqlite(customers);
  const copy = `${setup.dir}-baseline`;
  // The copy names the generation it was taken from: data generated anew is copied anew.
  const generated = readFileSync(join(setup.dir, 'READY'), 'utf8');
  if (!existsSync(join(copy, 'READY')) || readFileSync(join(copy, 'READY'), 'utf8') !== generated) {
    process.stdout.write(`copying the data for the hand-written code into ${copy} (once)…\n`);
    rmSync(copy, { recursive: true, force: true });
    cpSync(join(setup.dir, 'data'), join(copy, 'data'), { recursive: true });
    writeFileSync(join(copy, 'READY'), generated);
  }
  const stores = nimbusSqliteStores(join(copy, 'data'));
  const rehearsals = [sqliteErasureRehearsal(join(setup.dir, 'data')), sqliteErasureRehearsal(join(copy, 'data'))];
  const erasureCopy: ErasureCopy = {
    stores,
    rehearsals,
    close: async () => void (await Promise.all([stores.close(), ...rehearsals.map((r) => r.close())])),
  };
  return { ...setup, erasureCopy, dropCachedPages: () => [join(setup.dir, 'data'), join(copy, 'data')].every(dropCachedPages) };
}

/**
 * Drops the operating system's cached pages of a folder's SQLite files (databases and WALs), with GNU dd's `nocache`
 * (posix_fadvise DONTNEED; no privilege needed). False where that is not available.
 */
function dropCachedPages(dataDir: string): boolean {
  return readdirSync(dataDir)
    .filter((name) => /\.db(-wal)?$/.test(name))
    .every((name) => spawnSync('dd', [`if=${join(dataDir, name)}`, 'iflag=nocache', 'count=0', 'status=none']).status === 0);
}

/** The distributed profile on this machine's servers, in databases of its own (PostgreSQL, MariaDB) and Redis db 1. */
export async function nimbusDistributed(customers: number) {
  const name = `nimbus_bench_${customers}`;
  const env = {
    ...process.env,
    NIMBUS_ACCOUNTS_URL: `${process.env.CUSTOS_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432'}/${name}`,
    NIMBUS_TELEMETRY_URL: `${process.env.CUSTOS_BENCH_MYSQL ?? 'mysql://root@127.0.0.1:3306'}/${name}`,
    NIMBUS_SESSIONS_URL: `${process.env.CUSTOS_BENCH_REDIS ?? 'redis://127.0.0.1:6379'}/1`,
  };
  const admin = new pg.Client({ connectionString: `${env.NIMBUS_ACCOUNTS_URL.replace(/\/[^/]+$/, '')}/postgres` });
  await admin.connect();
  if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 0)
    await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const myAdmin = await mysql.createConnection(env.NIMBUS_TELEMETRY_URL.replace(/\/[^/]+$/, ''));
  await myAdmin.query(`CREATE DATABASE IF NOT EXISTS ${name}`);
  await myAdmin.end();
  const dir = resolve(`bench/out/nimbus-distributed-${customers}`);
  const ready = async () => {
    const accounts = new pg.Client({ connectionString: env.NIMBUS_ACCOUNTS_URL });
    await accounts.connect();
    try {
      const found = await accounts.query('SELECT count(*)::int AS n FROM customers').catch(() => undefined);
      return found?.rows[0]?.n === customers;
    } finally {
      await accounts.end();
    }
  };
  await generateOnce(
    dir,
    customers,
    async (baseDir) => {
      const redis = new Redis(env.NIMBUS_SESSIONS_URL);
      await redis.flushdb();
      redis.disconnect();
      await generateNimbus({ customers, stores: 'all', baseDir, env, force: true });
    },
    ready,
  );
  const stores = nimbusServerStores(env, join(dir, 'data'), { connections: 4 });
  return { dir, model: compile(join(dir, 'privacy'), DISTRIBUTED_PROFILE), stores, env };
}

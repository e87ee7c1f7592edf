// The sample data generator: same seed, same rows; every collection filled; references resolve; cards masked; closure mixed; servers loaded.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truncateIp } from '../../../src/anonymize/index.js';
import { compilePolicyFolder, type PolicyModel } from '../../../src/policy/index.js';
import { serviceUrl } from '../../../test/services.js';
import { ip, ipPrefix } from './formats.js';
import { generateNimbus, NIMBUS_MANIFEST, nimbusCustomer, nimbusEmail, type GenerationProgress, type GenerationReport } from './index.js';
import { Rng, seedNumber } from './random.js';
import { isoTimestamp } from './sinks/encode.js';

const CUSTOMERS = 200;
const SEED = 7;
const model = compilePolicyFolder(NIMBUS_MANIFEST, { now: new Date('2026-11-23T00:00:00Z') }).model as PolicyModel;
const root = mkdtempSync(join(tmpdir(), 'custos-nimbus-'));
type Row = Record<string, unknown>;

/** One connection per SQLite file of a run, read-only. */
function openRun(dir: string): { rows: (qualified: string) => Row[]; close: () => void } {
  const files = new Map<string, Database.Database>();
  const fileOf = (dataset: string) => {
    let db = files.get(dataset);
    if (!db) {
      db = new Database(join(dir, `${dataset}.db`), { readonly: true, fileMustExist: true });
      files.set(dataset, db);
    }
    return db;
  };
  return {
    // Table names come from the manifest, which the generator has already checked as identifiers.
    rows: (qualified) => {
      const [dataset = '', table = ''] = qualified.split('.');
      return fileOf(dataset).prepare(`select * from "${table}" order by rowid`).all() as Row[];
    },
    close: () => [...files.values()].forEach((db) => db.close()),
  };
}

function dumpHash(dir: string): string {
  const run = openRun(dir);
  const hash = createHash('sha256');
  for (const qualified of [...model.index.collections.keys()].sort()) hash.update(`${qualified}\n${JSON.stringify(run.rows(qualified))}\n`);
  run.close();
  return hash.digest('hex');
}

describe('generateNimbus into SQLite', () => {
  const dir = join(root, 'first');
  let report: GenerationReport;
  let run: ReturnType<typeof openRun>;

  const progress: GenerationProgress[] = [];

  beforeAll(async () => {
    report = await generateNimbus({ customers: CUSTOMERS, seed: SEED, dir, threads: false, onProgress: (p) => progress.push(p) });
    run = openRun(dir);
  }, 60_000);
  afterAll(() => {
    run?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes the same rows for the same seed, whether in one thread or two, and other rows for another seed', async () => {
    await generateNimbus({ customers: CUSTOMERS, seed: SEED, dir: join(root, 'again'), threads: true });
    await generateNimbus({ customers: CUSTOMERS, seed: SEED + 1, dir: join(root, 'other') });
    const first = dumpHash(dir);
    expect(dumpHash(join(root, 'again'))).toBe(first);
    expect(dumpHash(join(root, 'other'))).not.toBe(first);
  }, 60_000);

  it('fills every collection the manifest declares, about 30 to 40 rows per customer', () => {
    for (const qualified of model.index.collections.keys()) {
      expect(report.rows[qualified], qualified).toBeGreaterThan(0);
      expect(run.rows(qualified)).toHaveLength(report.rows[qualified] ?? -1);
    }
    expect(report.totalRows / CUSTOMERS).toBeGreaterThan(30);
    expect(report.totalRows / CUSTOMERS).toBeLessThan(40);
    expect(run.rows('accounts.customers').map((c) => c.id)).toEqual(Array.from({ length: CUSTOMERS }, (_, i) => i + 1));
  });

  it('gives a value to every field the manifest declares', () => {
    for (const c of model.index.collections.values()) {
      const rows = run.rows(c.qualifiedName);
      for (const field of c.fields.keys())
        expect(
          rows.some((r) => r[field] !== null),
          `${c.qualifiedName}.${field}`,
        ).toBe(true);
    }
  });

  it('resolves every reference, within a file and across files: no orphan row', () => {
    for (const c of model.index.collections.values()) {
      for (const f of c.fields.values()) {
        if (!f.references) continue;
        const parents = new Set(run.rows(`${f.references.dataset}.${f.references.collection}`).map((r) => r[f.references!.field]));
        const orphans = run.rows(c.qualifiedName).filter((r) => r[f.name] !== null && !parents.has(r[f.name]));
        expect(orphans, `${c.qualifiedName}.${f.name} → ${f.references.collection}`).toEqual([]);
      }
    }
  });

  it('keeps card data to BIN + last 4 or an encrypted token, never a full card number (K1.3)', () => {
    const fullNumber = /\d{13,19}/;
    const cardFields = [...model.index.collections.values()].flatMap((c) =>
      [...c.fields.values()].filter((f) => f.card !== undefined || f.category?.startsWith('user.financial.')).map((f) => ({ c, f })),
    );
    expect(cardFields.map(({ f }) => f.name)).toContain('card_bin_last4');
    for (const { c, f } of cardFields) {
      for (const value of run.rows(c.qualifiedName).map((r) => r[f.name])) {
        if (typeof value === 'string') expect(value, `${c.qualifiedName}.${f.name}`).not.toMatch(fullNumber);
        if (f.card === 'bin-last4' && value !== null) expect(value).toMatch(/^\d{6}\*{5,6}\d{4}$/);
        if (f.protection === 'encrypted' && value !== null) expect(value).toMatch(/^enc:v1:/);
      }
    }
  });

  it('has customers who may close their account and customers who may not, as nimbusCustomer says (K6.1)', () => {
    const blocked = new Set<unknown>();
    for (const p of model.accounts.closure?.preconditions ?? []) {
      for (const row of run.rows(`${p.dataset}.${p.collection}`)) {
        if (Object.entries(p.when).every(([field, values]) => values.includes(row[field] as string))) blocked.add(row.customer_id);
      }
    }
    const customers = run.rows('accounts.customers');
    const open = customers.filter((c) => c.closed_at === null);
    expect(open.filter((c) => blocked.has(c.id)).length).toBeGreaterThan(CUSTOMERS / 4);
    expect(open.filter((c) => !blocked.has(c.id)).length).toBeGreaterThan(CUSTOMERS / 20);
    expect(customers.filter((c) => c.closed_at !== null).length).toBeGreaterThan(CUSTOMERS / 50);
    for (const c of customers) {
      const expected = nimbusCustomer(c.id as number, { seed: SEED }).closure;
      expect(expected, `customer ${c.id}`).toBe(c.closed_at !== null ? 'closed' : blocked.has(c.id) ? 'blocked' : 'free');
    }
  });

  it('gives every customer a unique lower-case e-mail and handle that nimbusCustomer derives without a query', () => {
    const customers = run.rows('accounts.customers');
    expect(new Set(customers.map((c) => c.email)).size).toBe(CUSTOMERS);
    for (const c of customers) {
      const derived = nimbusCustomer(c.id as number, { seed: SEED });
      expect([derived.email, derived.handle]).toEqual([c.email, c.handle]);
      expect(c.email).toBe((c.email as string).toLowerCase());
    }
    // K6.2: some security contacts are missing, for the product to flag.
    expect(customers.some((c) => c.backup_email === null) && customers.some((c) => c.mobile_phone === null)).toBe(true);
  });

  it('keeps only half of each analytics IP and only hashes of secrets (K4.1–K4.3)', () => {
    for (const v of run.rows('telemetry.analytics_visits')) expect(v.ip_prefix).toMatch(/^(\d+\.\d+\.0\.0|[0-9a-f:]+::)$/);
    for (const c of run.rows('accounts.customers')) expect(c.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    for (const s of run.rows('sessions.sessions')) expect(s.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to overwrite a sample that is already there, unless forced', async () => {
    await expect(generateNimbus({ customers: 10, dir: join(root, 'other') })).rejects.toMatchObject({ code: 'conflict' });
    await expect(generateNimbus({ customers: 10, dir: join(root, 'other'), force: true })).resolves.toMatchObject({ customers: 10 });
  }, 30_000);

  it('puts the files where a model compiled with the same baseDir finds them', async () => {
    const baseDir = join(root, 'bench', 'privacy');
    const result = await generateNimbus({ customers: 5, baseDir });
    const compiled = compilePolicyFolder(NIMBUS_MANIFEST, { baseDir, now: new Date('2026-11-23T00:00:00Z') }).model as PolicyModel;
    const files = [...compiled.datasets.values()].map((d) => d.store.file);
    expect(files.every((f) => f?.startsWith(join(root, 'bench', 'data')))).toBe(true);
    expect(result.datasets.map((d) => d.location).sort()).toEqual([...files].sort());
  });

  it('reports progress from preparing to done, with rows that only grow', () => {
    expect(progress[0]?.phase).toBe('prepare');
    expect(progress.at(-1)).toMatchObject({ phase: 'done', customers: CUSTOMERS, totalCustomers: CUSTOMERS, rows: report.totalRows });
    expect(progress.some((p) => p.phase === 'indexes' && p.step === 'accounts: customers.email')).toBe(true);
    expect(progress.every((p, i) => i === 0 || p.rows >= (progress[i - 1]?.rows ?? 0))).toBe(true);
  });

  it('writes timestamps as ISO 8601 UTC, as Date#toISOString would', () => {
    for (const ms of [0, 1_700_000_000_123, Date.UTC(2026, 1, 28, 23, 59, 59, 999), Date.UTC(2024, 1, 29, 12)]) {
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    }
    expect(run.rows('accounts.customers').every((c) => !Number.isNaN(Date.parse(c.created_at as string)))).toBe(true);
  });

  it('stops between chunks of customers when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = generateNimbus({ customers: 3000, dir: join(root, 'aborted'), signal: controller.signal, threads: false });
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
  });

  it('rejects a customer count that is not a positive integer', async () => {
    await expect(generateNimbus({ customers: 0 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(generateNimbus({ customers: 1.5 })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('seeds and formats', () => {
  it('takes a whole number written as text (`--seed 7`) as that number, so the CLI and the library default agree', () => {
    expect(seedNumber('1')).toBe(seedNumber(1));
    expect(seedNumber('7')).toBe(seedNumber(7));
    expect(nimbusEmail(1, { seed: '1' })).toBe(nimbusEmail(1));
    expect(nimbusEmail(1, { seed: String(SEED) })).toBe(nimbusEmail(1, { seed: SEED }));
    expect(seedNumber('seven')).not.toBe(seedNumber(7));
  });

  it('truncates IP addresses as src/anonymize does (K4.1)', () => {
    const addresses = Array.from({ length: 4000 }, (_, i) => ip(new Rng(1, 0, i)));
    // Zero groups, which IPv6 text compresses.
    addresses.push('2a01:cb00:0:0:1:2:3:4', '2a01:cb00:0:5:0:0:0:1', '2001:861:0:0:0:0:0:0', '2a02:8428:1:0:0:0:0:0');
    expect(addresses.filter((a) => a.includes(':')).length).toBeGreaterThan(500);
    expect(addresses.filter((a) => !a.includes(':')).length).toBeGreaterThan(2000);
    for (const address of addresses) expect(ipPrefix(address), address).toBe(truncateIp(address));
  });
});

const servers = { postgres: serviceUrl('postgres'), mysql: serviceUrl('mysql'), redis: serviceUrl('redis') };

describe.skipIf(!servers.postgres || !servers.mysql || !servers.redis)(
  'generateNimbus into PostgreSQL, MariaDB and Redis (stores: all)',
  () => {
    const namespace = `nimbus_gen_${process.pid}_${Date.now().toString(36)}`;
    const dir = mkdtempSync(join(tmpdir(), 'custos-nimbus-all-'));
    const env = {
      NIMBUS_ACCOUNTS_URL: servers.postgres,
      NIMBUS_TELEMETRY_URL: servers.mysql,
      NIMBUS_SESSIONS_URL: servers.redis,
    };
    let report: GenerationReport;

    beforeAll(async () => {
      report = await generateNimbus({ customers: 100, stores: 'all', env, namespace, dir });
    }, 120_000);
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: servers.postgres });
      await client.connect();
      await client.query(`drop schema if exists "${namespace}" cascade`);
      await client.end();
      const mysql = await createConnection({ uri: servers.mysql });
      await mysql.query(`drop database if exists \`${namespace}\``);
      await mysql.end();
      const redis = new Redis(servers.redis as string);
      const keys = await redis.keys(`${namespace}:*`);
      if (keys.length > 0) await redis.unlink(...keys);
      redis.disconnect();
    });

    it('puts accounts in PostgreSQL with their foreign keys, telemetry in MariaDB, sessions in Redis, recruitment in SQLite', async () => {
      expect(Object.fromEntries(report.datasets.map((d) => [d.id, d.kind]))).toEqual({
        accounts: 'postgres',
        recruitment: 'sqlite',
        sessions: 'redis',
        telemetry: 'mysql',
      });
      const client = new pg.Client({ connectionString: servers.postgres });
      await client.connect();
      try {
        for (const c of model.datasets.get('accounts')?.collections.values() ?? []) {
          const { rows } = await client.query(`select count(*)::int as n from "${namespace}"."${c.name}"`);
          expect(rows[0].n, c.qualifiedName).toBe(report.rows[c.qualifiedName]);
        }
        const fks = await client.query(
          `select count(*)::int as n from pg_constraint where contype = 'f' and connamespace = $1::regnamespace`,
          [namespace],
        );
        expect(fks.rows[0].n).toBeGreaterThan(15);
      } finally {
        await client.end();
      }
      const mysql = await createConnection({ uri: servers.mysql });
      try {
        for (const c of model.datasets.get('telemetry')?.collections.values() ?? []) {
          const [rows] = await mysql.query(`select count(*) as n from \`${namespace}\`.\`${c.name}\``);
          expect(Number((rows as { n: number }[])[0]?.n), c.qualifiedName).toBe(report.rows[c.qualifiedName]);
        }
      } finally {
        await mysql.end();
      }
      const redis = new Redis(servers.redis as string);
      try {
        const keys = await redis.keys(`${namespace}:session:*`);
        expect(keys.length).toBe(report.rows['sessions.sessions']);
        const session = await redis.hgetall(keys[0] as string);
        expect(keys[0]).toBe(`${namespace}:session:${session.customer_id}:${session.id}`);
        expect(session.token_hash).toMatch(/^[0-9a-f]{64}$/);
        // Each session is listed in its customer's set, as the manifest's keyIndex says the application keeps it.
        expect(await redis.smembers(`${namespace}:customer_sessions:${session.customer_id}`)).toContain(keys[0]);
        expect(await redis.keys(`${namespace}:customer_sessions:*`)).toHaveLength(new Set(keys.map((k) => k.split(':')[2])).size);
      } finally {
        redis.disconnect();
      }
    });
  },
);

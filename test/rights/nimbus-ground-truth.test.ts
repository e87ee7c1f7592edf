// Ground truth on the sample provider: access exports exactly the rows independent hand-written SQL/Redis finds, and after
// erasure none remain but kept rows, masked as the manifest declares — on SQLite, and on PostgreSQL + MariaDB + Redis.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truncateIp } from '../../src/anonymize/index.js';
import { compilePolicyFolder, type PolicyModel } from '../../src/policy/index.js';
import { createConnectorPool } from '../../src/connectors/index.js';
import { executeErasure, exportPersonData, normalizeIdentities, planRequest, type ExportedValue } from '../../src/rights/index.js';
import {
  DISTRIBUTED_PROFILE,
  generateNimbus,
  NIMBUS_MANIFEST,
  nimbusCustomer,
  nimbusEmail,
} from '../../examples/nimbus-cloud/generator/index.js';
import { handWrittenPersonRows, nimbusServerStores, nimbusSqliteStores, type NimbusStores } from '../../bench/baseline/nimbus.js';
import type { Row, Sql } from '../../bench/baseline/stores.js';
import { serviceUrl } from '../services.js';
import { memorySink, testContext } from './context.js';

const CUSTOMERS = 120;

interface World {
  readonly model: PolicyModel;
  readonly stores: NimbusStores;
  readonly env: NodeJS.ProcessEnv;
  readonly dir: string;
  /** The keys a store's own index still lists for a customer (Redis: the set per customer); none without an index. */
  indexed?(customerId: unknown): Promise<string[]>;
  cleanup(): Promise<void>;
}

const idOf = (row: Row | Readonly<Record<string, ExportedValue>>) => String(row.id);

function groundTruthSuite(name: string, enabled: boolean, makeWorld: () => Promise<World>) {
  describe.skipIf(!enabled)(`nimbus-cloud ground truth on ${name}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await makeWorld();
    }, 180_000);
    afterAll(async () => world?.cleanup());

    const context = () => testContext(world, { pool: createConnectorPool(world.model, { env: world.env }) });

    it('access exports every row the hand-written queries find, and nothing else', async () => {
      const people = [1, 2, 3, 17, 42, 77, 101];
      for (const id of people) {
        const email = nimbusEmail(id);
        const truth = await handWrittenPersonRows(world.stores, email);
        // A list, not a set: a row exported twice is a defect the comparison must see.
        const { sink, rows: exported } = memorySink();
        const ctx = context();
        await exportPersonData(
          ctx,
          { id: `gt-access-${id}`, identities: normalizeIdentities(world.model, new Map([['email', [email]]])) },
          sink,
          { action: 'access' },
        );
        await ctx.close();
        const expected = Object.fromEntries(
          Object.entries(truth)
            .filter(([, rows]) => rows.length > 0)
            .map(([q, rows]) => [q, rows.map(idOf).sort()]),
        );
        const actual = Object.fromEntries([...exported].map(([q, rows]) => [q, rows.map(idOf).sort()]));
        expect(actual, `customer ${id}`).toEqual(expected);
      }
    });

    it('a row reached through a reference does not lend its other identities to the person', async () => {
      // A consent record filed under customer 110's account but naming customer 111's address: it is 110's row, and
      // 111's address must not become 110's identity.
      const [a, b] = [110, 111];
      await world.stores.accounts.run(
        'INSERT INTO consent_records (id, subject_email, customer_id, purpose, granted, notice_version, method, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [9_000_001, nimbusEmail(b), a, 'marketing', 1, '2026-01', 'web-form', '2026-01-02 03:04:05'],
      );
      const { sink, rows } = memorySink();
      const ctx = context();
      await exportPersonData(
        ctx,
        { id: `gt-lend-${a}`, identities: normalizeIdentities(world.model, new Map([['email', [nimbusEmail(a)]]])) },
        sink,
        { action: 'access' },
      );
      await ctx.close();
      const exported = (collection: string) => rows.get(collection)?.map(idOf);
      expect(exported('accounts.consent_records')).toContain('9000001');
      expect(exported('accounts.customers')).toEqual([String(a)]);
      const truth = await handWrittenPersonRows(world.stores, nimbusEmail(a));
      expect(exported('accounts.customers')).toEqual(truth['accounts.customers']?.map(idOf));
    });

    it('erasure leaves none of the person’s rows but the kept ones, masked as declared, and nobody else’s rows change', async () => {
      // Someone free to close their account, with held rows of both kinds (invoices, connection logs).
      let id: number | undefined;
      let truth: Record<string, Row[]> = {};
      for (let n = 2; n <= CUSTOMERS && id === undefined; n++) {
        if (nimbusCustomer(n).closure !== 'free') continue;
        truth = await handWrittenPersonRows(world.stores, nimbusEmail(n));
        if (truth['telemetry.connection_logs']?.length && truth['accounts.invoices']?.length) id = n;
      }
      if (id === undefined) throw new Error('the sample has no customer free to close an account with invoices and logs');
      const email = nimbusEmail(id);
      const plan = planRequest(world.model, { action: 'erase', identityKeys: ['email'] });
      // Where the store keeps an index of the person's keys, it lists exactly those the scan found.
      const customers = (truth['accounts.customers'] ?? []).map((row) => row.id);
      const listed = (await Promise.all(customers.map(async (customer) => (await world.indexed?.(customer)) ?? []))).flat();
      if (world.indexed) {
        expect(listed.length).toBeGreaterThan(0);
        expect(listed.length).toBe(truth['sessions.sessions']?.length);
      }
      const ctx = context();
      const result = await executeErasure(ctx, {
        id: `gt-erase-${id}`,
        identities: normalizeIdentities(world.model, new Map([['email', [email]]])),
      });
      await ctx.close();
      expect(result.status).toBe('completed');
      expect(await handWrittenPersonRows(world.stores, email).then((r) => Object.values(r).flat().length)).toBe(0);
      // The keys erasure deleted are gone from the set that listed them too (its name is the customer's id).
      if (world.indexed) for (const customer of customers) expect(await world.indexed(customer)).toEqual([]);
      for (const op of plan.erasure) {
        if (op.kind !== 'mask') continue;
        const before = truth[op.collection] ?? [];
        const [dataset, table] = op.collection.split('.') as [string, string];
        const sql = dataset === 'telemetry' ? world.stores.telemetry : world.stores.accounts;
        for (const original of before) {
          const [after] = await sql.all(`SELECT * FROM ${table} WHERE id = ?`, [original.id]);
          expect(after, `${op.collection} #${String(original.id)} is kept`).toBeDefined();
          for (const f of op.fields) {
            const was = original[f.field];
            const now = after?.[f.field];
            const where = `${op.collection}.${f.field} of #${String(original.id)}`;
            if (f.strategy === 'hold') expect(String(now), where).toBe(String(was));
            else if (f.strategy === 'null') expect(now, where).toBeNull();
            else if (f.strategy === 'fixed') expect(now, where).toBe(f.value);
            else if (f.strategy === 'hash') expect(was === null ? now === null : String(now).startsWith('pse_'), where).toBe(true);
            else if (f.strategy === 'truncate-ip') expect(now, where).toBe(was === null ? null : truncateIp(String(was)));
          }
        }
      }
      if (result.status !== 'completed') return;
      // Each hold record covers a selection that the erasure left intact (its fields are not written), each row held
      // from its own date, and that selection still finds exactly the kept rows: invoices by their keys (the reference
      // that selected them is nulled), connection logs by the customer number that selected them.
      const heldBy = async (sql: Sql, collection: string, hold: string, from: string) => {
        const records = result.holds.filter((h) => h.collection === collection);
        expect(records.map((h) => [h.hold, h.from])).toEqual([[hold, from]]);
        const selection = JSON.parse(records[0]?.key ?? '[]') as Record<string, (string | number)[]>[];
        const clause = selection
          .map((where) =>
            Object.entries(where)
              .map(([field, values]) => `${field} IN (${values.map(() => '?').join(', ')})`)
              .join(' AND '),
          )
          .join(' OR ');
        const rows = await sql.all(
          `SELECT id FROM ${collection} WHERE ${clause}`,
          selection.flatMap((w) => Object.values(w).flat()),
        );
        return rows.map(idOf).sort();
      };
      if ((truth['accounts.invoices'] ?? []).length > 0) {
        expect(await heldBy(world.stores.accounts, 'invoices', 'accounting-fr', 'issued_at')).toEqual(
          (truth['accounts.invoices'] ?? []).map(idOf).sort(),
        );
      }
      expect(await heldBy(world.stores.telemetry, 'connection_logs', 'lcen-connection-data', 'occurred_at')).toEqual(
        (truth['telemetry.connection_logs'] ?? []).map(idOf).sort(),
      );
      // Someone else, untouched.
      const other = id === 1 ? 2 : 1;
      const otherRows = await handWrittenPersonRows(world.stores, nimbusEmail(other));
      expect(Object.values(otherRows).flat().length).toBeGreaterThan(0);
      expect(otherRows['accounts.customers']?.[0]?.email).toBe(nimbusEmail(other));
    });
  });
}

groundTruthSuite('SQLite', true, async () => {
  const dir = resolve(`test/.tmp/nimbus-gt-${process.pid}-${Date.now()}`);
  mkdirSync(join(dir, 'privacy'), { recursive: true });
  await generateNimbus({ customers: CUSTOMERS, stores: 'sqlite', baseDir: join(dir, 'privacy'), force: true, threads: false });
  const model = compilePolicyFolder(NIMBUS_MANIFEST, { baseDir: join(dir, 'privacy') }).model as PolicyModel;
  const stores = nimbusSqliteStores(join(dir, 'data'));
  return {
    model,
    stores,
    env: process.env,
    dir,
    cleanup: async () => (await stores.close(), rmSync(dir, { recursive: true, force: true })),
  };
});

const [pgUrl, myUrl, redisUrl] = [serviceUrl('postgres'), serviceUrl('mysql'), serviceUrl('redis')];
groundTruthSuite('PostgreSQL + MariaDB + Redis', Boolean(pgUrl && myUrl && redisUrl), async () => {
  const name = `custos_gt_${process.pid}_${Date.now().toString(36)}`;
  const server = (url: string) => url.replace(/\/[^/]*$/, '');
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const myAdmin = await mysql.createConnection(myUrl as string);
  await myAdmin.query(`CREATE DATABASE ${name}`);
  // A Redis database of its own (the connector has no key prefix): 7 is used by no other suite.
  const redisDb = `${server(redisUrl as string)}/7`;
  const env = {
    ...process.env,
    NIMBUS_ACCOUNTS_URL: `${server(pgUrl as string)}/${name}`,
    NIMBUS_TELEMETRY_URL: `${server(myUrl as string)}/${name}`,
    NIMBUS_SESSIONS_URL: redisDb,
  };
  const redis = new Redis(redisDb);
  await redis.flushdb();
  redis.disconnect();
  const dir = resolve(`test/.tmp/nimbus-gt-dist-${process.pid}-${Date.now()}`);
  mkdirSync(join(dir, 'privacy'), { recursive: true });
  await generateNimbus({ customers: CUSTOMERS, stores: 'all', baseDir: join(dir, 'privacy'), env, force: true, threads: false });
  const model = compilePolicyFolder(NIMBUS_MANIFEST, { baseDir: join(dir, 'privacy'), profile: DISTRIBUTED_PROFILE }).model as PolicyModel;
  // Sessions by scanning the keyspace: the truth must not depend on the set per customer the engine reads.
  const stores = nimbusServerStores(env, join(dir, 'data'), { sessions: 'scan' });
  return {
    model,
    stores,
    env,
    dir,
    async indexed(customerId) {
      const client = new Redis(redisDb);
      try {
        return await client.smembers(`customer_sessions:${String(customerId)}`);
      } finally {
        client.disconnect();
      }
    },
    async cleanup() {
      const flush = new Redis(redisDb);
      await flush.flushdb();
      flush.disconnect();
      await stores.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await myAdmin.query(`DROP DATABASE IF EXISTS ${name}`);
      await myAdmin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// A small provider for the fault suites: customers and orders on a private SQL server, or customers in SQLite with their
// sessions in a private Redis; Ada (customer 1) asks, Bob (customer 2) must never be touched.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Connector } from '../../src/connectors/index.js';
import { openConnector } from '../../src/connectors/index.js';
import { compilePolicy, type PolicyModel } from '../../src/policy/index.js';
import { createConnectorPool } from '../../src/connectors/index.js';
import { normalizeIdentities, type RunRequest } from '../../src/rights/index.js';
import { testContext, type TestContext } from '../rights/context.js';
import type { PrivateServer } from './servers.js';
import { testOrganization } from '../manifest-header.js';

const HEADER = `
${testOrganization('Faults Test', 'faults')}
identities:
  email: { type: email }
  customer_id: { type: integer }
subjects:
  customer: { name: Customers }
locations:
  hosting: [{ name: Paris, country: FR, primary: true }]
retention:
  account: { duration: P1Y, trigger: contract-end }
  sessions: { duration: P30D, trigger: collected }
purposes:
  contract:
    name: Contract
    description: Runs the contract
    legalBasis: contract
    subjects: [customer]
    categories: [user.account.id, user.contact.email, user.identity.name, user.relationship.order, system.network.ip]
    retention: account
`;

const CUSTOMERS = `
      customers:
        timestamps: { contract-end: closed_at }
        fields:
          id: { category: user.account.id, type: integer, identity: customer_id }
          email: { category: user.contact.email, type: email, identity: email }
          name: { category: user.identity.name, type: string }
          closed_at: { type: datetime }`;

function sqlManifest(server: PrivateServer): string {
  return `${HEADER}
datasets:
  crm:
    store: { kind: ${server.kind}, url: '${server.url}' }
    collections:${CUSTOMERS}
      orders:
        timestamps: { contract-end: customer_id.closed_at }
        fields:
          id: { type: integer }
          customer_id: { category: user.account.id, type: integer, references: customers.id, link: belongs-to }
          item: { category: user.relationship.order, type: string }
`;
}

function redisManifest(server: PrivateServer): string {
  return `${HEADER}
datasets:
  accounts:
    store: { kind: sqlite, file: accounts.db }
    collections:${CUSTOMERS}
  cache:
    store: { kind: redis, url: '${server.url}' }
    collections:
      sessions:
        key: 'session:{customer_id}:{id}'
        keyIndex: 'customer_sessions:{customer_id}'
        type: hash
        retention: sessions
        timestamps: { collected: created_at }
        fields:
          id: { type: integer }
          customer_id: { category: user.account.id, type: integer, references: accounts.customers.id, link: belongs-to }
          ip: { category: system.network.ip, type: ip }
          created_at: { type: datetime }
`;
}

export interface FaultProvider {
  readonly dir: string;
  /** The folder holding the manifest, for the `custos` command. */
  readonly manifestDir: string;
  readonly model: PolicyModel;
  /** A request by Ada's e-mail. */
  request(id: string): RunRequest;
  /** A context whose connectors may be wrapped (to kill the server at a chosen call); a fresh pool each time. */
  context(wrap?: (connector: Connector) => Connector): TestContext;
  /** Files and folders left in the provider's folder besides the stores (a package, a work folder). */
  leftovers(): string[];
  cleanup(): void;
}

/** Compiles the manifest for `server` and loads Ada's and Bob's rows into it (and into SQLite for the Redis provider). */
export async function createFaultProvider(server: PrivateServer, name: string): Promise<FaultProvider> {
  const dir = join(process.cwd(), 'test/.tmp', `faults-${name}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const text = server.kind === 'redis' ? redisManifest(server) : sqlManifest(server);
  const compiled = compilePolicy([{ path: 'faults.yaml', text }], { baseDir: dir, now: new Date('2026-11-23T00:00:00Z') });
  if (!compiled.model || !compiled.ok)
    throw new Error(`fault manifest invalid: ${compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const model = compiled.model;
  const manifestDir = join(dir, 'privacy');
  mkdirSync(manifestDir);
  writeFileSync(join(manifestDir, 'faults.yaml'), text);
  await seed(server, dir);
  return {
    dir,
    manifestDir,
    model,
    request: (id) => ({ id, identities: normalizeIdentities(model, new Map([['email', ['ada@example.com']]])) }),
    context: (wrap) =>
      testContext(
        { dir, model },
        {
          pool: createConnectorPool(model, {
            open: async (dataset, options) => {
              const connector = await openConnector(dataset, options);
              return wrap ? wrap(connector) : connector;
            },
          }),
        },
      ),
    leftovers: () => readdirSync(dir).filter((entry) => entry !== 'privacy' && !/^(accounts\.db|custos\.db)(-wal|-shm)?$/.test(entry)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const CUSTOMER_ROWS = [
  [1, 'ada@example.com', 'Ada Lovelace'],
  [2, 'bob@example.com', 'Bob Martin'],
] as const;
const ORDER_ROWS = [
  [31, 1, 'vps-s monthly'],
  [32, 1, 'vps-m yearly'],
  [33, 2, 'vps-l monthly'],
] as const;
/** Sessions: [customer, session id, ip]. */
const SESSION_ROWS = [
  [1, 7, '203.0.113.7'],
  [1, 8, '203.0.113.8'],
  [2, 9, '198.51.100.9'],
] as const;

async function seed(server: PrivateServer, dir: string): Promise<void> {
  if (server.kind === 'postgres') {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query(`
      DROP TABLE IF EXISTS orders; DROP TABLE IF EXISTS customers;
      CREATE TABLE customers (id integer PRIMARY KEY, email text, name text, closed_at timestamp);
      CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers(id), item text);
      INSERT INTO customers (id, email, name) VALUES ${CUSTOMER_ROWS.map((r) => `(${r[0]}, '${r[1]}', '${r[2]}')`).join(', ')};
      INSERT INTO orders VALUES ${ORDER_ROWS.map((r) => `(${r[0]}, ${r[1]}, '${r[2]}')`).join(', ')};
    `);
    await client.end();
  } else if (server.kind === 'mysql') {
    const connection = await mysql.createConnection({ uri: server.url, multipleStatements: true });
    await connection.query(`
      DROP TABLE IF EXISTS orders; DROP TABLE IF EXISTS customers;
      CREATE TABLE customers (id int PRIMARY KEY, email varchar(100), name varchar(100), closed_at datetime) ENGINE=InnoDB;
      CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, item varchar(100),
                           FOREIGN KEY (customer_id) REFERENCES customers(id)) ENGINE=InnoDB;
      INSERT INTO customers (id, email, name) VALUES ${CUSTOMER_ROWS.map((r) => `(${r[0]}, '${r[1]}', '${r[2]}')`).join(', ')};
      INSERT INTO orders VALUES ${ORDER_ROWS.map((r) => `(${r[0]}, ${r[1]}, '${r[2]}')`).join(', ')};
    `);
    await connection.end();
  } else {
    const db = new Database(join(dir, 'accounts.db'));
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, name TEXT, closed_at TEXT)');
    const insert = db.prepare('INSERT INTO customers (id, email, name) VALUES (?, ?, ?)');
    for (const row of CUSTOMER_ROWS) insert.run(...row);
    db.close();
    const client = new Redis(server.url);
    await client.flushdb();
    for (const [customer, id, ip] of SESSION_ROWS) {
      await client.hset(`session:${customer}:${id}`, { id: String(id), ip, created_at: '2026-11-01T10:00:00Z' });
      await client.sadd(`customer_sessions:${customer}`, `session:${customer}:${id}`);
    }
    client.disconnect();
  }
}

/** What the store holds now, in a form the suites compare: ids per table, or Redis keys with the members of index sets. */
export async function storeState(server: PrivateServer, dir: string): Promise<Record<string, unknown>> {
  if (server.kind === 'postgres') {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const ids = async (table: string) => (await client.query(`SELECT id FROM ${table} ORDER BY id`)).rows.map((r) => Number(r.id));
    const state = { customers: await ids('customers'), orders: await ids('orders') };
    await client.end();
    return state;
  }
  if (server.kind === 'mysql') {
    const connection = await mysql.createConnection({ uri: server.url });
    const ids = async (table: string) =>
      ((await connection.query(`SELECT id FROM ${table} ORDER BY id`))[0] as { id: number }[]).map((r) => r.id);
    const state = { customers: await ids('customers'), orders: await ids('orders') };
    await connection.end();
    return state;
  }
  const db = new Database(join(dir, 'accounts.db'), { readonly: true });
  const customers = (db.prepare('SELECT id FROM customers ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  db.close();
  const client = new Redis(server.url);
  const keys = (await client.keys('*')).sort();
  const members: Record<string, string[]> = {};
  for (const key of keys.filter((k) => k.startsWith('customer_sessions:'))) members[key] = (await client.smembers(key)).sort();
  client.disconnect();
  return { customers, keys, members };
}

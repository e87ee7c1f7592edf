// A compact two-store provider for rights-engine tests: a reference cycle, a legal hold, masks, closure preconditions,
// and a second customer plus staff whose data must never be touched by the first customer's requests.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { compilePolicy, type PolicyModel } from '../../src/policy/index.js';
import { testOrganization } from '../manifest-header.js';

export const SHOP_MANIFEST = `
${testOrganization('Shop Test', 'shop')}
identities:
  email: { type: email }
  customer_id: { type: integer }
  handle: { type: string }
subjects:
  customer: { name: Customers }
locations:
  hosting: [{ name: Paris, country: FR, primary: true }]
recipients:
  psp: { name: PayCo, kind: processor, categories: [user.financial.card-token] }
retention:
  account: { duration: P1Y, trigger: contract-end }
  logs: { duration: P1Y, trigger: collected }
legalHolds:
  invoices: { description: Invoices 10 years, duration: P10Y, trigger: collected, categories: [user.financial.invoice] }
accounts:
  closure:
    identity: customer_id
    preconditions:
      - { id: active-service, description: An active service, dataset: shop, collection: services, when: { status: [active, suspended] } }
      - { id: unpaid-invoice, description: An unpaid invoice, dataset: shop, collection: invoices, when: { paid: false } }
purposes:
  contract:
    name: Contract
    description: Runs the contract
    legalBasis: contract
    subjects: [customer]
    categories: [user.account.id, user.account.handle, user.contact.email, user.identity.name, user.relationship.service, user.relationship.order, user.financial.card, user.financial.card-token, user.financial.invoice, user.contact.address, user.communication.support]
    recipients: [psp]
    retention: account
  security:
    name: Security
    description: Secures the service
    legalBasis: legitimate-interest
    legitimateInterest: Keeping accounts safe
    subjects: [customer]
    categories: [system.log.connection, system.network.ip]
    retention: logs
datasets:
  shop:
    store: { kind: sqlite, file: shop.db }
    collections:
      customers:
        timestamps: { contract-end: closed_at }
        restriction: { field: restricted }
        provided: true
        fields:
          id: { category: user.account.id, type: integer, identity: customer_id }
          email: { category: user.contact.email, type: email, identity: email }
          handle: { category: user.account.handle, type: string, identity: handle }
          name: { category: user.identity.name, type: string }
          default_card_id: { type: integer, references: cards.id, link: owns }
          restricted: { type: boolean }
          closed_at: { type: datetime }
      cards:
        timestamps: { contract-end: customer_id.closed_at }
        fields:
          id: { type: integer }
          customer_id: { category: user.account.id, type: integer, references: customers.id, link: belongs-to }
          bin_last4: { category: user.financial.card, card: bin-last4, type: string }
          token: { category: user.financial.card-token, protection: encrypted, type: string }
      services:
        timestamps: { contract-end: customer_id.closed_at }
        fields:
          id: { type: integer }
          customer_id: { category: user.account.id, type: integer, references: customers.id, link: belongs-to }
          plan: { category: user.relationship.service, type: string }
          status: { type: string }
      orders:
        timestamps: { contract-end: service_id.customer_id.closed_at }
        fields:
          id: { type: integer }
          service_id: { type: integer, references: services.id, link: belongs-to }
          item: { category: user.relationship.order, type: string }
      invoices:
        onErase: mask
        timestamps: { collected: issued_at, contract-end: customer_id.closed_at }
        fields:
          id: { type: integer }
          customer_id: { category: user.account.id, type: integer, references: customers.id, link: belongs-to }
          number: { category: user.financial.invoice, type: string, strategy: hold, hold: invoices }
          amount: { category: user.financial.invoice, type: number, strategy: hold, hold: invoices }
          billing_address: { category: user.contact.address, type: string, strategy: fixed, value: '[erased]' }
          paid: { type: boolean }
          issued_at: { type: datetime }
  activity:
    store: { kind: sqlite, file: activity.db }
    collections:
      logins:
        onErase: mask
        retention: logs
        timestamps: { collected: at }
        fields:
          id: { type: integer }
          customer_id: { category: user.account.id, type: string, identity: customer_id, strategy: hash }
          ip: { category: system.network.ip, type: ip, strategy: truncate-ip }
          at: { category: system.log.connection, type: datetime }
      tickets:
        timestamps: { contract-end: closed_at }
        fields:
          id: { type: integer }
          email: { category: user.contact.email, type: email, identity: email }
          subject: { category: user.communication.support, type: string }
          closed_at: { type: datetime }
      messages:
        timestamps: { contract-end: ticket_id.closed_at }
        fields:
          id: { type: integer }
          ticket_id: { type: integer, references: tickets.id, link: belongs-to }
          body: { category: user.communication.support, type: string }
          staff_id: { type: integer, references: staff.id, link: association }
      staff:
        timestamps: { contract-end: left_at }
        fields:
          id: { type: integer }
          name: { category: user.identity.name, type: string }
          left_at: { type: datetime }
`;

const SHOP_SQL = `
  PRAGMA foreign_keys = ON;
  CREATE TABLE cards (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), bin_last4 TEXT, token TEXT);
  CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, handle TEXT, name TEXT, default_card_id INTEGER REFERENCES cards(id), restricted INTEGER, closed_at TEXT);
  CREATE TABLE services (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), plan TEXT, status TEXT);
  CREATE TABLE orders (id INTEGER PRIMARY KEY, service_id INTEGER NOT NULL REFERENCES services(id), item TEXT);
  CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), number TEXT, amount REAL, billing_address TEXT, paid INTEGER, issued_at TEXT);
`;

const ACTIVITY_SQL = `
  CREATE TABLE logins (id INTEGER PRIMARY KEY, customer_id TEXT, ip TEXT, at TEXT);
  CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT, left_at TEXT);
  CREATE TABLE tickets (id INTEGER PRIMARY KEY, email TEXT, subject TEXT, closed_at TEXT);
  CREATE TABLE messages (id INTEGER PRIMARY KEY, ticket_id INTEGER REFERENCES tickets(id), body TEXT, staff_id INTEGER REFERENCES staff(id));
`;

export interface Shop {
  readonly dir: string;
  readonly model: PolicyModel;
  readonly shopDb: () => Database.Database;
  readonly activityDb: () => Database.Database;
  cleanup(): void;
}

/** Creates the two SQLite files with Ada (customer 1, the requester) and Bob (customer 2), in a fresh folder. */
export function createShop(name: string, options: { adaBlocked?: boolean; manifest?: (text: string) => string } = {}): Shop {
  const dir = join(process.cwd(), 'test/.tmp', `${name}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const text = options.manifest ? options.manifest(SHOP_MANIFEST) : SHOP_MANIFEST;
  const result = compilePolicy([{ path: 'shop.yaml', text }], { baseDir: dir, now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model || !result.ok)
    throw new Error(`shop manifest invalid: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const shop = new Database(join(dir, 'shop.db'));
  shop.exec(SHOP_SQL);
  shop.exec(`
    INSERT INTO customers (id, email, handle, name, restricted) VALUES (1, 'ada@example.com', 'ada', 'Ada Lovelace', 0), (2, 'bob@example.com', 'bob', 'Bob Martin', 0);
    INSERT INTO cards VALUES (11, 1, '424242…4242', 'enc:tok_ada'), (12, 2, '555555…4444', 'enc:tok_bob');
    UPDATE customers SET default_card_id = 11 WHERE id = 1;
    UPDATE customers SET default_card_id = 12 WHERE id = 2;
    INSERT INTO services VALUES (21, 1, 'vps-s', '${options.adaBlocked ? 'active' : 'terminated'}'), (22, 1, 'vps-m', 'terminated'), (23, 2, 'vps-l', 'active');
    INSERT INTO orders VALUES (31, 21, 'vps-s monthly'), (32, 22, 'vps-m yearly'), (33, 23, 'vps-l monthly');
    INSERT INTO invoices VALUES (41, 1, 'F-2025-041', 9.99, '1 Analytical St, London', 1, '2025-03-01T00:00:00Z'),
                                (42, 1, 'F-2026-042', 19.99, '1 Analytical St, London', ${options.adaBlocked ? 0 : 1}, '2026-02-01T00:00:00Z'),
                                (43, 2, 'F-2026-043', 29.99, '2 Clean Code Rd', 1, '2026-02-01T00:00:00Z');
  `);
  shop.close();
  const activity = new Database(join(dir, 'activity.db'));
  activity.exec(ACTIVITY_SQL);
  activity.exec(`
    INSERT INTO logins VALUES (51, '1', '203.0.113.77', '2026-10-01T10:00:00Z'), (52, '1', '2001:db8:85a3:8d3:1319:8a2e:370:7348', '2026-10-02T10:00:00Z'), (53, '2', '198.51.100.9', '2026-10-03T10:00:00Z');
    INSERT INTO staff (id, name) VALUES (61, 'Grace Support');
    INSERT INTO tickets (id, email, subject) VALUES (71, 'ada@example.com', 'Reboot please'), (72, 'bob@example.com', 'Invoice question');
    INSERT INTO messages VALUES (81, 71, 'My VPS is stuck', NULL), (82, 71, 'Rebooted it for you', 61), (83, 72, 'Where is my invoice?', NULL);
  `);
  activity.close();
  return {
    dir,
    model: result.model,
    shopDb: () => new Database(join(dir, 'shop.db')),
    activityDb: () => new Database(join(dir, 'activity.db')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

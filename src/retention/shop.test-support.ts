// A small shop to test retention on: a manifest with a clock of each kind (direct, through references, a parent's),
// a `then:` hold, a restriction, an anonymising rule and two rules that cannot compile; and its SQLite store, filled by hand.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { compilePolicyFolder, type PolicyModel } from '../policy/index.js';
import type { HoldRecord } from '../store/index.js';
import { contractAndSecurityPurposes, testProvider } from '../../test/manifest-header.js';

export const SHOP_MANIFEST = `
${testProvider('Retention Test', 'retention')}
retention:
  account: { duration: P1Y, trigger: contract-end, then: tax }
  invoices: { duration: P10Y, trigger: collected }
  logs: { duration: P6M, trigger: collected }
  surveys: { duration: P2Y, trigger: collected, action: anonymise }
  newsletter: { duration: P30D, trigger: consent-withdrawn }
  talent: { duration: P6M, trigger: last-contact, extendedBy: { consent: talent-pool } }
  talent-capped: { duration: P6M, trigger: last-contact, extendedBy: { consent: talent-pool, duration: P2Y } }
  page-rendering:
    transient: true
    description: { en: used only to build the page, fr: utilisées uniquement pour afficher la page }
    categories: [system.device.browser]
legalHolds:
  tax:
    description: Accounting documents
    duration: P6Y
    trigger: contract-end
    categories: [user.identity.name]
purposes:
${contractAndSecurityPurposes(['user.contact.email', 'user.identity.name', 'user.relationship.order', 'user.relationship.satisfaction'])}
  marketing:
    name: Newsletter
    description: Sends the newsletter
    legalBasis: consent
    consent: newsletter
    subjects: [customer]
    categories: [user.communication.marketing]
    retention: newsletter
  billing:
    name: Billing
    description: Bills customers
    legalBasis: legal-obligation
    subjects: [customer]
    categories: [user.financial.invoice]
    retention: invoices
  rendering:
    name: Rendering
    description: Shows pages
    legalBasis: contract
    subjects: [customer]
    categories: [system.device.browser]
    retention: page-rendering
consent:
  purposes:
    newsletter: { name: Newsletter, description: The monthly newsletter }
    talent-pool: { name: Talent pool, description: Keeping an application for later openings }
datasets:
  shop:
    store: { kind: sqlite, file: shop.db }
    collections:
      customers:
        retention: account
        timestamps: { collected: created_at, contract-end: closed_at }
        restriction: { field: restricted, value: 1, liftValue: 0 }
        fields:
          id: { type: integer }
          email: { category: user.contact.email, type: email, identity: email }
          name: { category: user.identity.name, type: string }
          created_at: { type: datetime }
          closed_at: { type: datetime }
          restricted: { type: integer, required: true }
      orders:
        retention: account
        timestamps: { contract-end: customer_id.closed_at }
        fields:
          id: { type: integer }
          customer_id: { type: integer, references: customers.id, link: belongs-to, required: true }
          item: { category: user.relationship.order, type: string }
      order_lines:
        retention: account
        timestamps: { contract-end: none }
        fields:
          id: { type: integer }
          order_id: { type: integer, references: orders.id, link: belongs-to, required: true }
          item: { category: user.relationship.order, type: string }
      invoices:
        retention: invoices
        timestamps: { collected: issued_at }
        fields:
          id: { type: integer }
          number: { category: user.financial.invoice, type: string }
          issued_at: { type: date }
      access_logs:
        retention: logs
        fields:
          id: { type: integer }
          ip: { category: system.network.ip, type: ip }
      surveys:
        retention: surveys
        timestamps: { collected: answered_at }
        fields:
          id: { type: integer }
          customer_id: { type: integer, category: user.account.id, references: customers.id, link: belongs-to }
          score: { type: integer, category: user.relationship.satisfaction }
          comment: { type: string, category: user.relationship.satisfaction }
          ip: { type: ip, category: system.network.ip, strategy: truncate-ip }
          answered_at: { type: datetime }
      returns:
        retention: invoices
        timestamps: { collected: returned_at }
        fields:
          id: { type: integer }
          order_id: { type: integer, references: orders.id, link: belongs-to, required: true }
          returned_at: { type: datetime }
      candidates:
        retention: talent
        timestamps: { last-contact: contacted_at }
        fields:
          id: { type: integer }
          email: { category: user.contact.email, type: email, identity: email }
          contacted_at: { type: datetime }
      applicants:
        retention: talent-capped
        timestamps: { last-contact: contacted_at }
        fields:
          id: { type: integer }
          email: { category: user.contact.email, type: email, identity: email }
          contacted_at: { type: datetime }
      subscribers:
        retention: newsletter
        timestamps: { collected: subscribed_at }
        fields:
          id: { type: integer }
          email: { category: user.communication.marketing, type: email }
          subscribed_at: { type: datetime }
`;

const TABLES = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, name TEXT, created_at TEXT, closed_at TEXT, restricted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), item TEXT);
CREATE TABLE order_lines (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), item TEXT);
CREATE TABLE invoices (id INTEGER PRIMARY KEY, number TEXT, issued_at TEXT);
CREATE TABLE access_logs (id INTEGER PRIMARY KEY, ip TEXT);
CREATE TABLE surveys (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), score INTEGER, comment TEXT, ip TEXT, answered_at TEXT);
CREATE TABLE returns (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), returned_at TEXT);
CREATE TABLE candidates (id INTEGER PRIMARY KEY, email TEXT, contacted_at TEXT);
CREATE TABLE applicants (id INTEGER PRIMARY KEY, email TEXT, contacted_at TEXT);
CREATE TABLE subscribers (id INTEGER PRIMARY KEY, email TEXT, subscribed_at TEXT);
`;

export type ShopRows = Readonly<Record<string, readonly Readonly<Record<string, string | number | null>>[]>>;

/** Rows around each boundary at 2026-11-23T10:00Z: a day inside, a day past, held, restricted, not started. */
export const ROWS: ShopRows = {
  customers: [
    { id: 1, email: 'inside@shop.example', closed_at: '2025-11-24T10:00:00Z' },
    { id: 2, email: 'held@shop.example', closed_at: '2025-11-22T10:00:00Z' },
    { id: 3, email: 'due@shop.example', closed_at: '2019-11-20T10:00:00Z' },
    { id: 4, email: 'restricted@shop.example', closed_at: '2019-01-01T00:00:00Z', restricted: 1 },
    { id: 5, email: 'open@shop.example', closed_at: null },
  ],
  orders: [1, 2, 3, 4, 5].map((c) => ({ id: c, customer_id: c, item: `item of ${c}` })),
  order_lines: [
    { id: 1, order_id: 1, item: 'a' },
    { id: 2, order_id: 3, item: 'b' },
    { id: 3, order_id: 3, item: 'c' },
    { id: 4, order_id: 4, item: 'd' },
  ],
  invoices: [
    { id: 10, number: 'F-10', issued_at: '2016-11-24' },
    { id: 11, number: 'F-11', issued_at: '2016-11-22' },
    { id: 12, number: 'F-12', issued_at: '2015-01-01' },
    { id: 13, number: 'F-13', issued_at: '2014-01-01' },
    { id: 14, number: 'F-14', issued_at: '2010-01-01' },
  ],
  surveys: [
    { id: 20, customer_id: 1, score: 4, comment: 'slow delivery', ip: '203.0.113.77', answered_at: '2024-11-22T10:00:00Z' },
    { id: 21, customer_id: 1, score: 5, comment: 'fine', ip: '203.0.113.78', answered_at: '2024-11-24T10:00:00Z' },
    { id: 22, customer_id: null, score: 5, comment: null, ip: '203.0.0.0', answered_at: '2020-01-01T00:00:00Z' },
  ],
};

/** What erasures left: one invoice held until 2027, one whose hold has ended, and a selection held without an end. */
export const HOLD_RECORDS: HoldRecord[] = [
  { dataset: 'shop', collection: 'invoices', key: '{"id":12}', hold: 'tax', until: '2027-01-01', runId: 'r1' },
  { dataset: 'shop', collection: 'invoices', key: '{"id":13}', hold: 'tax', until: '2026-01-01', runId: 'r1' },
  { dataset: 'shop', collection: 'invoices', key: '[{"number":["F-14"]}]', hold: 'tax', runId: 'r2' },
];

export interface ShopWorld {
  readonly model: PolicyModel;
  readonly db: Database.Database;
  /** Every table's rows, ordered by id: what a test diffs before and after. */
  snapshot(): Record<string, unknown[]>;
  cleanup(): void;
}

let counter = 0;

/** The shop's manifest compiled from a folder of its own, and its SQLite store with these rows. */
export function shopWorld(rows: ShopRows): ShopWorld {
  const dir = resolve(`test/.tmp/retention-shop-${process.pid}-${Date.now().toString(36)}-${counter++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'privacy.yaml'), SHOP_MANIFEST);
  const db = new Database(join(dir, 'shop.db'));
  db.exec(TABLES);
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list) {
      const names = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...Object.values(row));
    }
  }
  const compiled = compilePolicyFolder(dir, { now: new Date('2026-11-23T00:00:00Z') });
  if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  const tables = [
    'customers',
    'orders',
    'order_lines',
    'invoices',
    'access_logs',
    'surveys',
    'returns',
    'candidates',
    'applicants',
    'subscribers',
  ];
  return {
    model: compiled.model,
    db,
    snapshot: () => Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()])),
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ShopSnapshot = Record<string, Record<string, unknown>[]>;

/** The state a sweep of `ROWS` at 2026-11-23T10:00Z must leave (the shop's SQLite or HTTP store), written from the rows' dates by hand. */
export function expectedAfterSweep(before: ShopSnapshot): ShopSnapshot {
  const without = (table: string, ids: number[]) => (before[table] ?? []).filter((r) => !ids.includes(r.id as number));
  return {
    ...before,
    // Customer 3's contract ended past the period and its hold; their order and its lines go with them.
    customers: without('customers', [3]),
    orders: without('orders', [3]),
    order_lines: without('order_lines', [2, 3]),
    // 11 is a day past ten years, 13's hold has ended; 12 and 14 are held, 10 is a day inside.
    invoices: without('invoices', [11, 13]),
    surveys: (before.surveys ?? []).map((r) => (r.id === 20 ? { ...r, customer_id: null, comment: null, ip: '203.0.0.0' } : r)),
  };
}

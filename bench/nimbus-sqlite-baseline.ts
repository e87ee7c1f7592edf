// Hand-written baselines for the rights benchmark: the queries a developer would write for nimbus-cloud on SQLite.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { pseudonymise, truncateIp } from '../src/anonymize/index.js';

type Db = Database.Database;
type Row = Record<string, unknown>;

const list = (values: readonly unknown[]) => (values.length === 0 ? [null] : values);
const marks = (values: readonly unknown[]) =>
  list(values)
    .map(() => '?')
    .join(', ');
const ids = (rows: readonly Row[], field = 'id') => rows.map((r) => r[field]);

export interface NimbusFiles {
  readonly accounts: Db;
  readonly telemetry: Db;
  readonly recruitment: Db;
  readonly sessions: Db;
  close(): void;
}

export function openNimbusFiles(dataDir: string): NimbusFiles {
  const open = (name: string) => new Database(join(dataDir, `${name}.db`));
  const files = { accounts: open('accounts'), telemetry: open('telemetry'), recruitment: open('recruitment'), sessions: open('sessions') };
  return { ...files, close: () => Object.values(files).forEach((db) => db.close()) };
}

/** Every row of one person, by email: the access baseline. Returns the number of rows read. */
export function handWrittenAccess(f: NimbusFiles, email: string): number {
  const a = f.accounts;
  const all = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];
  const customers = all(a, 'SELECT * FROM customers WHERE email = ?', email);
  const cid = ids(customers);
  const inC = marks(cid);
  const services = all(a, `SELECT * FROM services WHERE customer_id IN (${inC})`, ...list(cid));
  const orders = all(
    a,
    `SELECT * FROM orders WHERE customer_id IN (${inC}) OR service_id IN (${marks(ids(services))})`,
    ...list(cid),
    ...list(ids(services)),
  );
  const invoices = all(
    a,
    `SELECT * FROM invoices WHERE customer_id IN (${inC}) OR order_id IN (${marks(ids(orders))})`,
    ...list(cid),
    ...list(ids(orders)),
  );
  const tickets = all(a, `SELECT * FROM support_tickets WHERE customer_id IN (${inC})`, ...list(cid));
  const tid = ids(tickets);
  const requests = all(a, `SELECT * FROM rights_requests WHERE requester_email = ? OR customer_id IN (${inC})`, email, ...list(cid));
  const consents = all(a, `SELECT * FROM consent_records WHERE subject_email = ? OR customer_id IN (${inC})`, email, ...list(cid));
  const visitors = [...new Set(ids(consents, 'visitor_id').filter((v) => v !== null))];
  const applications = all(f.recruitment, 'SELECT * FROM applications WHERE email = ?', email);
  const rows = [
    customers,
    all(a, `SELECT * FROM agents WHERE email = ? OR customer_id IN (${inC})`, email, ...list(cid)),
    services,
    orders,
    invoices,
    all(a, `SELECT * FROM payment_methods WHERE customer_id IN (${inC})`, ...list(cid)),
    all(
      a,
      `SELECT * FROM collection_cases WHERE customer_id IN (${inC}) OR invoice_id IN (${marks(ids(invoices))})`,
      ...list(cid),
      ...list(ids(invoices)),
    ),
    all(a, `SELECT * FROM api_tokens WHERE customer_id IN (${inC})`, ...list(cid)),
    all(a, `SELECT * FROM kyc_checks WHERE customer_id IN (${inC})`, ...list(cid)),
    all(a, `SELECT * FROM notification_emails WHERE to_address = ? OR customer_id IN (${inC})`, email, ...list(cid)),
    tickets,
    all(a, `SELECT * FROM support_messages WHERE author_email = ? OR ticket_id IN (${marks(tid)})`, email, ...list(tid)),
    all(a, `SELECT * FROM calls WHERE customer_id IN (${inC}) OR ticket_id IN (${marks(tid)})`, ...list(cid), ...list(tid)),
    all(a, `SELECT * FROM satisfaction_surveys WHERE customer_id IN (${inC}) OR ticket_id IN (${marks(tid)})`, ...list(cid), ...list(tid)),
    all(a, `SELECT * FROM marketing_contacts WHERE email = ? OR customer_id IN (${inC})`, email, ...list(cid)),
    consents,
    requests,
    all(a, `SELECT * FROM identity_documents WHERE request_id IN (${marks(ids(requests))})`, ...list(ids(requests))),
    applications,
    all(f.recruitment, `SELECT * FROM interviews WHERE application_id IN (${marks(ids(applications))})`, ...list(ids(applications))),
    all(f.sessions, `SELECT * FROM sessions WHERE customer_id IN (${inC})`, ...list(cid)),
    all(f.telemetry, `SELECT * FROM login_events WHERE customer_id IN (${inC})`, ...list(cid)),
    all(f.telemetry, `SELECT * FROM connection_logs WHERE customer_id IN (${inC})`, ...list(cid)),
    all(f.telemetry, `SELECT * FROM application_logs WHERE customer_id IN (${inC})`, ...list(cid)),
    all(f.telemetry, `SELECT * FROM analytics_visits WHERE visitor_id IN (${marks(visitors)})`, ...list(visitors)),
  ];
  return rows.reduce((n, r) => n + r.length, 0);
}

/** The erasure the manifest declares, written by hand: one transaction per file, children before parents. */
export function handWrittenErase(f: NimbusFiles, email: string, key: Uint8Array): void {
  const a = f.accounts;
  const all = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];
  const run = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
  const cid = ids(all(a, 'SELECT id FROM customers WHERE email = ?', email));
  const inC = marks(cid);
  const C = list(cid);
  const sid = ids(all(a, `SELECT id FROM services WHERE customer_id IN (${inC})`, ...C));
  const oid = ids(all(a, `SELECT id FROM orders WHERE customer_id IN (${inC}) OR service_id IN (${marks(sid)})`, ...C, ...list(sid)));
  const iid = ids(all(a, `SELECT id FROM invoices WHERE customer_id IN (${inC}) OR order_id IN (${marks(oid)})`, ...C, ...list(oid)));
  const tid = ids(all(a, `SELECT id FROM support_tickets WHERE customer_id IN (${inC})`, ...C));
  const rid = ids(all(a, `SELECT id FROM rights_requests WHERE requester_email = ? OR customer_id IN (${inC})`, email, ...C));
  const visitors = [
    ...new Set(
      ids(all(a, `SELECT visitor_id FROM consent_records WHERE subject_email = ? OR customer_id IN (${inC})`, email, ...C), 'visitor_id'),
    ),
  ];
  const appIds = ids(all(f.recruitment, 'SELECT id FROM applications WHERE email = ?', email));
  a.transaction(() => {
    run(
      a,
      `UPDATE customers SET email = NULL, handle = NULL, name = NULL, company = NULL, phone = NULL, backup_email = NULL, mobile_phone = NULL, address = NULL, country = NULL, language = NULL, password_hash = NULL, mfa_seed = NULL WHERE id IN (${inC})`,
      ...C,
    );
    run(a, `DELETE FROM agents WHERE email = ? OR customer_id IN (${inC})`, email, ...C);
    run(
      a,
      `UPDATE invoices SET customer_id = NULL, order_id = NULL, billing_name = '[erased]', billing_address = '[erased]' WHERE id IN (${marks(iid)})`,
      ...list(iid),
    );
    run(a, `DELETE FROM orders WHERE id IN (${marks(oid)})`, ...list(oid));
    run(a, `DELETE FROM services WHERE id IN (${marks(sid)})`, ...list(sid));
    run(a, `DELETE FROM payment_methods WHERE customer_id IN (${inC})`, ...C);
    run(
      a,
      `UPDATE collection_cases SET debtor_company = NULL, debtor_email = NULL, debtor_phone = NULL WHERE customer_id IN (${inC}) OR invoice_id IN (${marks(iid)})`,
      ...C,
      ...list(iid),
    );
    run(a, `DELETE FROM api_tokens WHERE customer_id IN (${inC})`, ...C);
    run(a, `DELETE FROM kyc_checks WHERE customer_id IN (${inC})`, ...C);
    run(a, `DELETE FROM notification_emails WHERE to_address = ? OR customer_id IN (${inC})`, email, ...C);
    run(a, `DELETE FROM support_messages WHERE author_email = ? OR ticket_id IN (${marks(tid)})`, email, ...list(tid));
    run(a, `DELETE FROM calls WHERE customer_id IN (${inC}) OR ticket_id IN (${marks(tid)})`, ...C, ...list(tid));
    run(a, `DELETE FROM satisfaction_surveys WHERE customer_id IN (${inC}) OR ticket_id IN (${marks(tid)})`, ...C, ...list(tid));
    run(a, `DELETE FROM support_tickets WHERE id IN (${marks(tid)})`, ...list(tid));
    for (const r of all(a, `SELECT id, email FROM marketing_contacts WHERE email = ? OR customer_id IN (${inC})`, email, ...C)) {
      run(
        a,
        'UPDATE marketing_contacts SET email = ?, name = NULL, company = NULL, customer_id = NULL, topics = NULL, source = NULL WHERE id = ?',
        r.email === null ? null : pseudonymise(String(r.email), key),
        r.id,
      );
    }
    run(a, `DELETE FROM consent_records WHERE subject_email = ? OR customer_id IN (${inC})`, email, ...C);
    for (const r of all(a, `SELECT id, requester_email FROM rights_requests WHERE id IN (${marks(rid)})`, ...list(rid))) {
      run(
        a,
        "UPDATE rights_requests SET customer_id = NULL, requester_email = ?, requester_name = '[erased]' WHERE id = ?",
        r.requester_email === null ? null : pseudonymise(String(r.requester_email), key),
        r.id,
      );
    }
    run(a, `DELETE FROM identity_documents WHERE request_id IN (${marks(rid)})`, ...list(rid));
  })();
  f.recruitment.transaction(() => {
    run(f.recruitment, `DELETE FROM interviews WHERE application_id IN (${marks(appIds)})`, ...list(appIds));
    run(f.recruitment, `DELETE FROM applications WHERE id IN (${marks(appIds)})`, ...list(appIds));
  })();
  f.sessions.transaction(() => run(f.sessions, `DELETE FROM sessions WHERE customer_id IN (${inC})`, ...C))();
  const t = f.telemetry;
  t.transaction(() => {
    for (const r of all(t, `SELECT id, ip FROM login_events WHERE customer_id IN (${inC})`, ...C)) {
      run(
        t,
        'UPDATE login_events SET customer_id = NULL, ip = ?, user_agent = NULL WHERE id = ?',
        r.ip === null ? null : (truncateIp(String(r.ip)) ?? null),
        r.id,
      );
    }
    run(t, `DELETE FROM application_logs WHERE customer_id IN (${inC})`, ...C);
    run(t, `DELETE FROM analytics_visits WHERE visitor_id IN (${marks(visitors)})`, ...list(visitors));
  })();
}

// Hand-written baselines for the rights benchmarks: the queries a developer would write for nimbus-cloud, on any store mix.
import { join } from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';
import { pseudonymise, truncateIp } from '../../src/anonymize/index.js';
import type { ErasureJournal } from './journal.js';
import {
  inList,
  list,
  mysqlSql,
  postgresSql,
  redisSessions,
  rehearsal,
  sqliteSql,
  sqlSessions,
  type Row,
  type Sessions,
  type Sql,
} from './stores.js';

export interface NimbusStores {
  readonly accounts: Sql;
  readonly telemetry: Sql;
  readonly recruitment: Sql;
  readonly sessions: Sessions;
  close(): Promise<void>;
}

export interface ErasureRehearsal {
  rehearse(email: string, key: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

const SQLITE_STORES = ['accounts', 'telemetry', 'recruitment', 'sessions'] as const;
type SqliteStores = Record<(typeof SQLITE_STORES)[number], Sql>;

/** The four SQLite files of a nimbus-cloud's data folder, one connection each. */
function openSqliteFiles(dataDir: string): SqliteStores {
  return Object.fromEntries(SQLITE_STORES.map((name) => [name, sqliteSql(join(dataDir, `${name}.db`))])) as SqliteStores;
}

function sqliteNimbus(files: SqliteStores): NimbusStores {
  return nimbusStores({ ...files, sessions: sqlSessions(files.sessions) });
}

/** The four stores of a nimbus-cloud generated on SQLite, from its data folder. */
export function nimbusSqliteStores(dataDir: string): NimbusStores {
  return sqliteNimbus(openSqliteFiles(dataDir));
}

/**
 * Rehearses erasures on a nimbus-cloud generated on SQLite, with connections of its own: the hand-written closure check
 * and erasure of a person, rolled back. It changes nothing, and leaves the pages an erasure of that person reads in the operating
 * system's memory, whoever erases next.
 */
export function sqliteErasureRehearsal(dataDir: string): ErasureRehearsal {
  const files = openSqliteFiles(dataDir);
  return {
    async rehearse(email: string, key: Uint8Array): Promise<void> {
      const opened = await Promise.all(SQLITE_STORES.map(async (name) => [name, await rehearsal(files[name])] as const));
      try {
        const stores = sqliteNimbus(Object.fromEntries(opened.map(([name, r]) => [name, r.sql])) as SqliteStores);
        await handWrittenClosureCheck(stores, email);
        await handWrittenErase(stores, email, key);
      } finally {
        for (const [, r] of opened) await r.rollBack();
      }
    },
    close: () => sqliteNimbus(files).close(),
  };
}

/** Where the distributed profile's server stores are, under the names its manifest reads them from. */
export interface NimbusServerEnv {
  readonly NIMBUS_ACCOUNTS_URL: string;
  readonly NIMBUS_TELEMETRY_URL: string;
  readonly NIMBUS_SESSIONS_URL: string;
}

/**
 * The four stores of a nimbus-cloud generated on the distributed profile: PostgreSQL, MariaDB and Redis at the URLs of
 * `env`, recruitment on SQLite in its data folder; `connections` per SQL pool (default 2); sessions found through the
 * application's set per customer, or by scanning the keyspace (`sessions: 'scan'`, which trusts no index).
 */
export function nimbusServerStores(
  env: NimbusServerEnv,
  dataDir: string,
  { connections = 2, sessions = 'index' }: { connections?: number; sessions?: 'index' | 'scan' } = {},
): NimbusStores {
  return nimbusStores({
    accounts: postgresSql(new pg.Pool({ connectionString: env.NIMBUS_ACCOUNTS_URL, max: connections })),
    telemetry: mysqlSql(mysql.createPool({ uri: env.NIMBUS_TELEMETRY_URL, connectionLimit: connections })),
    recruitment: sqliteSql(join(dataDir, 'recruitment.db')),
    sessions: redisSessions(new Redis(env.NIMBUS_SESSIONS_URL), sessions),
  });
}

/** Bundles the four stores with one `close` for them all. */
export function nimbusStores(parts: Omit<NimbusStores, 'close'>): NimbusStores {
  return {
    ...parts,
    close: async () =>
      void (await Promise.all([parts.accounts.close(), parts.telemetry.close(), parts.recruitment.close(), parts.sessions.close()])),
  };
}

const ids = (rows: readonly Row[], field = 'id') => rows.map((r) => r[field]);

/** Every row of one person, by email, per collection (`dataset.collection`): the access baseline and the tests' ground truth. */
export async function handWrittenPersonRows(s: NimbusStores, email: string): Promise<Record<string, Row[]>> {
  const a = s.accounts;
  const customers = await a.all('SELECT * FROM customers WHERE email = ?', [email]);
  const C = list(ids(customers));
  const services = await a.all(`SELECT * FROM services WHERE ${inList('customer_id', C)}`, C);
  const S = list(ids(services));
  const orders = await a.all(`SELECT * FROM orders WHERE ${inList('customer_id', C)} OR ${inList('service_id', S)}`, [...C, ...S]);
  const O = list(ids(orders));
  const invoices = await a.all(`SELECT * FROM invoices WHERE ${inList('customer_id', C)} OR ${inList('order_id', O)}`, [...C, ...O]);
  const I = list(ids(invoices));
  const tickets = await a.all(`SELECT * FROM support_tickets WHERE ${inList('customer_id', C)}`, C);
  const T = list(ids(tickets));
  const requests = await a.all(`SELECT * FROM rights_requests WHERE requester_email = ? OR ${inList('customer_id', C)}`, [email, ...C]);
  const consents = await a.all(`SELECT * FROM consent_records WHERE subject_email = ? OR ${inList('customer_id', C)}`, [email, ...C]);
  const V = list([...new Set(ids(consents, 'visitor_id').filter((v) => v !== null))]);
  const applications = await s.recruitment.all('SELECT * FROM applications WHERE email = ?', [email]);
  const byCustomer = (table: string) => a.all(`SELECT * FROM ${table} WHERE ${inList('customer_id', C)}`, C);
  const logs = (table: string) => s.telemetry.all(`SELECT * FROM ${table} WHERE ${inList('customer_id', C)}`, C);
  return {
    'accounts.customers': customers,
    'accounts.agents': await a.all(`SELECT * FROM agents WHERE email = ? OR ${inList('customer_id', C)}`, [email, ...C]),
    'accounts.services': services,
    'accounts.orders': orders,
    'accounts.invoices': invoices,
    'accounts.payment_methods': await byCustomer('payment_methods'),
    'accounts.collection_cases': await a.all(
      `SELECT * FROM collection_cases WHERE ${inList('customer_id', C)} OR ${inList('invoice_id', I)}`,
      [...C, ...I],
    ),
    'accounts.api_tokens': await byCustomer('api_tokens'),
    'accounts.kyc_checks': await byCustomer('kyc_checks'),
    'accounts.notification_emails': await a.all(`SELECT * FROM notification_emails WHERE to_address = ? OR ${inList('customer_id', C)}`, [
      email,
      ...C,
    ]),
    'accounts.support_tickets': tickets,
    'accounts.support_messages': await a.all(`SELECT * FROM support_messages WHERE author_email = ? OR ${inList('ticket_id', T)}`, [
      email,
      ...T,
    ]),
    'accounts.calls': await a.all(`SELECT * FROM calls WHERE ${inList('customer_id', C)} OR ${inList('ticket_id', T)}`, [...C, ...T]),
    'accounts.satisfaction_surveys': await a.all(
      `SELECT * FROM satisfaction_surveys WHERE ${inList('customer_id', C)} OR ${inList('ticket_id', T)}`,
      [...C, ...T],
    ),
    'accounts.marketing_contacts': await a.all(`SELECT * FROM marketing_contacts WHERE email = ? OR ${inList('customer_id', C)}`, [
      email,
      ...C,
    ]),
    'accounts.consent_records': consents,
    'accounts.rights_requests': requests,
    'accounts.identity_documents': await a.all(
      `SELECT * FROM identity_documents WHERE ${inList('request_id', ids(requests))}`,
      list(ids(requests)),
    ),
    'recruitment.applications': applications,
    'recruitment.interviews': await s.recruitment.all(
      `SELECT * FROM interviews WHERE ${inList('application_id', ids(applications))}`,
      list(ids(applications)),
    ),
    'sessions.sessions': await s.sessions.find(ids(customers)),
    'telemetry.login_events': await logs('login_events'),
    'telemetry.connection_logs': await logs('connection_logs'),
    'telemetry.application_logs': await logs('application_logs'),
    'telemetry.analytics_visits': await s.telemetry.all(`SELECT * FROM analytics_visits WHERE ${inList('visitor_id', V)}`, V),
  };
}

/** The access baseline: the person's rows, counted. */
export async function handWrittenAccess(s: NimbusStores, email: string): Promise<number> {
  return Object.values(await handWrittenPersonRows(s, email)).reduce((n, rows) => n + rows.length, 0);
}

/** Account closure preconditions by hand: the blocking rows of the person. */
export async function handWrittenClosureCheck(s: NimbusStores, email: string): Promise<number> {
  const a = s.accounts;
  const C = list(ids(await a.all('SELECT id FROM customers WHERE email = ?', [email])));
  const counts = [
    await a.all(`SELECT count(*) AS n FROM services WHERE ${inList('customer_id', C)} AND status IN ('active', 'suspended')`, C),
    await a.all(`SELECT count(*) AS n FROM invoices WHERE ${inList('customer_id', C)} AND status = 'unpaid'`, C),
    await a.all(`SELECT count(*) AS n FROM orders WHERE ${inList('customer_id', C)} AND status IN ('pending', 'processing')`, C),
  ];
  return counts.reduce((n, r) => n + Number(r[0]?.n ?? 0), 0);
}

/**
 * The erasure the manifest declares, written by hand: one transaction per store, children before parents. With a
 * `journal`, it journals as the engine must to resume after a crash: what it found before any write, each store's
 * attempt before that store's writes commit, the end.
 */
export async function handWrittenErase(s: NimbusStores, email: string, key: Uint8Array, journal?: ErasureJournal): Promise<void> {
  const a = s.accounts;
  const C = list(ids(await a.all('SELECT id FROM customers WHERE email = ?', [email])));
  const S = list(ids(await a.all(`SELECT id FROM services WHERE ${inList('customer_id', C)}`, C)));
  const O = list(ids(await a.all(`SELECT id FROM orders WHERE ${inList('customer_id', C)} OR ${inList('service_id', S)}`, [...C, ...S])));
  const I = list(ids(await a.all(`SELECT id FROM invoices WHERE ${inList('customer_id', C)} OR ${inList('order_id', O)}`, [...C, ...O])));
  const T = list(ids(await a.all(`SELECT id FROM support_tickets WHERE ${inList('customer_id', C)}`, C)));
  const R = list(
    ids(await a.all(`SELECT id FROM rights_requests WHERE requester_email = ? OR ${inList('customer_id', C)}`, [email, ...C])),
  );
  const consents = await a.all(`SELECT visitor_id FROM consent_records WHERE subject_email = ? OR ${inList('customer_id', C)}`, [
    email,
    ...C,
  ]);
  const V = list([...new Set(ids(consents, 'visitor_id').filter((v) => v !== null))]);
  const A = list(ids(await s.recruitment.all('SELECT id FROM applications WHERE email = ?', [email])));
  await journal?.begin({ C, S, O, I, T, R, V, A });
  await a.transaction(async (tx) => {
    await tx.run(
      `UPDATE customers SET email = NULL, handle = NULL, name = NULL, company = NULL, phone = NULL, backup_email = NULL, mobile_phone = NULL, address = NULL, country = NULL, language = NULL, password_hash = NULL, mfa_seed = NULL WHERE ${inList('id', C)}`,
      C,
    );
    await tx.run(`DELETE FROM agents WHERE email = ? OR ${inList('customer_id', C)}`, [email, ...C]);
    await tx.run(
      `UPDATE invoices SET customer_id = NULL, order_id = NULL, billing_name = '[erased]', billing_address = '[erased]' WHERE ${inList('id', I)}`,
      I,
    );
    await tx.run(`DELETE FROM orders WHERE ${inList('id', O)}`, O);
    await tx.run(`DELETE FROM services WHERE ${inList('id', S)}`, S);
    await tx.run(`DELETE FROM payment_methods WHERE ${inList('customer_id', C)}`, C);
    await tx.run(
      `UPDATE collection_cases SET debtor_company = NULL, debtor_email = NULL, debtor_phone = NULL WHERE ${inList('customer_id', C)} OR ${inList('invoice_id', I)}`,
      [...C, ...I],
    );
    for (const table of ['api_tokens', 'kyc_checks']) await tx.run(`DELETE FROM ${table} WHERE ${inList('customer_id', C)}`, C);
    await tx.run(`DELETE FROM notification_emails WHERE to_address = ? OR ${inList('customer_id', C)}`, [email, ...C]);
    await tx.run(`DELETE FROM support_messages WHERE author_email = ? OR ${inList('ticket_id', T)}`, [email, ...T]);
    await tx.run(`DELETE FROM calls WHERE ${inList('customer_id', C)} OR ${inList('ticket_id', T)}`, [...C, ...T]);
    await tx.run(`DELETE FROM satisfaction_surveys WHERE ${inList('customer_id', C)} OR ${inList('ticket_id', T)}`, [...C, ...T]);
    await tx.run(`DELETE FROM support_tickets WHERE ${inList('id', T)}`, T);
    for (const r of await tx.all(`SELECT id, email FROM marketing_contacts WHERE email = ? OR ${inList('customer_id', C)}`, [
      email,
      ...C,
    ])) {
      const hashed = r.email === null ? null : pseudonymise(String(r.email), key);
      await tx.run(
        'UPDATE marketing_contacts SET email = ?, name = NULL, company = NULL, customer_id = NULL, topics = NULL, source = NULL WHERE id = ?',
        [hashed, r.id],
      );
    }
    await tx.run(`DELETE FROM consent_records WHERE subject_email = ? OR ${inList('customer_id', C)}`, [email, ...C]);
    for (const r of await tx.all(`SELECT id, requester_email FROM rights_requests WHERE ${inList('id', R)}`, R)) {
      const hashed = r.requester_email === null ? null : pseudonymise(String(r.requester_email), key);
      await tx.run("UPDATE rights_requests SET customer_id = NULL, requester_email = ?, requester_name = '[erased]' WHERE id = ?", [
        hashed,
        r.id,
      ]);
    }
    await tx.run(`DELETE FROM identity_documents WHERE ${inList('request_id', R)}`, R);
    await journal?.attempt('accounts');
  });
  await s.recruitment.transaction(async (tx) => {
    await tx.run(`DELETE FROM interviews WHERE ${inList('application_id', A)}`, A);
    await tx.run(`DELETE FROM applications WHERE ${inList('id', A)}`, A);
    await journal?.attempt('recruitment');
  });
  await journal?.attempt('sessions');
  await s.sessions.erase(C.filter((c) => c !== null));
  await s.telemetry.transaction(async (tx) => {
    for (const r of await tx.all(`SELECT id, ip FROM login_events WHERE ${inList('customer_id', C)}`, C)) {
      await tx.run('UPDATE login_events SET customer_id = NULL, ip = ?, user_agent = NULL WHERE id = ?', [
        r.ip === null ? null : (truncateIp(String(r.ip)) ?? null),
        r.id,
      ]);
    }
    await tx.run(`DELETE FROM application_logs WHERE ${inList('customer_id', C)}`, C);
    await tx.run(`DELETE FROM analytics_visits WHERE ${inList('visitor_id', V)}`, V);
    await journal?.attempt('telemetry');
  });
  await journal?.finish();
}

// Retention plans on nimbus-cloud generated small on SQLite, with an injected clock: a customer a day inside their
// account period is left and a day past is counted, with their orders, exactly as hand-written queries count; a
// restricted customer and their orders are reported, not swept; a hold an erasure registered in Custos's store keeps
// its log row; `custos retention plan --now --json` prints the same plan; nothing is written.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNimbus, NIMBUS_MANIFEST } from '../../examples/nimbus-cloud/generator/index.js';
import { createConnectorPool } from '../../src/connectors/index.js';
import { addDuration, compilePolicyFolder, subtractDuration, type PolicyModel } from '../../src/policy/index.js';
import { planRetention, runRetention, type RetentionPlan } from '../../src/retention/index.js';
import { openSqliteStore, type HoldRecord } from '../../src/store/index.js';
import { runCli } from '../cli/run-cli.js';

const YEAR = { years: 1, months: 0, days: 0, hours: 0 };
const DAY_MS = 86_400_000;

let dir: string;
let model: PolicyModel;
let accounts: Database.Database;
/** The closed customer whose contract ended last, and the instants a day inside and a day past their period. */
let customer: { id: number; closed_at: string };
let inside: Date;
let past: Date;

beforeAll(async () => {
  dir = resolve(`test/.tmp/retention-nimbus-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(join(dir, 'privacy'), { recursive: true });
  cpSync(NIMBUS_MANIFEST, join(dir, 'privacy'), { recursive: true });
  await generateNimbus({ customers: 80, stores: 'sqlite', baseDir: join(dir, 'privacy'), force: true, threads: false });
  model = compilePolicyFolder(join(dir, 'privacy')).model as PolicyModel;
  accounts = new Database(join(dir, 'data', 'accounts.db'));
  customer = accounts
    .prepare('SELECT id, closed_at FROM customers WHERE closed_at IS NOT NULL AND restricted = 0 ORDER BY closed_at DESC LIMIT 1')
    .get() as typeof customer;
  const end = addDuration(new Date(customer.closed_at), YEAR).getTime();
  inside = new Date(end - DAY_MS);
  past = new Date(end + DAY_MS);
}, 120_000);
afterAll(() => {
  accounts?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function plan(now: Date, holdRecords: readonly HoldRecord[] = []): Promise<RetentionPlan> {
  const pool = createConnectorPool(model);
  try {
    return await planRetention(model, pool, { now, holdRecords });
  } finally {
    await pool.close();
  }
}
const entry = (p: RetentionPlan, collection: string) => p.entries.find((e) => e.collection === collection);
const count = (db: Database.Database, query: string, ...params: unknown[]) =>
  Object.values(db.prepare(query).get(...params) as object)[0] as number;
/** Rows a hand-written query finds past the period at `now`: dated on or before `now` less a year (ISO text compares as dates). */
const closedBefore = (now: Date, restricted: 0 | 1) =>
  count(
    accounts,
    'SELECT count(*) FROM customers WHERE closed_at <= ? AND restricted = ?',
    subtractDuration(now, YEAR).toISOString(),
    restricted,
  );
const ordersBefore = (now: Date, restricted: 0 | 1) =>
  count(
    accounts,
    'SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.closed_at <= ? AND c.restricted = ?',
    subtractDuration(now, YEAR).toISOString(),
    restricted,
  );

describe('retention plan on nimbus-cloud (SQLite, injected clock)', () => {
  it('leaves a customer a day inside their period and counts them a day past, with their orders through the reference', async () => {
    const before = await plan(inside);
    const after = await plan(past);
    expect(entry(before, 'accounts.customers')?.due).toBe(closedBefore(inside, 0));
    expect(entry(after, 'accounts.customers')?.due).toBe(closedBefore(past, 0));
    expect(entry(after, 'accounts.customers')?.due).toBeGreaterThan(entry(before, 'accounts.customers')?.due ?? 0);
    expect(entry(after, 'accounts.customers')?.newest).toBe(new Date(customer.closed_at).toISOString());
    expect(entry(before, 'accounts.orders')?.due).toBe(ordersBefore(inside, 0));
    expect(entry(after, 'accounts.orders')?.due).toBe(ordersBefore(past, 0));
  });

  it('reports a restricted customer and their orders as kept, not due', async () => {
    accounts.prepare('UPDATE customers SET restricted = 1 WHERE id = ?').run(customer.id);
    try {
      const p = await plan(past);
      expect(entry(p, 'accounts.customers')).toMatchObject({ due: closedBefore(past, 0), restricted: closedBefore(past, 1) });
      expect(entry(p, 'accounts.customers')?.restricted).toBeGreaterThan(0);
      expect(entry(p, 'accounts.orders')).toMatchObject({ due: ordersBefore(past, 0), restricted: ordersBefore(past, 1) });
    } finally {
      accounts.prepare('UPDATE customers SET restricted = 0 WHERE id = ?').run(customer.id);
    }
  });

  it('prints the same plan with custos retention plan --now --json, a hold in the store keeping its row, and changes no data', async () => {
    const telemetry = new Database(join(dir, 'data', 'telemetry.db'), { readonly: true });
    const oldest = telemetry.prepare('SELECT id FROM connection_logs ORDER BY occurred_at LIMIT 1').get() as { id: number };
    const snapshot = () => ({
      customers: accounts.prepare('SELECT * FROM customers ORDER BY id').all(),
      orders: accounts.prepare('SELECT * FROM orders ORDER BY id').all(),
      logs: telemetry.prepare('SELECT * FROM connection_logs ORDER BY id').all(),
    });
    const before = snapshot();
    const hold: HoldRecord = {
      dataset: 'telemetry',
      collection: 'connection_logs',
      key: `{"id":${oldest.id}}`,
      hold: 'debt-claims',
      until: '2099-01-01',
      runId: 'erasure-1',
    };
    const store = openSqliteStore(join(dir, 'custos.db'));
    await store.journal.open({ id: 'erasure-1', action: 'erase', plan: {}, startedAt: past });
    await store.journal.completeSteps('erasure-1', { steps: [], holds: [hold] });
    await store.close();

    const run = await runCli(['retention', 'plan', 'privacy', '--now', past.toISOString(), '--json', '--store', 'custos.db'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { ownRecords, ...printed } = JSON.parse(run.stdout) as RetentionPlan & { ownRecords: Record<string, unknown> };
    expect(printed).toEqual(JSON.parse(JSON.stringify(await plan(past, [hold]))));
    // Custos's own records are counted beside the plan (K5.5): the manifest's request-records rule sets their year.
    expect(ownRecords).toMatchObject({
      now: past.toISOString(),
      requests: 0,
      periods: { requests: 'P1Y' },
      requestsFrom: 'rule request-records',
    });
    expect(entry(printed, 'telemetry.connection_logs')?.held).toEqual({
      rows: 1,
      until: '2099-01-01',
      withoutEnd: 0,
      holds: ['debt-claims'],
    });
    expect(snapshot()).toEqual(before);
    telemetry.close();
  });
});

/** Every table of every SQLite file of nimbus's data, each row as JSON text: what a sweep is diffed on. */
function everyTable(): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const file of readdirSync(join(dir, 'data'))
    .filter((f) => f.endsWith('.db'))
    .sort()) {
    const db = new Database(join(dir, 'data', file), { readonly: true });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    for (const { name } of names) {
      tables.set(
        `${file}:${name}`,
        (db.prepare(`SELECT * FROM "${name}"`).all() as object[]).map((r) => JSON.stringify(r)),
      );
    }
    db.close();
  }
  return tables;
}

/** Rows deleted (tables shrank by), and rows of `before` that `after` no longer holds as they were, as a multiset. */
function diff(before: Map<string, string[]>, after: Map<string, string[]>): { deleted: number; changed: number } {
  let deleted = 0;
  let changed = 0;
  for (const [table, rows] of before) {
    deleted += rows.length - (after.get(table)?.length ?? 0);
    const left = new Map<string, number>();
    for (const r of after.get(table) ?? []) left.set(r, (left.get(r) ?? 0) + 1);
    for (const r of rows) {
      const n = left.get(r) ?? 0;
      if (n === 0) changed++;
      else left.set(r, n - 1);
    }
  }
  return { deleted, changed: changed - deleted };
}

describe('retention sweep on nimbus-cloud (SQLite, injected clock)', () => {
  it('deletes or anonymises exactly the rows its plan counted, every table diffed, and a second sweep changes nothing', async () => {
    const later = new Date(past.getTime() + 3 * 365 * DAY_MS);
    const planned = await plan(later);
    const due = planned.entries.reduce((n, e) => n + e.due, 0);
    expect(due).toBeGreaterThan(0);
    const before = everyTable();
    const store = openSqliteStore(join(dir, 'custos-sweep.db'));
    const pool = createConnectorPool(model);
    try {
      const sweep = await runRetention(model, pool, store, { now: later, sweepId: 'nimbus-1' });
      expect(sweep.status).toBe('completed');
      const swept = sweep.conditions.reduce((n, c) => n + c.rows + Object.values(c.children).reduce((a, b) => a + b, 0), 0);
      expect(swept).toBe(due);
      const after = everyTable();
      // Deleted rows are the planned deletions; rows changed in place are the planned anonymisations, and rows under
      // other rules whose reference to a deleted row was nulled (as erasure does): at most what the plan counts as unlinked,
      // since some of those go later in the same sweep under their own rule.
      const byAction = (action: string) => planned.entries.filter((e) => e.action === action).reduce((n, e) => n + e.due, 0);
      const unlinked = planned.entries.reduce((n, e) => n + e.unlinked, 0);
      const { deleted, changed } = diff(before, after);
      expect(deleted).toBe(byAction('delete'));
      expect(changed).toBeGreaterThanOrEqual(byAction('anonymise'));
      expect(changed).toBeLessThanOrEqual(byAction('anonymise') + unlinked);
      const again = await runRetention(model, pool, store, { now: later, sweepId: 'nimbus-2' });
      expect(again.conditions.every((c) => c.rows === 0)).toBe(true);
      expect(everyTable()).toEqual(after);
    } finally {
      await pool.close();
      await store.close();
    }
  }, 60_000);
});

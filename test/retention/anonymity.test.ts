// Issue 15's acceptance on nimbus-cloud (SQLite, injected clock): the satisfaction surveys fail their declared thresholds
// before any sweep (exact team sizes make unique combinations; comments and references link), and pass them once a sweep
// two years and a day after the sample's clock has anonymised them — the sweep's own check, its audit entry and
// `custos anonymize check --collection` agree. The analytics visits keep only half addresses in every row a sweep keeps.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import ipaddr from 'ipaddr.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNimbus, NIMBUS_MANIFEST } from '../../examples/nimbus-cloud/generator/index.js';
import { createConnectorPool } from '../../src/connectors/index.js';
import { addDuration, compilePolicyFolder, type PolicyModel } from '../../src/policy/index.js';
import { checkCollectionAnonymity, runRetention, type RetentionSweep } from '../../src/retention/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { runCli } from '../cli/run-cli.js';

/** The sample's own clock (the generator's default), and the sweeps' instants after it. */
const SAMPLE_NOW = new Date('2026-11-23T00:00:00Z');
const DAY_MS = 86_400_000;
const DAY_AFTER = new Date(SAMPLE_NOW.getTime() + DAY_MS);
const TWO_YEARS_AND_A_DAY = new Date(addDuration(SAMPLE_NOW, { years: 2, months: 0, days: 0, hours: 0 }).getTime() + DAY_MS);
const SURVEYS = 'accounts.satisfaction_surveys';

let dir: string;
let model: PolicyModel;

beforeAll(async () => {
  dir = resolve(`test/.tmp/retention-anonymity-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(join(dir, 'privacy'), { recursive: true });
  cpSync(NIMBUS_MANIFEST, join(dir, 'privacy'), { recursive: true });
  // Enough customers for several hundred answers: k = 10 is declared for the sample, not for a handful of rows.
  await generateNimbus({ customers: 4000, stores: 'sqlite', baseDir: join(dir, 'privacy'), force: true, threads: false });
  model = compilePolicyFolder(join(dir, 'privacy')).model as PolicyModel;
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rowsOf = (file: string, query: string) => {
  const db = new Database(join(dir, 'data', file), { readonly: true });
  try {
    return db.prepare(query).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

/** Every table of every SQLite file of the sample, each row as JSON text. */
function everyTable(): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const file of readdirSync(join(dir, 'data')).filter((f) => f.endsWith('.db'))) {
    const names = rowsOf(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    for (const { name } of names)
      tables.set(
        `${file}:${String(name)}`,
        rowsOf(file, `SELECT * FROM "${String(name)}"`).map((r) => JSON.stringify(r)),
      );
  }
  return tables;
}

async function sweep(now: Date, sweepId: string): Promise<RetentionSweep> {
  const store = openSqliteStore(join(dir, 'custos.db'));
  const pool = createConnectorPool(model);
  try {
    return await runRetention(model, pool, store, { now, sweepId });
  } finally {
    await pool.close();
    await store.close();
  }
}

/** A stored address holds nothing past its first half: IPv4 /16, IPv6 /64 (the field's `minimise: truncate-ip`). */
function isHalfAddress(text: string): boolean {
  const address = ipaddr.parse(text);
  const bytes = address.toByteArray();
  return bytes.slice(address.kind() === 'ipv4' ? 2 : 8).every((b) => b === 0);
}

describe('nimbus-cloud satisfaction surveys against their declared anonymity (issue 15)', () => {
  it('declares k = 10 and l = 2 over region, plan and team size, with the score as sensitive attribute', () => {
    expect(model.index.collections.get(SURVEYS)?.anonymity).toEqual({
      quasi: ['region', 'plan', 'team_size'],
      sensitive: ['score'],
      k: 10,
      l: 2,
      t: undefined,
    });
  });

  it('fail the declared thresholds before any sweep: unique combinations, and comments and references that link', async () => {
    const pool = createConnectorPool(model);
    try {
      const report = await checkCollectionAnonymity(model, pool, SURVEYS);
      expect(report.rows).toBe(rowsOf('accounts.db', 'SELECT id FROM satisfaction_surveys').length);
      expect(report.rows).toBeGreaterThan(300);
      expect(report.singlingOut).toMatchObject({ passed: false, k: 10 });
      expect(report.singlingOut.smallestClass).toBe(1);
      expect(report.linkability.passed).toBe(false);
      expect(report.passed).toBe(false);
    } finally {
      await pool.close();
    }
    const cli = await runCli(['anonymize', 'check', 'privacy', '--collection', SURVEYS, '--json'], { cwd: dir });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ collection: SURVEYS, passed: false, singlingOut: { k: 10, smallestClass: 1 } });
  });

  it('keep only half addresses in the analytics visits a sweep keeps', async () => {
    const before = rowsOf('telemetry.db', 'SELECT ip_prefix FROM analytics_visits');
    const swept = await sweep(DAY_AFTER, 'day-after');
    expect(swept.status).toBe('completed');
    const kept = rowsOf('telemetry.db', 'SELECT ip_prefix FROM analytics_visits').map((r) => String(r.ip_prefix));
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(before.length);
    expect(kept.some((a) => a.includes(':'))).toBe(true);
    expect(kept.filter((a) => !isHalfAddress(a))).toEqual([]);
  }, 60_000);

  it('pass them after the sweep two years and a day later: the sweep checks, audits and the command agrees', async () => {
    const swept = await sweep(TWO_YEARS_AND_A_DAY, 'two-years');
    expect(swept.status).toBe('completed');
    const surveys = swept.conditions.find((c) => c.collection === SURVEYS);
    const total = rowsOf('accounts.db', 'SELECT id FROM satisfaction_surveys').length;
    expect(surveys?.anonymity).toMatchObject({ passed: true, rows: total, k: 10, recordsBelowK: 0, linkable: 0 });
    expect(surveys?.anonymity?.smallestClass).toBeGreaterThanOrEqual(10);
    expect(surveys?.anonymity?.smallestL).toBeGreaterThanOrEqual(2);

    // What the sweep wrote: no link, no comment; team sizes as bands, dates as the first day of their month.
    const rows = rowsOf(
      'accounts.db',
      'SELECT customer_id, ticket_id, comment, team_size, answered_at, plan, region FROM satisfaction_surveys',
    );
    expect(rows.filter((r) => r.customer_id !== null || r.ticket_id !== null || r.comment !== null)).toEqual([]);
    expect(new Set(rows.map((r) => r.team_size))).toEqual(new Set(['< 10', '[10, 50)', '≥ 50']));
    expect(rows.filter((r) => !/^\d{4}-\d{2}-01$/.test(String(r.answered_at)))).toEqual([]);

    const store = openSqliteStore(join(dir, 'custos.db'));
    try {
      const entries = await store.audit.read(1, 1000);
      const audited = entries.find(
        (e) => e.action === 'retention.swept' && e.subjects.sweep === 'two-years' && e.details.collection === SURVEYS,
      );
      expect(audited?.details).toMatchObject({ anonymityPassed: true, anonymityRows: total, anonymityK: 10, anonymityRecordsBelowK: 0 });
    } finally {
      await store.close();
    }

    const cli = await runCli(['anonymize', 'check', 'privacy', '--collection', SURVEYS], { cwd: dir });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`anonymity check of ${SURVEYS}: PASS`);
    // A stricter k than the data meets, given on the command line, fails it.
    const strict = await runCli(['anonymize', 'check', 'privacy', '--collection', SURVEYS, '--k', '100000'], { cwd: dir });
    expect(strict.status).toBe(1);

    // A sweep run again finds every answer anonymised already (bands and months are their own result), and changes no table.
    const before = everyTable();
    const again = await sweep(TWO_YEARS_AND_A_DAY, 'two-years-again');
    expect(again.conditions.find((c) => c.collection === SURVEYS)).toMatchObject({ rows: 0, anonymity: { passed: true } });
    expect(everyTable()).toEqual(before);
    // The command line says the verdict under the collection's line, and exits 0 on a pass.
    const run = await runCli(
      ['retention', 'run', 'privacy', '--now', TWO_YEARS_AND_A_DAY.toISOString(), '--sweep-id', 'two-years-cli', '--store', 'custos.db'],
      { cwd: dir },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `${SURVEYS.replace('.', '\\.')}: done, 0 anonymised.*\\n    anonymity: PASS on ${total} anonymised rows \\(k ≥ 10: smallest group \\d+, at least \\d+ sensitive values per group\\)`,
      ),
    );
    expect(everyTable()).toEqual(before);
  }, 120_000);
});

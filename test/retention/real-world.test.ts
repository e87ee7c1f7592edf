// Retention plans on a schema Custos was not designed around (Oracle's HR sample shape), on SQLite, PostgreSQL and
// MariaDB: a day inside the period leaves every row, a day past counts them as a hand-written query does, dependents
// expire through their employee's date, a hold an erasure left keeps its row until its end, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorPool } from '../../src/connectors/index.js';
import { planRetention, runRetention, type RetentionPlan } from '../../src/retention/index.js';
import { openStore } from '../../src/store/index.js';
import type { HoldRecord } from '../../src/store/index.js';
import { HR } from '../rights/real-world/hr.js';
import { createWorld, type Backend, type World } from '../rights/real-world/world.js';

// Every employee was hired on 2003-06-17; the manifest keeps records P3Y from collection.
const INSIDE = new Date('2006-06-16T00:00:00Z');
const PAST = new Date('2006-06-18T00:00:00Z');
const HELD: HoldRecord = {
  dataset: 'hr',
  collection: 'employees',
  key: '{"id":101}',
  hold: 'payments-6y',
  until: '2009-06-17',
  runId: 'r',
};

const BACKENDS: { backend: Backend; enabled: boolean }[] = [
  { backend: 'sqlite', enabled: true },
  { backend: 'postgres', enabled: Boolean(process.env.CUSTOS_TEST_POSTGRES_URL) },
  { backend: 'mysql', enabled: Boolean(process.env.CUSTOS_TEST_MYSQL_URL) },
];

describe.each(BACKENDS)('retention plan on the HR schema ($backend)', ({ backend, enabled }) => {
  let world: World;
  beforeAll(async () => {
    if (enabled) world = await createWorld(HR, backend);
  }, 60_000);
  afterAll(async () => {
    if (enabled) await world.cleanup();
  });

  const plan = async (now: Date, holdRecords: readonly HoldRecord[] = []): Promise<RetentionPlan> => {
    const pool = createConnectorPool(world.model, { env: world.env });
    try {
      return await planRetention(world.model, pool, { now, holdRecords });
    } finally {
      await pool.close();
    }
  };
  const entry = (p: RetentionPlan, table: string) => p.entries.find((e) => e.collection === `hr.${table}`);
  const count = async (query: string, params: (string | number)[] = []) =>
    Number(Object.values((await world.sql.all(query, params))[0] ?? {})[0]);

  it.skipIf(!enabled)(
    'leaves every row a day inside the period, and counts them all a day past, as a hand-written query does',
    async () => {
      const before = await world.snapshot();
      const inside = await plan(INSIDE);
      const employees = await count('SELECT count(*) FROM employees');
      expect(entry(inside, 'employees')).toMatchObject({ countable: true, due: 0, inside: employees });
      expect(entry(inside, 'dependents')).toMatchObject({ due: 0 });
      const past = await plan(PAST);
      // An employee whose later job history is still inside its period stays for it (job_history requires them).
      const needed = await count('SELECT count(DISTINCT employee_id) FROM job_history WHERE start_date > ?', ['2003-06-18']);
      expect(entry(past, 'employees')).toMatchObject({
        due: employees - needed,
        referenced: needed,
        oldest: '2003-06-17T00:00:00.000Z',
        newest: '2003-06-17T00:00:00.000Z',
      });
      // Dependents hold no date of their own: they expire through their employee's (employee_id.hire_date).
      expect(entry(past, 'dependents')).toMatchObject({
        clock: 'employee_id.hire_date',
        due: await count('SELECT count(*) FROM dependents'),
      });
      expect(entry(past, 'job_history')?.due).toBe(await count('SELECT count(*) FROM job_history WHERE start_date <= ?', ['2003-06-18']));
      expect(await world.snapshot()).toEqual(before);
    },
  );

  it.skipIf(!enabled)('keeps the employee an erasure left under a hold until the hold ends, then counts them', async () => {
    const employees = await count('SELECT count(*) FROM employees');
    const needed = await count('SELECT count(DISTINCT employee_id) FROM job_history WHERE start_date > ? AND employee_id <> 101', [
      '2003-06-18',
    ]);
    expect(entry(await plan(PAST, [HELD]), 'employees')).toMatchObject({
      due: employees - 1 - needed,
      held: { rows: 1, until: '2009-06-17', withoutEnd: 0, holds: ['payments-6y'] },
    });
    // The store hands over the holds in force only; one handed over after its end keeps nothing either.
    expect(entry(await plan(new Date('2009-06-18T00:00:00Z'), [HELD]), 'employees')).toMatchObject({ held: { rows: 0 } });
  });

  // Destructive: the last test of the suite.
  it.skipIf(!enabled)(
    'sweeps exactly what its plan counted, in batches by primary key, every table diffed',
    async () => {
      const before = await world.snapshot();
      const planned = await plan(PAST, [HELD]);
      const due = planned.entries.reduce((n, e) => n + e.due, 0);
      expect(due).toBeGreaterThan(0);
      const store = openStore(':memory:');
      await store.journal.open({ id: 'erasure-1', action: 'erase', plan: {}, startedAt: PAST });
      await store.journal.completeSteps('erasure-1', { steps: [], holds: [HELD] });
      const pool = createConnectorPool(world.model, { env: world.env });
      try {
        const sweep = await runRetention(world.model, pool, store, { now: PAST, sweepId: 'hr-1', firstBatch: 7 });
        expect(sweep.conditions.filter((c) => c.status !== 'done')).toEqual([]);
        const swept = sweep.conditions.reduce((n, c) => n + c.rows + Object.values(c.children).reduce((a, b) => a + b, 0), 0);
        expect(swept).toBe(due);
      } finally {
        await pool.close();
        await store.close();
      }
      const after = await world.snapshot();
      const deleted = Object.keys(before).reduce((n, t) => n + Object.keys(before[t] ?? {}).length - Object.keys(after[t] ?? {}).length, 0);
      const planDeletes = planned.entries.filter((e) => e.action === 'delete').reduce((n, e) => n + e.due, 0);
      expect(deleted).toBe(planDeletes);
      // The held employee stays, and every row left is as it was or one the plan did not count as due.
      // Its reference to a manager the sweep deleted is nulled, as erasure does.
      const manager = before.employees?.['101']?.manager_id;
      expect(after.employees?.['101']).toEqual({
        ...before.employees?.['101'],
        manager_id: after.employees?.[String(manager)] ? manager : null,
      });
      expect(await world.foreignKeyViolations()).toEqual([]);
    },
    60_000,
  );
});

// Custos's embedded store on SQLite (better-sqlite3): WAL journal, so a killed process loses nothing it committed.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CustosError } from '../../errors.js';
import type { HoldRecord, HoldRegistry, Journal, RunRecord, RunStatus, StepRecord, Store } from '../store.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

interface RunRow {
  id: string;
  action: string;
  plan: string;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  result: string | null;
}
interface StepRow {
  step_id: string;
  intent: string | null;
  done: number;
  result: string | null;
  attempts: number;
}

const parse = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

/** Opens (creating if needed) a SQLite store; `file` may be ':memory:' for tests. */
export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (what resumption needs) without an fsync per commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  let closed = false;
  const live = () => {
    if (closed) throw new CustosError({ code: 'closed', message: 'the Custos store is closed' });
    return db;
  };

  const stmt = {
    insertRun: db.prepare('INSERT INTO runs (id, action, plan, status, started_at) VALUES (?, ?, ?, ?, ?)'),
    getRun: db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?'),
    getSteps: db.prepare<[string], StepRow>('SELECT step_id, intent, done, result, attempts FROM run_steps WHERE run_id = ?'),
    // Several steps or holds are written by one statement from a JSON array (WHERE true lets SQLite parse the upsert).
    intents: db.prepare(
      `INSERT INTO run_steps (run_id, step_id, intent, attempts)
         SELECT ?, value ->> '$.stepId', value -> '$.intent', 1 FROM json_each(?) WHERE true
       ON CONFLICT (run_id, step_id) DO UPDATE SET intent = excluded.intent, attempts = attempts + 1`,
    ),
    complete: db.prepare(
      `INSERT INTO run_steps (run_id, step_id, done, result, attempts)
         SELECT ?, value ->> '$.stepId', 1, value -> '$.result', 1 FROM json_each(?) WHERE true
       ON CONFLICT (run_id, step_id) DO UPDATE SET done = 1, result = excluded.result`,
    ),
    finish: db.prepare('UPDATE runs SET status = ?, result = ?, finished_at = ? WHERE id = ?'),
    record: db.prepare(
      `INSERT INTO runs (id, action, plan, status, started_at, finished_at, result) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, status = excluded.status, started_at = excluded.started_at,
         finished_at = excluded.finished_at, result = excluded.result
       WHERE runs.action = excluded.action`,
    ),
    holds: db.prepare(
      `INSERT INTO holds (dataset, collection, key, hold, until, run_id)
         SELECT value ->> '$.dataset', value ->> '$.collection', value ->> '$.key', value ->> '$.hold', value ->> '$.until',
           value ->> '$.runId'
         FROM json_each(?) WHERE true
       ON CONFLICT DO UPDATE SET until = excluded.until, run_id = excluded.run_id`,
    ),
    holdsEnding: db.prepare<[string], HoldRow>('SELECT * FROM holds WHERE until <= ? ORDER BY until'),
    holdsForRun: db.prepare<[string], HoldRow>('SELECT * FROM holds WHERE run_id = ?'),
  };

  const readRun = (id: string): RunRecord | undefined => {
    const row = stmt.getRun.get(id);
    if (!row) return undefined;
    const steps = new Map<string, StepRecord>(
      stmt.getSteps
        .all(id)
        .map((s) => [
          s.step_id,
          { stepId: s.step_id, intent: parse(s.intent), done: s.done === 1, result: parse(s.result), attempts: s.attempts },
        ]),
    );
    return {
      id: row.id,
      action: row.action,
      plan: JSON.parse(row.plan),
      status: row.status,
      startedAt: new Date(row.started_at),
      finishedAt: row.finished_at === null ? undefined : new Date(row.finished_at),
      result: parse(row.result),
      steps,
    };
  };

  const journal: Journal = {
    async open(run, intents = []) {
      const existing = readRun(run.id);
      if (existing) return { run: existing, resumed: true };
      live().transaction(() => {
        stmt.insertRun.run(run.id, run.action, JSON.stringify(run.plan), 'running', run.startedAt.toISOString());
        if (intents.length > 0) stmt.intents.run(run.id, JSON.stringify(intents));
      })();
      const steps = new Map(
        intents.map((i): [string, StepRecord] => [i.stepId, { stepId: i.stepId, intent: i.intent, done: false, attempts: 1 }]),
      );
      return {
        run: { id: run.id, action: run.action, plan: run.plan, status: 'running', startedAt: run.startedAt, steps },
        resumed: false,
      };
    },
    async record(run) {
      live();
      const { changes } = stmt.record.run(
        run.id,
        run.action,
        JSON.stringify(run.plan),
        run.status,
        run.startedAt.toISOString(),
        run.finishedAt.toISOString(),
        JSON.stringify(run.result),
      );
      return changes > 0;
    },
    async get(runId) {
      live();
      return readRun(runId);
    },
    async recordIntents(runId, intents) {
      live();
      if (intents.length > 0) stmt.intents.run(runId, JSON.stringify(intents));
    },
    async completeSteps(runId, steps, holds = []) {
      live().transaction(() => {
        if (steps.length > 0) stmt.complete.run(runId, JSON.stringify(steps));
        if (holds.length > 0) stmt.holds.run(JSON.stringify(holds));
      })();
    },
    async finish(runId, status, result, at) {
      live();
      stmt.finish.run(status, JSON.stringify(result), at.toISOString(), runId);
    },
  };

  const holds: HoldRegistry = {
    async record(records) {
      live();
      if (records.length > 0) stmt.holds.run(JSON.stringify(records));
    },
    async endingBy(date) {
      live();
      return stmt.holdsEnding.all(date.toISOString().slice(0, 10)).map(toHold);
    },
    async forRun(runId) {
      live();
      return stmt.holdsForRun.all(runId).map(toHold);
    },
  };

  return {
    kind: 'sqlite',
    journal,
    holds,
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

interface HoldRow {
  dataset: string;
  collection: string;
  key: string;
  hold: string;
  until: string;
  run_id: string;
}

function toHold(row: HoldRow): HoldRecord {
  return { dataset: row.dataset, collection: row.collection, key: row.key, hold: row.hold, until: row.until, runId: row.run_id };
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    db
      .prepare<[], { id: number }>('SELECT id FROM schema_migrations')
      .all()
      .map((r) => r.id),
  );
  for (const m of SQLITE_MIGRATIONS) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    })();
  }
}

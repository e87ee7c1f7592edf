// Run journals in Custos's SQLite store: runs and their step log (intents, attempts, completions), read back checked.
import type Database from 'better-sqlite3';
import { openedRun, readJournaledRun, type StoredLogEntry } from '../journal-read.js';
import { JOURNAL_RECORD_VERSIONS as VERSION } from '../records.js';
import type { Completion, HoldRecord, Journal, RunRecord, RunStatus } from '../store.js';
import type { SqlitePlans } from './plans.js';

interface RunRow {
  id: string;
  action: string;
  /** The plan's digest in `plans`, or (runs journaled before plans were shared) the plan itself. */
  plan: string;
  /** The shared plan's body, when `plan` is a digest. */
  body: string | null;
  resolution: string | null;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  result: string | null;
  version: number;
}
type LogRow = StoredLogEntry;

/** What the journal needs of the store it is part of. */
export interface JournalWrites {
  /** Throws once the store is closed. */
  live(): void;
  /** Counts a write made outside `inTransaction` (the checkpointer starts after so many). */
  wrote(): void;
  /** Runs `write` in one transaction. */
  inTransaction(write: () => void): void;
  readonly plans: SqlitePlans;
  /** Registers hold records (inside a transaction). */
  registerHolds(records: readonly HoldRecord[]): void;
}

export function sqliteJournal(db: Database.Database, { live, wrote, inTransaction, plans, registerHolds }: JournalWrites): Journal {
  const stmt = {
    insertRun: db.prepare(
      `INSERT INTO runs (id, action, plan, resolution, status, started_at, version) VALUES (?, ?, ?, ?, ?, ?, ${VERSION.run})
       ON CONFLICT DO NOTHING`,
    ),
    getRun: db.prepare<[string], RunRow>('SELECT runs.*, plans.body FROM runs LEFT JOIN plans ON plans.digest = runs.plan WHERE id = ?'),
    getLog: db.prepare<[string], LogRow>('SELECT kind, body, version FROM run_log WHERE run_id = ? ORDER BY id'),
    log: db.prepare('INSERT INTO run_log (run_id, kind, body, version) VALUES (?, ?, ?, ?)'),
    // An ended run keeps no resolution: only a run that may resume needs it, and it names the person.
    finish: db.prepare('UPDATE runs SET status = ?, result = ?, finished_at = ?, resolution = NULL WHERE id = ?'),
    record: db.prepare(
      `INSERT INTO runs (id, action, plan, status, started_at, finished_at, result, version) VALUES (?, ?, ?, ?, ?, ?, ?, ${VERSION.run})
       ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, resolution = NULL, status = excluded.status,
         started_at = excluded.started_at, finished_at = excluded.finished_at, result = excluded.result, version = excluded.version
       WHERE runs.action = excluded.action`,
    ),
  };

  /** Appends one entry of the step log, at the version this Custos writes of its kind. */
  const appendLog = (runId: string, kind: LogRow['kind'], entries: readonly unknown[]) =>
    stmt.log.run(runId, kind, JSON.stringify(entries), VERSION[kind]);
  const complete = (runId: string, completion: Completion) => {
    if (completion.steps.length > 0) appendLog(runId, 'done', completion.steps);
    if (completion.holds && completion.holds.length > 0) registerHolds(completion.holds);
  };

  const readRun = (id: string): RunRecord | undefined => {
    const row = stmt.getRun.get(id);
    if (!row) return undefined;
    return readJournaledRun(
      {
        id: row.id,
        action: row.action,
        plan: row.body ?? row.plan,
        resolution: row.resolution,
        status: row.status,
        startedAt: new Date(row.started_at),
        finishedAt: row.finished_at === null ? undefined : new Date(row.finished_at),
        result: row.result,
        version: row.version,
      },
      // The run's own record is checked first: a newer version is refused before its log is read.
      { [Symbol.iterator]: () => stmt.getLog.iterate(id) },
    );
  };

  return {
    async open(run, intents = []) {
      let created = false;
      inTransaction(() => {
        const plan = plans.reference(run.plan);
        created = stmt.insertRun.run(run.id, run.action, plan, json(run.resolution), 'running', run.startedAt.toISOString()).changes > 0;
        if (created && intents.length > 0) appendLog(run.id, 'intents', intents);
      });
      const existing = created ? undefined : readRun(run.id);
      if (existing) return { run: existing, resumed: true };
      return openedRun(run, intents);
    },
    async record(run) {
      const write = () =>
        stmt.record.run(
          run.id,
          run.action,
          plans.reference(run.plan),
          run.status,
          run.startedAt.toISOString(),
          run.finishedAt.toISOString(),
          JSON.stringify(run.result),
        ).changes;
      live();
      // A plan already stored leaves one statement to write: it commits by itself (most access requests).
      if (plans.isStored(run.plan)) {
        const changes = write();
        wrote();
        return changes > 0;
      }
      let changes = 0;
      inTransaction(() => (changes = write()));
      return changes > 0;
    },
    async get(runId) {
      live();
      return readRun(runId);
    },
    async recordIntents(runId, intents) {
      live();
      if (intents.length > 0) appendLog(runId, 'intents', intents);
      wrote();
    },
    async recordAttempt(runId, attempt, earlier) {
      inTransaction(() => {
        if (earlier) complete(runId, earlier);
        if (attempt.length > 0) appendLog(runId, 'attempt', attempt);
      });
    },
    async completeSteps(runId, completion) {
      inTransaction(() => complete(runId, completion));
    },
    async finish(runId, status, result, at, last) {
      inTransaction(() => {
        if (last) complete(runId, last);
        stmt.finish.run(status, JSON.stringify(result), at.toISOString(), runId);
      });
    },
  };
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

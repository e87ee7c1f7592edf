// Custos's embedded store on SQLite (better-sqlite3): WAL journal, so a killed process loses nothing it committed.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { CustosError } from '../../errors.js';
import { checkJournalRecord, JOURNAL_RECORD_VERSIONS as VERSION, parseJournalText, type JournalRecordKind } from '../records.js';
import type { Completion, HoldRecord, HoldRegistry, Journal, RunRecord, RunStatus, StepRecord, Store } from '../store.js';
import { BACKSTOP_PAGES, CHECKPOINTER_AFTER_WRITES, startCheckpointer, type Checkpointer } from './checkpointer.js';
import { createStoreFile } from './files.js';
import { sqliteLeases } from './leases.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

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
interface LogRow {
  kind: Exclude<JournalRecordKind, 'run'>;
  body: string;
  version: number;
}
const DIGEST = 'sha256:';

/** A plan serialised once, named by the digest of its text (plans are shared and immutable: the cache never goes stale). */
const serialisedPlans = new WeakMap<object, { readonly digest: string; readonly text: string }>();
function serialisePlan(plan: unknown): { readonly digest: string; readonly text: string } {
  const cached = typeof plan === 'object' && plan !== null ? serialisedPlans.get(plan) : undefined;
  if (cached) return cached;
  const text = JSON.stringify(plan);
  const serialised = { digest: DIGEST + createHash('sha256').update(text).digest('hex'), text };
  if (typeof plan === 'object' && plan !== null) serialisedPlans.set(plan, serialised);
  return serialised;
}

/** Opens (creating if needed, owner-only: see createStoreFile) a SQLite store; `file` may be ':memory:' for tests. */
export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') createStoreFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (what resumption needs) without an fsync per commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // What a run drops (its resolution, which names the person) is overwritten in the file, not merely unlinked.
  db.pragma('secure_delete = ON');
  migrate(db);
  let closed = false;
  const live = () => {
    if (closed) throw new CustosError({ code: 'closed', message: 'the Custos store is closed' });
    return db;
  };
  // A store that keeps being written (a server, a batch) has its WAL checkpointed by a worker thread from then on.
  let writes = 0;
  let checkpointer: Checkpointer | undefined;
  const wrote = () => {
    if (++writes !== CHECKPOINTER_AFTER_WRITES || file === ':memory:') return;
    checkpointer = startCheckpointer(file);
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  };

  const stmt = {
    insertRun: db.prepare(
      `INSERT INTO runs (id, action, plan, resolution, status, started_at, version) VALUES (?, ?, ?, ?, ?, ?, ${VERSION.run})
       ON CONFLICT DO NOTHING`,
    ),
    insertPlan: db.prepare('INSERT INTO plans (digest, body) VALUES (?, ?) ON CONFLICT DO NOTHING'),
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
    holdsEnding: db.prepare<[string], HoldRow>('SELECT * FROM holds WHERE until <= ? ORDER BY until'),
    holdsForRun: db.prepare<[string], HoldRow>('SELECT * FROM holds WHERE run_id = ? ORDER BY rowid'),
  };

  /** Digests known to be stored: a shared plan is written once, not once per run. */
  const storedPlans = new Set<string>();
  /** Digests written by the transaction under way: known stored only once it commits (a rollback takes them along). */
  const pendingPlans: string[] = [];
  /** The value for runs.plan: the plan's digest, its body written first unless already there. Called in a transaction. */
  const planReference = (plan: unknown): string => {
    const { digest, text } = serialisePlan(plan);
    if (!storedPlans.has(digest)) {
      stmt.insertPlan.run(digest, text);
      pendingPlans.push(digest);
    }
    return digest;
  };
  // One wrapper for every journal write: better-sqlite3 builds a new one on each `transaction(fn)` call.
  const transaction = db.transaction((write: () => void) => write());
  /** Runs `write` in one transaction. */
  const inTransaction = (write: () => void): void => {
    pendingPlans.length = 0;
    live();
    transaction(write);
    for (const digest of pendingPlans.splice(0)) storedPlans.add(digest);
    wrote();
  };
  /** Upserts of 1…HOLDS_PER_STATEMENT holds in one statement each, prepared on first use. */
  const holdStatements: Database.Statement[] = [];
  const registerHolds = (records: readonly HoldRecord[]) => {
    for (let start = 0; start < records.length; start += HOLDS_PER_STATEMENT) {
      const chunk = records.slice(start, start + HOLDS_PER_STATEMENT);
      const statement = (holdStatements[chunk.length] ??= db.prepare(holdUpsert(chunk.length)));
      statement.run(chunk.flatMap((h) => [h.dataset, h.collection, h.key, h.hold, h.until, h.runId, h.from ?? null]));
    }
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
    // The run's own record first: a newer version is refused before its log is read.
    const text = (column: string | null) => (column === null ? undefined : parseJournalText(id, 'run', column));
    const run = checkJournalRecord(id, 'run', row.version, {
      plan: text(row.body ?? row.plan),
      resolution: text(row.resolution),
      result: text(row.result),
    });
    // The steps' state is the log folded in order: a later intent replaces an earlier one, an attempt records the rows a
    // transaction wrote before its commit, a completion marks done.
    const steps = new Map<string, StepRecord>();
    const fold = (stepId: string, next: (was: StepRecord | undefined) => StepRecord) => {
      const was = steps.get(stepId);
      const step = next(was);
      const attempted = step.attempted ?? was?.attempted;
      steps.set(stepId, attempted === undefined ? step : { ...step, attempted });
    };
    for (const entry of stmt.getLog.all(id)) {
      const body = parseJournalText(id, entry.kind, entry.body);
      switch (entry.kind) {
        case 'intents':
          for (const e of checkJournalRecord(id, entry.kind, entry.version, body))
            fold(e.stepId, (was) => ({ stepId: e.stepId, intent: e.intent, done: was?.done ?? false, result: was?.result }));
          break;
        case 'done':
          for (const e of checkJournalRecord(id, entry.kind, entry.version, body))
            fold(e.stepId, (was) => ({ stepId: e.stepId, intent: was?.intent, done: true, result: e.result }));
          break;
        case 'attempt':
          for (const e of checkJournalRecord(id, entry.kind, entry.version, body))
            fold(e.stepId, (was) => ({
              stepId: e.stepId,
              intent: was?.intent,
              done: was?.done ?? false,
              result: was?.result,
              attempted: e.rows,
            }));
          break;
        default:
          // The table's CHECK admits no other kind; a journal edited outside Custos might hold one.
          entry.kind satisfies never;
          throw new CustosError({
            code: 'store-error',
            message: `run "${id}" cannot be resumed: its journal holds a record of an unknown kind`,
            details: { runId: id },
          });
      }
    }
    return {
      id: row.id,
      action: row.action,
      plan: run.plan,
      resolution: run.resolution,
      status: row.status,
      startedAt: new Date(row.started_at),
      finishedAt: row.finished_at === null ? undefined : new Date(row.finished_at),
      result: run.result,
      steps,
    };
  };

  const journal: Journal = {
    async open(run, intents = []) {
      let created = false;
      inTransaction(() => {
        const plan = planReference(run.plan);
        created = stmt.insertRun.run(run.id, run.action, plan, json(run.resolution), 'running', run.startedAt.toISOString()).changes > 0;
        if (created && intents.length > 0) appendLog(run.id, 'intents', intents);
      });
      const existing = created ? undefined : readRun(run.id);
      if (existing) return { run: existing, resumed: true };
      const steps = new Map(intents.map((i): [string, StepRecord] => [i.stepId, { stepId: i.stepId, intent: i.intent, done: false }]));
      return {
        run: {
          id: run.id,
          action: run.action,
          plan: run.plan,
          resolution: run.resolution,
          status: 'running',
          startedAt: run.startedAt,
          steps,
        },
        resumed: false,
      };
    },
    async record(run) {
      const write = () =>
        stmt.record.run(
          run.id,
          run.action,
          planReference(run.plan),
          run.status,
          run.startedAt.toISOString(),
          run.finishedAt.toISOString(),
          JSON.stringify(run.result),
        ).changes;
      live();
      // A plan already stored leaves one statement to write: it commits by itself (most access requests).
      if (storedPlans.has(serialisePlan(run.plan).digest)) {
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

  const holds: HoldRegistry = {
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
    leases: sqliteLeases(db, live),
    async close() {
      if (closed) return;
      closed = true;
      // The worker's connection goes first: the last one to close checkpoints the WAL into the file and removes it.
      await checkpointer?.stop();
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
  from_field: string | null;
}

/** Holds registered per statement: a run keeps a handful; more go in several statements. */
const HOLDS_PER_STATEMENT = 16;

/**
 * An upsert of `rows` holds; a hold registered again (the same rows, under the same hold) takes the later end and run.
 * SQLite inserts the rows in order, so a hold named twice in one statement ends with the later values too.
 */
function holdUpsert(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO holds (dataset, collection, key, hold, until, run_id, from_field) VALUES ${values}
    ON CONFLICT DO UPDATE SET until = excluded.until, run_id = excluded.run_id, from_field = excluded.from_field`;
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

function toHold(row: HoldRow): HoldRecord {
  const hold = { dataset: row.dataset, collection: row.collection, key: row.key, hold: row.hold, until: row.until, runId: row.run_id };
  return row.from_field === null ? hold : { ...hold, from: row.from_field };
}

/**
 * Applies the migrations not applied yet, all in one IMMEDIATE transaction: the write lock is taken before the applied
 * ones are read, so two processes opening a new store at once never both apply one (the second sees the first's work).
 */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(
      db
        .prepare<[], { id: number }>('SELECT id FROM schema_migrations')
        .all()
        .map((r) => r.id),
    );
    for (const m of SQLITE_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    }
  }).immediate();
}

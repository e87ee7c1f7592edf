// The job queue on SQLite: an in-process worker polling the `jobs` table; each claim is one IMMEDIATE transaction.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { CustosError } from '../errors.js';
import { resolveQueueOptions, resolveSend, retryDelaySeconds, type JobQueueOptions } from './options.js';
import { checkPayload } from './payload.js';
import type { JobInfo, JobPayload, JobQueue } from './queue.js';
import { migrateSqliteJobs } from './sqlite-migrations.js';
import type { JobName, JobState } from './vocabulary.js';
import type { ClaimedJob } from './worker.js';
import { Workers } from './workers.js';

export interface SqliteJobQueueOptions extends JobQueueOptions {
  /** Told of the queue's own failures (a locked or lost database), never of handlers'. Default: ignored. */
  readonly onError?: (error: CustosError) => void;
}

/** How long a statement waits for another process's transaction to commit before failing with `store-unavailable`. */
const BUSY_TIMEOUT_MS = 10_000;

interface JobRow {
  id: string;
  name: JobName;
  payload: string;
  state: JobState;
  run_at: string;
  attempts: number;
  retry_limit: number;
  retry_delay: number;
  retry_backoff: number;
  expire_seconds: number;
  locked_by: string | null;
  last_error: string | null;
}

/**
 * Opens the job queue in a SQLite file (created if needed, WAL) or in a database Custos's store already holds (left open
 * by `close`). Several processes may share one file: a claim takes the write lock, so each job goes to one worker. A
 * running job whose lock (`locked_until`, its expiry) has passed — its process was killed — is retried by the next
 * claim of any process, as a failed attempt.
 */
export function openSqliteJobQueue(target: string | Database.Database, options: SqliteJobQueueOptions = {}): JobQueue {
  const resolved = resolveQueueOptions(options);
  const owned = typeof target === 'string';
  const db = owned ? new Database(target, { timeout: BUSY_TIMEOUT_MS }) : target;
  if (owned && target !== ':memory:') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  migrateSqliteJobs(db);
  const clock = resolved.clock;
  const owner = `${process.pid}:${randomUUID()}`;
  const at = (ms = 0) => new Date(clock.now().getTime() + ms).toISOString();

  const stmt = {
    insert: db.prepare(
      `INSERT INTO jobs (id, name, payload, state, singleton_key, run_at, retry_limit, retry_delay, retry_backoff, expire_seconds, created_at)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    waiting: db.prepare<[string, string], { id: string }>(`SELECT id FROM jobs WHERE name = ? AND singleton_key = ? AND state = 'queued'`),
    lapsed: db.prepare<[string], JobRow>(`SELECT * FROM jobs WHERE state = 'running' AND locked_until <= ?`),
    next: db.prepare<[string, string, number], JobRow>(
      `SELECT * FROM jobs WHERE name = ? AND state IN ('queued', 'retrying') AND run_at <= ? ORDER BY run_at, created_at, id LIMIT ?`,
    ),
    take: db.prepare(`UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ?, locked_until = ? WHERE id = ?`),
    complete: db.prepare(
      `UPDATE jobs SET state = 'completed', finished_at = ?, last_error = NULL, locked_by = NULL, locked_until = NULL WHERE id = ? AND state = 'running' AND locked_by = ?`,
    ),
    get: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?'),
    end: db.prepare(
      `UPDATE jobs SET state = ?, run_at = ?, last_error = ?, finished_at = ?, locked_by = NULL, locked_until = NULL WHERE id = ?`,
    ),
    cancel: db.prepare(
      `UPDATE jobs SET state = 'cancelled', finished_at = ?, locked_by = NULL, locked_until = NULL
       WHERE id = ? AND state IN ('queued', 'retrying', 'running')`,
    ),
  };

  /** A failed attempt: retried after the backoff while retries remain, else `failed` with its message. */
  const failAttempt = (row: JobRow, message: string) => {
    const retry = row.attempts <= row.retry_limit;
    const delay = retryDelaySeconds(row.retry_delay, row.retry_backoff === 1, row.attempts);
    stmt.end.run(retry ? 'retrying' : 'failed', retry ? at(delay * 1000) : row.run_at, message, retry ? null : at(), row.id);
  };
  const claim = db.transaction((name: JobName, limit: number): ClaimedJob[] => {
    for (const row of stmt.lapsed.all(at())) failAttempt(row, `the worker stopped or ran past the job's expiry (${row.expire_seconds} s)`);
    return stmt.next.all(name, at(), limit).map((row) => {
      stmt.take.run(owner, at(row.expire_seconds * 1000), row.id);
      return {
        id: row.id,
        name: row.name,
        payload: JSON.parse(row.payload) as JobPayload,
        attempt: row.attempts + 1,
        expireInSeconds: row.expire_seconds,
      };
    });
  });
  const fail = db.transaction((id: string, message: string) => {
    const row = stmt.get.get(id);
    // Only while this queue still holds it: a job cancelled, or retried after its expiry, is no longer ours to fail.
    if (row?.state === 'running' && row.locked_by === owner) failAttempt(row, message);
  });
  const guarded = <T>(doing: string, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw sqliteFailure(error, doing);
    }
  };

  const workers = new Workers(
    {
      claim: async (name, limit) => guarded('claim jobs from', () => claim.immediate(name, limit)),
      complete: async (job) => void guarded('complete a job in', () => stmt.complete.run(at(), job.id, owner)),
      fail: async (job, message) => guarded('fail a job in', () => fail.immediate(job.id, message)),
    },
    resolved,
    options.onError ?? (() => undefined),
    'SQLite',
  );

  const send = db.transaction((name: JobName, payload: string, o: ReturnType<typeof resolveSend>): string => {
    const id = randomUUID();
    const runAt = (o.startAfter ?? clock.now()).toISOString();
    const inserted = stmt.insert.run(
      id,
      name,
      payload,
      o.singletonKey ?? null,
      runAt,
      o.retryLimit,
      o.retryDelay,
      o.retryBackoff ? 1 : 0,
      o.expireInSeconds,
      at(),
    );
    if (inserted.changes === 1) return id;
    return stmt.waiting.get(name, o.singletonKey!)!.id;
  });

  let closing: Promise<void> | undefined;
  return {
    async send(name, payload, sendOptions) {
      workers.live();
      const checked = checkPayload(payload);
      const o = resolveSend(resolved, sendOptions);
      const id = guarded('queue a job in', () => send.immediate(workers.checkName(name), JSON.stringify(checked), o));
      if (o.startAfter === undefined) workers.notify(name);
      return id;
    },
    async work(name, handler, workOptions) {
      workers.work(name, handler, workOptions);
    },
    async cancel(jobId) {
      workers.live();
      return guarded('cancel a job in', () => stmt.cancel.run(at(), jobId).changes === 1);
    },
    async get(jobId) {
      workers.live();
      const row = guarded('read a job from', () => stmt.get.get(jobId));
      return row && jobInfo(row);
    },
    close() {
      closing ??= (async () => {
        await workers.close();
        if (owned) db.close();
      })();
      return closing;
    },
  };
}

function jobInfo(row: JobRow): JobInfo {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    attempts: row.attempts,
    runAt: new Date(row.run_at),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
  };
}

/** A lock held past the busy timeout is the store being unavailable; anything else, a store error. */
function sqliteFailure(error: unknown, doing: string): CustosError {
  if (error instanceof CustosError) return error;
  const code = (error as { code?: unknown }).code;
  const busy = code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  return new CustosError({
    code: busy ? 'store-unavailable' : 'store-error',
    message: busy
      ? `could not ${doing} the job queue: another process held its lock past the busy timeout; try again`
      : `could not ${doing} the job queue: ${(error as Error).message}`,
    cause: error,
  });
}

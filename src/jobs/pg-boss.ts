// The job queue on PostgreSQL: a thin adapter over pg-boss 10 in a schema of its own; our worker loop fetches from it.
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { CustosError } from '../errors.js';
import { resolveQueueOptions, resolveSend, type JobQueueOptions } from './options.js';
import { checkPayload, failureMessage } from './payload.js';
import type { JobInfo, JobPayload, JobQueue } from './queue.js';
import { JOB_NAMES, type JobName, type JobState } from './vocabulary.js';
import { Workers } from './workers.js';

export interface PgBossJobQueueOptions extends JobQueueOptions {
  /** The schema pg-boss keeps its tables in. Default `custos_jobs`. */
  readonly schema?: string;
  /** How often pg-boss's maintenance retries jobs whose worker died (expired) and archives old ones, in s. Default 60. */
  readonly maintenanceIntervalSeconds?: number;
  /** Told of the queue's own failures (a lost server), never of handlers'. Default: ignored. */
  readonly onError?: (error: CustosError) => void;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATES = {
  created: 'queued',
  retry: 'retrying',
  active: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
} as const satisfies Record<PgBoss.JobWithMetadata['state'], JobState>;

/**
 * Opens the queue on the PostgreSQL server at `url` (pg-boss installs or migrates its schema). Every name of
 * `JOB_NAMES` is a pg-boss queue with the `short` policy: one waiting job per singleton key. Fetching is pg-boss's
 * `FOR UPDATE SKIP LOCKED`, so processes sharing the database never hand one attempt to two workers; a job whose worker
 * died stays `running` until its expiry, then pg-boss's maintenance (in whichever process holds it) retries it.
 */
export async function openPgBossJobQueue(url: string, options: PgBossJobQueueOptions = {}): Promise<JobQueue> {
  const resolved = resolveQueueOptions(options, 500);
  const schema = options.schema ?? 'custos_jobs';
  if (!SCHEMA.test(schema))
    throw new CustosError({
      code: 'config',
      message: `job queue schema ${JSON.stringify(schema.slice(0, 64))} is not a plain lower-case identifier (letters, digits, _)`,
    });
  const onError = options.onError ?? (() => undefined);
  const boss = new PgBoss({
    connectionString: url,
    schema,
    max: 4,
    application_name: 'custos-jobs',
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    schedule: false,
  });
  // pg-boss reports maintenance failures as events; unheard, an 'error' event would end the process.
  boss.on('error', (error) => onError(postgresFailure(error, 'maintain')));
  try {
    await boss.start();
    for (const name of JOB_NAMES) await ensureQueue(boss, name);
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw postgresFailure(error, 'open');
  }

  const guarded = async <T>(doing: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw postgresFailure(error, doing);
    }
  };
  const find = async (jobId: string) => {
    if (!UUID.test(jobId)) return undefined;
    for (const name of JOB_NAMES) {
      const job = await guarded('read a job from', () => boss.getJobById<JobPayload>(name, jobId, { includeArchive: true }));
      if (job) return job;
    }
    return undefined;
  };

  const workers = new Workers(
    {
      claim: async (name, limit) => {
        const jobs = await guarded('claim jobs from', () => boss.fetch<JobPayload>(name, { batchSize: limit, includeMetadata: true }));
        return jobs.map((job) => ({
          id: job.id,
          name,
          payload: job.data,
          attempt: job.retryCount + 1,
          // EXTRACT(epoch …) comes back as a numeric text.
          expireInSeconds: Number(job.expireInSeconds),
        }));
      },
      complete: (job) => guarded('complete a job in', () => boss.complete(job.name, job.id)),
      fail: (job, message) => guarded('fail a job in', () => boss.fail(job.name, job.id, { message })),
    },
    resolved,
    onError,
    'PostgreSQL',
  );

  let closing: Promise<void> | undefined;
  return {
    async send(name, payload, sendOptions) {
      workers.live();
      workers.checkName(name);
      const data = checkPayload(payload);
      const o = resolveSend(resolved, sendOptions);
      const id = randomUUID();
      // The short policy allows one waiting job per key, a missing key counting as '': a keyless job is its own key.
      const singletonKey = o.singletonKey ?? `job:${id}`;
      const sendOptionsOfBoss: PgBoss.SendOptions = {
        id,
        singletonKey,
        retryLimit: o.retryLimit,
        retryDelay: o.retryDelay,
        retryBackoff: o.retryBackoff,
        expireInSeconds: o.expireInSeconds,
        ...(o.startAfter === undefined ? {} : { startAfter: o.startAfter }),
      };
      // A send refused for its key returns the waiting job; if that one started meanwhile, the send is tried again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const sent = await guarded('queue a job in', () => boss.send(name, data, sendOptionsOfBoss));
        if (sent) {
          if (o.startAfter === undefined) workers.notify(name);
          return sent;
        }
        const { rows } = await guarded('queue a job in', () =>
          boss
            .getDb()
            .executeSql(`SELECT id FROM ${schema}.job WHERE name = $1 AND singleton_key = $2 AND state = 'created'`, [name, singletonKey]),
        );
        if (rows[0]) return String((rows[0] as { id: string }).id);
      }
      throw new CustosError({
        code: 'conflict',
        message: `could not queue the ${name} job: its singleton key kept changing hands; try again`,
      });
    },
    async work(name, handler, workOptions) {
      workers.work(name, handler, workOptions);
    },
    async cancel(jobId) {
      workers.live();
      const job = await find(jobId);
      if (!job) return false;
      const result = (await guarded('cancel a job in', () => boss.cancel(job.name, job.id))) as unknown as
        { affected?: number } | undefined;
      return result?.affected === 1;
    },
    async get(jobId) {
      workers.live();
      const job = await find(jobId);
      return job && jobInfo(job);
    },
    close() {
      closing ??= (async () => {
        await workers.close();
        await boss.stop({ graceful: false, wait: true });
      })();
      return closing;
    },
  };
}

async function ensureQueue(boss: PgBoss, name: JobName): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, { name, policy: 'short' });
  } catch (error) {
    // Another process created it at the same moment.
    if (!(await boss.getQueue(name))) throw error;
  }
}

function jobInfo(job: PgBoss.JobWithMetadata<JobPayload>): JobInfo {
  const state = STATES[job.state];
  const output = job.output as { message?: unknown; value?: { message?: unknown } } | null;
  const message = output?.message ?? output?.value?.message;
  return {
    id: job.id,
    name: job.name as JobName,
    state,
    attempts: job.startedOn === null ? 0 : job.retryCount + 1,
    runAt: new Date(job.startAfter),
    ...(typeof message === 'string' && state !== 'completed' ? { lastError: failureMessage(message) } : {}),
  };
}

/** A server that cannot be reached is `store-unavailable` (class 08, 57P, refused connections); anything else a store error. */
function postgresFailure(error: unknown, doing: string): CustosError {
  if (error instanceof CustosError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const unavailable = /^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT'].includes(code);
  return new CustosError({
    code: unavailable ? 'store-unavailable' : 'store-error',
    message: unavailable
      ? `could not ${doing} the job queue: the PostgreSQL server is unreachable; try again`
      : `could not ${doing} the job queue: ${failureMessage(error)}`,
    cause: error,
  });
}

// The JobQueue interface every backend implements (pg-boss on PostgreSQL, an in-process worker on SQLite).
import type { JobName, JobState } from './vocabulary.js';

/** A job's payload: ids only (request, run, message, sweep ids), never personal data; see `checkPayload`. */
export type JobPayloadValue = string | number | boolean | null | readonly (string | number)[];
export type JobPayload = Readonly<Record<string, JobPayloadValue>>;

export interface SendOptions {
  /**
   * At most one job of this name and key waits at a time: a send while one waits returns the waiting job's id instead
   * of queuing a second. A job sent after the first started is queued (the request lease, not the queue, keeps two runs
   * of one request apart). Default: none.
   */
  readonly singletonKey?: string;
  /** Not run before this instant. Default: now. */
  readonly startAfter?: Date;
  /** Retries after the first attempt (a worker that died counts as a failed attempt). Default: the queue's, 3. */
  readonly retryLimit?: number;
  /** Whole seconds before a retry (at least 1 with backoff). Default: the queue's, 10. */
  readonly retryDelay?: number;
  /** Doubles the delay at each retry, with jitter (delay·2ⁿ⁻¹ to delay·2ⁿ before retry n). Default: the queue's, true. */
  readonly retryBackoff?: boolean;
  /** Whole seconds an attempt may run before it is taken for dead and retried. Default: the queue's, 900. */
  readonly expireInSeconds?: number;
}

/** What a handler is given. `attempt` counts from 1; `signal` aborts at the attempt's expiry or when work stops. */
export interface JobContext {
  readonly id: string;
  readonly name: JobName;
  readonly payload: JobPayload;
  readonly attempt: number;
  readonly signal: AbortSignal;
}

/** Resolves: the job is completed. Throws: the attempt failed; the job retries with backoff, then is `failed`. */
export type JobHandler = (job: JobContext) => Promise<void>;

export interface WorkOptions {
  /** Jobs of this name this process runs at once. Default 1. */
  readonly concurrency?: number;
  /** Stops fetching when aborted and aborts the running handlers' signals. */
  readonly signal?: AbortSignal;
}

export interface JobInfo {
  readonly id: string;
  readonly name: JobName;
  readonly state: JobState;
  /** Attempts started so far (0 while queued). */
  readonly attempts: number;
  /** When the job may next run (its `startAfter`, or the next retry). */
  readonly runAt: Date;
  /** The last failed attempt's message (never a stack); none once completed. */
  readonly lastError?: string;
}

export interface JobQueue {
  /** Queues a job and returns its id (the waiting job's id when `singletonKey` matches one). */
  send(name: JobName, payload: JobPayload, options?: SendOptions): Promise<string>;
  /** Runs jobs of `name` in this process until `options.signal` aborts or the queue closes. */
  work(name: JobName, handler: JobHandler, options?: WorkOptions): Promise<void>;
  /** Cancels a job that has not finished: it is not run (again); a running handler's result is discarded. False if unknown or final. */
  cancel(jobId: string): Promise<boolean>;
  get(jobId: string): Promise<JobInfo | undefined>;
  /**
   * Stops fetching, waits for running handlers up to the queue's `closeTimeoutMs`, then aborts their signals and returns
   * (a job left running is retried once its expiry passes). Every later call fails with `closed`.
   */
  close(): Promise<void>;
}

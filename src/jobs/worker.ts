// The worker loop both backends share: claim up to the free slots, run handlers with a signal, complete or fail each.
import { CustosError } from '../errors.js';
import { failureMessage } from './payload.js';
import type { JobHandler, JobPayload } from './queue.js';
import type { JobName } from './vocabulary.js';

/** A job a backend handed to this process: it holds it until it completes, fails, or its expiry passes. */
export interface ClaimedJob {
  readonly id: string;
  readonly name: JobName;
  readonly payload: JobPayload;
  readonly attempt: number;
  readonly expireInSeconds: number;
}

/** What a backend provides to the loop; each call is one short transaction. */
export interface JobSource {
  claim(name: JobName, limit: number): Promise<readonly ClaimedJob[]>;
  complete(job: ClaimedJob): Promise<void>;
  fail(job: ClaimedJob, message: string): Promise<void>;
}

export interface WorkLoopOptions {
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  /** Errors of the backend itself (a lost connection), never of handlers: those fail their job. */
  readonly onError: (error: CustosError) => void;
}

/**
 * A handler is aborted a little before its expiry (a tenth of it, at least 100 ms): the backend counts the expiry from
 * when it handed the job out, slightly before this process started the handler, and after it another worker may
 * take the job. A result that comes after the abort is dropped, so the job is retried by its expiry, not by us.
 */
function deadlineMs(expireInSeconds: number): number {
  const ms = expireInSeconds * 1000;
  return Math.max(0, ms - Math.max(100, ms / 10));
}

export class WorkLoop {
  readonly #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #stopped = false;
  /** Set once `close` gave up waiting: results of handlers still running are dropped (their jobs expire and retry). */
  #abandoned = false;
  #wake: (() => void) | undefined;
  readonly #finished: Promise<void>;

  constructor(
    private readonly source: JobSource,
    private readonly name: JobName,
    private readonly handler: JobHandler,
    private readonly options: WorkLoopOptions,
  ) {
    this.#finished = this.#loop();
  }

  /** Wakes an idle loop (a job was sent by this process). */
  notify(): void {
    this.#wake?.();
  }

  /** Stops fetching; with `abortRunning`, also aborts the running handlers' signals. */
  stop(abortRunning: boolean): void {
    this.#stopped = true;
    this.notify();
    if (abortRunning) for (const { controller } of this.#running.values()) controller.abort(stopped());
  }

  /** Waits for the running handlers up to `timeoutMs`; past it, aborts them and drops their results. */
  async drain(timeoutMs: number): Promise<void> {
    this.stop(false);
    await this.#finished;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const all = Promise.all([...this.#running.values()].map((r) => r.done)).then(() => 'done' as const);
    const outcome = await Promise.race([all, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.#abandoned = true;
      for (const { controller } of this.#running.values()) controller.abort(stopped());
    }
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      const free = this.options.concurrency - this.#running.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const jobs = await this.source.claim(this.name, free);
          claimed = jobs.length;
          // A stop that came during the claim: the jobs are ours all the same, and run (close waits for them).
          for (const job of jobs) this.#start(job);
        } catch (error) {
          this.options.onError(asCustosError(error, `could not fetch ${this.name} jobs`));
        }
      }
      if (this.#stopped) break;
      // Full: wait for a slot. Found as many as asked: look again at once. Otherwise poll.
      if (free > 0 && claimed === free && this.#running.size < this.options.concurrency) continue;
      await new Promise<void>((resolve) => {
        const timer = free > 0 && claimed < free ? setTimeout(resolve, this.options.pollIntervalMs) : undefined;
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  #start(job: ClaimedJob): void {
    const controller = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort(new CustosError({ code: 'aborted', message: `the ${job.name} job ran past its expiry (${job.expireInSeconds} s)` }));
    }, deadlineMs(job.expireInSeconds));
    const done = (async () => {
      let failure: string | undefined;
      try {
        await this.handler({ id: job.id, name: job.name, payload: job.payload, attempt: job.attempt, signal: controller.signal });
      } catch (error) {
        failure = failureMessage(error);
      }
      clearTimeout(timer);
      if (expired || this.#abandoned) return;
      try {
        if (failure === undefined) await this.source.complete(job);
        else await this.source.fail(job, failure);
      } catch (error) {
        this.options.onError(asCustosError(error, `could not record the end of a ${job.name} job`));
      }
    })().finally(() => {
      this.#running.delete(job.id);
      this.notify();
    });
    this.#running.set(job.id, { controller, done });
  }
}

function stopped(): CustosError {
  return new CustosError({ code: 'aborted', message: 'the worker stopped' });
}

function asCustosError(error: unknown, doing: string): CustosError {
  return error instanceof CustosError
    ? error
    : new CustosError({ code: 'store-error', message: `${doing}: ${failureMessage(error)}`, cause: error });
}

// Queue options in, a frozen resolved config out; and each send's options checked against it.
import { systemClock, type Clock } from '../clock.js';
import { CustosError } from '../errors.js';
import type { SendOptions, WorkOptions } from './queue.js';

export interface JobQueueOptions {
  /** Default retries after a first failed attempt. Default 3. */
  readonly retryLimit?: number;
  /** Default whole seconds before a retry. Default 10. */
  readonly retryDelay?: number;
  /** Default backoff. Default true. */
  readonly retryBackoff?: boolean;
  /** Default whole seconds an attempt may run before it is taken for dead (worker killed) and retried. Default 900. */
  readonly expireInSeconds?: number;
  /** How often an idle worker looks for jobs, in ms (at least 500 on PostgreSQL). Default 2000. */
  readonly pollIntervalMs?: number;
  /** How long `close` waits for running handlers, in ms. Default 30000. */
  readonly closeTimeoutMs?: number;
  /** Time for run_at and locks (SQLite; PostgreSQL uses the server's). Default: the system clock. */
  readonly clock?: Clock;
}

export interface ResolvedQueueOptions {
  readonly retryLimit: number;
  readonly retryDelay: number;
  readonly retryBackoff: boolean;
  readonly expireInSeconds: number;
  readonly pollIntervalMs: number;
  readonly closeTimeoutMs: number;
  readonly clock: Clock;
}

export interface ResolvedSend {
  readonly singletonKey: string | undefined;
  readonly startAfter: Date | undefined;
  readonly retryLimit: number;
  readonly retryDelay: number;
  readonly retryBackoff: boolean;
  readonly expireInSeconds: number;
}

function whole(where: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new CustosError({
      code: 'invalid-input',
      message: `${where} must be a whole number from ${min} to ${max}; got ${String(value)}`,
    });
  return value;
}

export function resolveQueueOptions(options: JobQueueOptions = {}, minPollMs = 10): ResolvedQueueOptions {
  return Object.freeze({
    retryLimit: whole('job queue retryLimit', options.retryLimit, 3, 0, 100),
    retryDelay: whole('job queue retryDelay', options.retryDelay, 10, 0, 86_400),
    retryBackoff: options.retryBackoff ?? true,
    // pg-boss refuses an expiry of 24 hours or more.
    expireInSeconds: whole('job queue expireInSeconds', options.expireInSeconds, 900, 1, 86_399),
    pollIntervalMs: whole('job queue pollIntervalMs', options.pollIntervalMs, 2000, minPollMs, 3_600_000),
    closeTimeoutMs: whole('job queue closeTimeoutMs', options.closeTimeoutMs, 30_000, 0, 3_600_000),
    clock: options.clock ?? systemClock,
  });
}

const KEY = /^[\w.:/-]{1,200}$/;

export function resolveSend(queue: ResolvedQueueOptions, options: SendOptions = {}): ResolvedSend {
  if (options.singletonKey !== undefined && !KEY.test(options.singletonKey))
    throw new CustosError({
      code: 'invalid-input',
      message: 'job singletonKey must be 1 to 200 letters, digits or _ . : / - (an id, e.g. the request id)',
    });
  if (options.startAfter !== undefined && Number.isNaN(options.startAfter.getTime()))
    throw new CustosError({ code: 'invalid-input', message: 'job startAfter is not a valid date' });
  const retryBackoff = options.retryBackoff ?? queue.retryBackoff;
  const retryDelay = whole('job retryDelay', options.retryDelay, queue.retryDelay, 0, 86_400);
  return {
    singletonKey: options.singletonKey,
    startAfter: options.startAfter,
    retryLimit: whole('job retryLimit', options.retryLimit, queue.retryLimit, 0, 100),
    // Backoff doubles the delay, so it starts at one second (as pg-boss does).
    retryDelay: retryBackoff ? Math.max(1, retryDelay) : retryDelay,
    retryBackoff,
    expireInSeconds: whole('job expireInSeconds', options.expireInSeconds, queue.expireInSeconds, 1, 86_399),
  };
}

export function resolveConcurrency(options: WorkOptions = {}): number {
  return whole('work concurrency', options.concurrency, 1, 1, 100);
}

/** Seconds before retry `failures` (1 for the first retry): pg-boss's formula, so both backends wait alike. */
export function retryDelaySeconds(delay: number, backoff: boolean, failures: number, random = Math.random()): number {
  if (!backoff) return delay;
  const span = (delay * 2 ** Math.min(16, failures)) / 2;
  return span + span * random;
}

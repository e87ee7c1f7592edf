// Retention as the service runs it: a `retention.sweep` job queued for each due slot (daily at 03:00 UTC by default),
// worked under the store's sweep lease so that one process sweeps at a time, its counts logged and audited.
import type { Clock } from '../clock.js';
import { createConnectorPool } from '../connectors/index.js';
import { CustosError, toCustosError } from '../errors.js';
import type { JobQueue } from '../jobs/index.js';
import { SECRET_PARAMS } from '../mail/index.js';
import type { PolicyModel } from '../policy/index.js';
import { dueSlot, runScheduledSweep, slotSwept, type CustosDataPeriods, type SweepSchedule } from '../retention/index.js';
import type { Store } from '../store/index.js';
import { every } from './housekeeping.js';

export interface RetentionServiceInput {
  readonly model: PolicyModel;
  readonly store: Store;
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  readonly schedule: Extract<SweepSchedule, { off: false }>;
  readonly periods: CustosDataPeriods;
  /** How often the due slot is looked at, in ms. */
  readonly checkMs: number;
  /** Stops the worker (the running sweep pauses between batches; its job's next attempt resumes it). */
  readonly signal: AbortSignal;
  /** Counts and codes only: nothing here names a person. */
  readonly log: {
    info(fields: Record<string, unknown>, message: string): void;
    warn(fields: Record<string, unknown>, message: string): void;
  };
}

/** A long sweep is not taken for dead: pg-boss allows just under a day; four hours is far above a nightly sweep. */
const SWEEP_EXPIRY_SECONDS = 4 * 3600;

/** Queues the due slot's sweep unless it has ended (several processes queueing one slot run it once: see the lease). */
export async function queueDueSweep(
  input: Pick<RetentionServiceInput, 'store' | 'jobs' | 'clock' | 'schedule'>,
): Promise<string | undefined> {
  const slot = dueSlot(input.schedule, input.clock.now());
  if (await slotSwept(input.store, slot)) return undefined;
  const at = slot.toISOString();
  return input.jobs.send('retention.sweep', { slot: at }, { singletonKey: `retention.sweep:${at}`, expireInSeconds: SWEEP_EXPIRY_SECONDS });
}

/** Works `retention.sweep` jobs in this process and queues each due slot; `stop()` ends the timer (the signal, the worker). */
export function startRetentionSweeps(input: RetentionServiceInput): { stop(): Promise<void> } {
  const { store, log } = input;
  void input.jobs
    .work(
      'retention.sweep',
      async (job) => {
        const slot = new Date(String(job.payload['slot']));
        if (Number.isNaN(slot.getTime())) throw new CustosError({ code: 'invalid-input', message: 'retention.sweep job without a slot' });
        const pool = createConnectorPool(input.model, { env: input.env });
        try {
          const outcome = await runScheduledSweep({
            model: input.model,
            pool,
            store,
            slot,
            periods: input.periods,
            ownRecords: { secretParams: SECRET_PARAMS },
            signal: job.signal,
          });
          if (outcome.status !== 'swept') {
            log.info({ slot: slot.toISOString(), outcome: outcome.status }, 'retention: sweep skipped');
            return;
          }
          const { sweep, ownRecords } = outcome;
          const counts = sweep?.conditions.map((c) => ({ rule: c.rule, collection: c.collection, status: c.status, rows: c.rows }));
          log.info(
            { sweep: sweep?.sweepId, status: sweep?.status, conditions: counts, ownRecords: ownRecords && ownRecordCounts(ownRecords) },
            'retention: sweep',
          );
          // Stopped between batches (the service closing): the job's next attempt, here or elsewhere, resumes the journal.
          if (sweep?.status === 'paused')
            throw new CustosError({ code: 'closed', message: 'the sweep paused; its next attempt resumes it' });
        } finally {
          await pool.close();
        }
      },
      { signal: input.signal, concurrency: 1 },
    )
    .catch((error: unknown) => log.warn({ code: toCustosError(error).code }, 'retention.sweep: the worker stopped'));
  return every(input.checkMs, () =>
    queueDueSweep(input).catch((error: unknown) =>
      log.warn({ code: toCustosError(error).code }, 'retention: the due sweep could not be queued; the next check tries again'),
    ),
  );
}

const ownRecordCounts = (r: {
  readonly requests: number;
  readonly messages: number;
  readonly journals: number;
  readonly packages: number;
}) => ({
  requests: r.requests,
  messages: r.messages,
  journals: r.journals,
  packages: r.packages,
});

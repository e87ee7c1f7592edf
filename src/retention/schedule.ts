// Sweeps on a schedule: the instants a sweep is due at (daily at an hour by default), and one scheduled sweep run under
// the store's `retention-sweep` lease, so that of several processes sharing a store one sweeps and the others skip.
import { CustosError } from '../errors.js';
import type { PolicyModel } from '../policy/index.js';
import type { ConnectorPool } from '../connectors/index.js';
import { leaseOwner, type Store } from '../store/index.js';
import { sweepCustosData, type CustosDataOptions, type CustosDataPeriods, type CustosDataReport } from './own-data.js';
import { runRetention, type RetentionSweep } from './run.js';

/** When sweeps are due: every `everyMs` from `hour` o'clock UTC (24 hours from 03:00 by default); or never. */
export type SweepSchedule = { readonly off: true } | { readonly off: false; readonly everyMs: number; readonly hour: number };

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_EVERY_MS = 31 * 86_400_000;

/**
 * Reads a schedule: `every` as `24h`, `6h`, `30m`, `1d` (at least a minute, at most 31 days) or `off`; `hour` the UTC hour
 * slots count from (0 to 23). Defaults: `24h` at 3. A bad value is a `config` error naming the option.
 */
export function sweepSchedule(every: string | undefined, hour: number | string | undefined): SweepSchedule {
  const text = (every ?? '24h').trim().toLowerCase();
  if (text === 'off') return { off: true };
  const match = /^(\d{1,6})(m|h|d)$/.exec(text);
  const everyMs = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  if (!(everyMs >= UNIT_MS.m && everyMs <= MAX_EVERY_MS))
    throw new CustosError({
      code: 'config',
      message: 'the retention sweep interval must be a number of minutes, hours or days (30m, 6h, 24h, 7d; at most 31d) or off',
      details: { option: 'retentionEvery' },
    });
  const h = hour === undefined || hour === '' ? 3 : Number(hour);
  if (!Number.isInteger(h) || h < 0 || h > 23)
    throw new CustosError({
      code: 'config',
      message: 'the retention sweep hour must be a whole hour from 0 to 23 (UTC)',
      details: { option: 'retentionHour' },
    });
  return { off: false, everyMs, hour: h };
}

/** The latest instant a sweep was due at, at or before `now`: `hour` o'clock UTC plus a whole number of intervals. */
export function dueSlot(schedule: Extract<SweepSchedule, { off: false }>, now: Date): Date {
  const origin = schedule.hour * UNIT_MS.h;
  return new Date(origin + Math.floor((now.getTime() - origin) / schedule.everyMs) * schedule.everyMs);
}

/** The journal id of the sweep due at `slot`: the same slot always names the same sweep, so a rerun resumes it. */
export const scheduledSweepId = (slot: Date): string => `sweep-${slot.toISOString()}`;

/** The step a sweep's journal records once Custos's own records are swept too. */
const OWN_RECORDS_STEP = 'custos-records';

/** True once the sweep due at `slot` has ended, Custos's own records included: no job need be queued for it. */
export async function slotSwept(store: Store, slot: Date): Promise<boolean> {
  const run = await store.journal.get(scheduledSweepId(slot));
  return run !== undefined && run.status !== 'running' && run.steps.get(OWN_RECORDS_STEP)?.done === true;
}

/** The store lease one sweep at a time holds, across every process sharing the store. */
export const SWEEP_LEASE = 'retention-sweep';

export interface ScheduledSweepInput {
  readonly model: PolicyModel;
  readonly pool: ConnectorPool;
  readonly store: Store;
  /** The slot: the sweep's instant and its id. */
  readonly slot: Date;
  readonly periods: CustosDataPeriods;
  readonly ownRecords?: CustosDataOptions;
  /** Pauses between batches (the job's signal): a later attempt resumes. */
  readonly signal?: AbortSignal;
  /** How long the lease lasts unless renewed (default 60 s; renewed every third of it while the sweep runs). */
  readonly leaseMs?: number;
}

export type ScheduledSweepOutcome =
  /** `sweep` is absent when only Custos's own records were left to sweep; `ownRecords` when the sweep paused first. */
  | { readonly status: 'swept'; readonly sweep?: RetentionSweep | undefined; readonly ownRecords?: CustosDataReport | undefined }
  /** Another process holds the lease: it sweeps, this one does not. */
  | { readonly status: 'busy' }
  /** This slot's sweep has ended already (in this process or another). */
  | { readonly status: 'done' };

/**
 * Runs the sweep due at `slot`, once: under the `retention-sweep` lease (renewed while it runs; a lost lease pauses it),
 * resuming the slot's journal when an earlier attempt stopped, then Custos's own records (recorded as the journal's step
 * `custos-records`, so they are swept once per slot too).
 */
export async function runScheduledSweep(input: ScheduledSweepInput): Promise<ScheduledSweepOutcome> {
  const { store, slot } = input;
  const sweepId = scheduledSweepId(slot);
  if (await slotSwept(store, slot)) return { status: 'done' };
  const owner = leaseOwner();
  const leaseMs = input.leaseMs ?? 60_000;
  const taken = await store.leases.take(SWEEP_LEASE, owner, leaseMs);
  if (!taken.taken) return { status: 'busy' };
  const lost = new AbortController();
  const stop = input.signal ? AbortSignal.any([input.signal, lost.signal]) : lost.signal;
  const renewal = setInterval(
    () => {
      void store.leases.renew(SWEEP_LEASE, owner, leaseMs).then(
        (held) => held || lost.abort(),
        () => lost.abort(),
      );
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  renewal.unref();
  try {
    // Read again under the lease: the process that held it may have just ended this slot's sweep.
    if (await slotSwept(store, slot)) return { status: 'done' };
    const run = await store.journal.get(sweepId);
    // A sweep that ended before its own records were swept (its process stopped in between) goes straight to them.
    const sweep =
      run && run.status !== 'running'
        ? undefined
        : await runRetention(input.model, input.pool, store, { now: slot, sweepId, signal: stop });
    if (sweep?.status === 'paused') return { status: 'swept', sweep };
    const ownRecords = await sweepCustosData(store, slot, input.periods, { ...input.ownRecords, sweepId });
    await store.journal.completeSteps(sweepId, { steps: [{ stepId: OWN_RECORDS_STEP, result: { rows: ownRecords.requests } }] });
    return { status: 'swept', sweep, ownRecords };
  } finally {
    clearInterval(renewal);
    await store.leases.release(SWEEP_LEASE, owner).catch(() => undefined);
  }
}

// Opens or resumes a journaled run: a resumed run replays its recorded plan and resolution, never fresh ones.
import { CustosError } from '../../errors.js';
import { leaseOwner, type RunRecord } from '../../store/index.js';
import { planRequest } from '../planner.js';
import type { RightsAction, RightsPlan } from '../plan.js';
import { resolveRequest, type AlsoRead, type ResolvedRequest } from '../resolve.js';
import type { ExecutionContext, RunRequest } from './context.js';
import { checkRecordedIntents, recordedPlan, recordedResolution } from './recorded.js';

export interface JournaledRun {
  readonly run: RunRecord;
  readonly plan: RightsPlan;
  readonly resolved: ResolvedRequest;
  readonly resumed: boolean;
}

/** How runs journaled before plans were shared recorded them: plan and resolution together. */
interface CombinedPlan {
  readonly plan: RightsPlan;
  readonly resolved: ResolvedRequest;
}

function isCombined(plan: unknown): plan is CombinedPlan {
  return typeof plan === 'object' && plan !== null && 'plan' in plan && 'resolved' in plan;
}

/**
 * The resolution of a run that has ended: the journal keeps none (it names the person). Executors answer an ended run
 * from its recorded result and never read it; were one to, it would find nobody and change nothing.
 */
const NOTHING_KEPT: ResolvedRequest = Object.freeze({ identities: {}, selections: {}, found: false });

/** How long a request's lease lasts unless renewed: how long a rerun waits for a holder that died on another host. */
export const LEASE_TTL_MS = 30_000;
/** How often a running request renews its lease. */
export const LEASE_RENEW_MS = 5_000;

/**
 * Runs `work` holding the lease of the request id, so no other process runs the same request meanwhile (two runs would
 * each take the other's erased rows for "not found"). Another holder is refused with `request-busy`. The lease is renewed
 * while `work` runs and given up when it ends; a lease lost anyway (the process stalled past its end and another took
 * it over) aborts the work at its next step. A process that dies leaves its lease to run out, or to be taken over at
 * once by a rerun on the same host.
 */
export async function withRequestLease<T>(
  ctx: ExecutionContext,
  requestId: string,
  work: (leased: ExecutionContext) => Promise<T>,
): Promise<T> {
  const owner = leaseOwner();
  const taken = await ctx.store.leases.take(requestId, owner, LEASE_TTL_MS);
  if (!taken.taken) {
    const until = taken.holder.expiresAt.toISOString();
    throw new CustosError({
      code: 'request-busy',
      message: `request "${requestId}" is being run by another process: run it again once that one has finished (if that process has stopped, its lease runs out at ${until})`,
      details: { requestId, until },
    });
  }
  const lost = new AbortController();
  let renewal: Promise<void> = Promise.resolve();
  const renew = () => {
    renewal = ctx.store.leases.renew(requestId, owner, LEASE_TTL_MS).then(
      (held) => {
        if (!held)
          lost.abort(
            new CustosError({
              code: 'request-busy',
              message: `request "${requestId}" was taken over by another process`,
              details: { requestId },
            }),
          );
      },
      // A store that cannot be written stops the run at its next journal write anyway.
      () => undefined,
    );
  };
  const timer = setInterval(renew, LEASE_RENEW_MS);
  // The work keeps the process alive; the renewals alone must not.
  timer.unref();
  try {
    return await work({ ...ctx, signal: ctx.signal ? AbortSignal.any([ctx.signal, lost.signal]) : lost.signal });
  } finally {
    clearInterval(timer);
    await renewal;
    // A release that fails leaves the lease to run out.
    await ctx.store.leases.release(requestId, owner).catch(() => undefined);
  }
}

/** Refuses a run id already used by another action: resuming it would replay that action's plan. */
export async function existingRun(ctx: ExecutionContext, requestId: string, action: RightsAction): Promise<RunRecord | undefined> {
  const existing = await ctx.store.journal.get(requestId);
  if (existing && existing.action !== action) {
    throw new CustosError({
      code: 'conflict',
      message: `request id "${requestId}" already belongs to an earlier ${existing.action} run; use another id for this ${action}`,
      details: { requestId, action: existing.action },
    });
  }
  return existing;
}

export async function openRun(ctx: ExecutionContext, request: RunRequest, action: RightsAction): Promise<JournaledRun> {
  const prepared = await prepareRun(ctx, request, action);
  return 'run' in prepared ? prepared : prepared.open();
}

/** A request not journaled yet: its plan and resolution, and how to open its run (with intents decided meanwhile). */
export interface PreparedRun {
  readonly plan: RightsPlan;
  readonly resolved: ResolvedRequest;
  readonly startedAt: Date;
  open(intents?: readonly { readonly stepId: string; readonly intent: unknown }[]): Promise<JournaledRun>;
  /** Journals the request as over without a step (nothing found, blocked), in one write. */
  conclude(status: 'completed' | 'blocked', result: unknown): Promise<void>;
}

/** The resumable run of this id, or the plan and resolution of a fresh one, which nothing has journaled yet. */
export async function prepareRun(
  ctx: ExecutionContext,
  request: RunRequest,
  action: RightsAction,
  /**
   * What the executor wants of a fresh resolution besides selections: rows of collections it reads whole anyway (see
   * `AlsoRead`), and the rows it found pinned by key (`ResolvedRequest.pinned`).
   */
  wants: { readonly alsoRead?: (plan: RightsPlan) => AlsoRead; readonly pin?: boolean } = {},
): Promise<JournaledRun | PreparedRun> {
  const existing = await existingRun(ctx, request.id, action);
  if (existing) {
    // Checked before anything runs: a journal changed or damaged outside Custos is refused, not half replayed.
    const combined = isCombined(existing.plan);
    const plan = recordedPlan(existing.id, combined ? existing.plan.plan : existing.plan);
    const resolution = combined ? existing.plan.resolved : existing.resolution;
    const resolved = resolution === undefined ? NOTHING_KEPT : recordedResolution(existing.id, resolution);
    if (action === 'erase') checkRecordedIntents(existing.id, existing.steps);
    return { run: existing, plan, resolved, resumed: true };
  }
  const plan = planRequest(ctx.model, { action, identityKeys: [...request.identities.keys()] });
  const resolved = await resolveRequest(ctx.model, plan, request.identities, ctx.pool, {
    signal: ctx.signal,
    alsoRead: wants.alsoRead?.(plan),
    pin: wants.pin,
  });
  await ctx.onProgress?.({ type: 'resolved', collections: Object.keys(resolved.selections).length });
  const startedAt = ctx.clock.now();
  return {
    plan,
    resolved,
    startedAt,
    async open(intents) {
      const opened = await ctx.store.journal.open({ id: request.id, action, plan, resolution: resolved, startedAt }, intents);
      return { run: opened.run, plan, resolved, resumed: opened.resumed };
    },
    async conclude(status, result) {
      const recorded = await ctx.store.journal.record({
        id: request.id,
        action,
        plan,
        startedAt,
        status,
        result,
        finishedAt: ctx.clock.now(),
      });
      if (!recorded) await existingRun(ctx, request.id, action);
    },
  };
}

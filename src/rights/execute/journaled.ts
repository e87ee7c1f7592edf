// Opens or resumes a journaled run: a resumed run replays its recorded plan and resolution, never fresh ones.
import { CustosError } from '../../errors.js';
import type { RunRecord } from '../../store/index.js';
import { planRequest } from '../planner.js';
import type { RightsAction, RightsPlan } from '../plan.js';
import { resolveRequest, type ResolvedRequest } from '../resolve.js';
import type { ExecutionContext, RightsRequest } from './context.js';

export interface JournaledRun {
  readonly run: RunRecord;
  readonly plan: RightsPlan;
  readonly resolved: ResolvedRequest;
  readonly resumed: boolean;
}

interface RecordedPlan {
  readonly plan: RightsPlan;
  readonly resolved: ResolvedRequest;
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

export async function openRun(ctx: ExecutionContext, request: RightsRequest, action: RightsAction): Promise<JournaledRun> {
  const existing = await existingRun(ctx, request.id, action);
  if (existing) {
    const recorded = existing.plan as RecordedPlan;
    return { run: existing, plan: recorded.plan, resolved: recorded.resolved, resumed: true };
  }
  const plan = planRequest(ctx.model, { action, identityKeys: [...request.identities.keys()] });
  const resolved = await resolveRequest(ctx.model, plan, request.identities, ctx.pool, { signal: ctx.signal });
  await ctx.onProgress?.({ type: 'resolved', collections: Object.keys(resolved.selections).length });
  const opened = await ctx.store.journal.open({
    id: request.id,
    action,
    plan: { plan, resolved } satisfies RecordedPlan,
    startedAt: ctx.clock.now(),
  });
  return { run: opened.run, plan, resolved, resumed: opened.resumed };
}

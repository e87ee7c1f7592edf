// The restriction executor (art. 18): marks the person's rows where the manifest says how, or lifts the mark (writing its `liftValue`, NULL by default).
import type { ConnectorSession } from '../../connectors/index.js';
import { CustosError } from '../../errors.js';
import { collectionOf } from '../../policy/index.js';
import type { Completion } from '../../store/index.js';
import type { ExecutionContext, RunRequest } from './context.js';
import { openRun, withRequestLease } from './journaled.js';
import { runJournaledSteps, type StepResult } from './steps.js';

export type RestrictionResult =
  | { readonly status: 'not-found'; readonly runId: string }
  | {
      readonly status: 'completed';
      readonly runId: string;
      readonly steps: readonly StepResult[];
      /** Reached collections holding personal data with no declared way to mark restriction. */
      readonly unmarked: readonly string[];
    };

/**
 * Restricts (or, with `lift`, unrestricts) the person's rows. Refuses a manifest where no collection declares a
 * restriction mark before anything is journaled: there would be nothing to write, and reporting "restricted" would be false.
 */
export async function executeRestriction(
  ctx: ExecutionContext,
  request: RunRequest,
  options: { lift?: boolean } = {},
): Promise<RestrictionResult> {
  if (![...ctx.model.index.collections.values()].some((c) => c.restriction !== undefined)) {
    throw new CustosError({
      code: 'precondition-failed',
      message:
        "cannot restrict: no collection of the manifest declares how to mark a person's rows restricted; " +
        'add restriction: { field: <flag column>, value: true } to the collections that hold personal data (CUS071)',
    });
  }
  return withRequestLease(ctx, request.id, (leased) => restrict(leased, request, options));
}

async function restrict(ctx: ExecutionContext, request: RunRequest, options: { lift?: boolean }): Promise<RestrictionResult> {
  const action = options.lift ? 'lift-restriction' : 'restrict';
  const { run, plan, resolved } = await openRun(ctx, request, action);
  if (run.status === 'completed') return run.result as RestrictionResult;
  const finish = async (result: RestrictionResult, last?: Completion) => {
    await ctx.store.journal.finish(run.id, 'completed', result, ctx.clock.now(), last);
    return result;
  };
  if (!resolved.found) return finish({ status: 'not-found', runId: run.id });
  const reached = plan.lookups.map((l) => collectionOf(ctx.model, l.collection)).filter((c) => resolved.selections[c.qualifiedName]);
  const steps = reached.flatMap((collection) => {
    const restriction = collection.restriction;
    if (!restriction) return [];
    const wheres = resolved.selections[collection.qualifiedName] ?? [];
    return [
      {
        id: `${action}:${collection.qualifiedName}`,
        dataset: collection.dataset,
        collection: collection.qualifiedName,
        kind: action,
        empty: wheres.length === 0,
        apply: (session: ConnectorSession) =>
          session.update({ collection, where: wheres }, { [restriction.field]: options.lift ? restriction.liftValue : restriction.value }),
      },
    ];
  });
  const { results, last } = await runJournaledSteps(ctx, run.id, run.steps, steps);
  const unmarked = reached
    .filter((c) => !c.restriction && [...c.fields.values()].some((f) => f.category !== undefined))
    .map((c) => c.qualifiedName);
  return finish({ status: 'completed', runId: run.id, steps: results, unmarked }, last);
}

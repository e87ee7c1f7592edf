// The rectification executor: validates new values against each field's type, then updates every store that holds them.
import { CustosError } from '../../errors.js';
import { didYouMeanField, validateFieldValue } from './field-values.js';
import type { CollectionModel, FieldModel } from '../../policy/index.js';
import { collectionOf } from '../resolve.js';
import type { ExecutionContext, RightsRequest } from './context.js';
import { openRun } from './journaled.js';
import { runJournaledSteps, type StepResult } from './steps.js';

/** `target` is a category key (every field holding it) or `dataset.collection.field`. */
export interface Rectification {
  readonly target: string;
  readonly value: string;
}

export type RectificationResult =
  | { readonly status: 'not-found'; readonly runId: string }
  | { readonly status: 'completed'; readonly runId: string; readonly steps: readonly StepResult[] };

/** Fields of the reached collections that a target names. Throws invalid-input when none does. */
export function rectificationTargets(collections: readonly CollectionModel[], target: string): FieldModel[] {
  const fields = collections.flatMap((c) => [...c.fields.values()]);
  const matched = fields.filter((f) => f.category === target || `${f.dataset}.${f.collection}.${f.name}` === target);
  if (matched.length > 0) return matched;
  throw new CustosError({
    code: 'invalid-input',
    message: `"${target}" names no field this request reaches${didYouMeanField(target, fields)}`,
    details: { target },
  });
}

export async function executeRectification(
  ctx: ExecutionContext,
  request: RightsRequest,
  changes: readonly Rectification[],
): Promise<RectificationResult> {
  if (changes.length === 0)
    throw new CustosError({ code: 'invalid-input', message: 'nothing to rectify: give at least one --set TARGET=VALUE' });
  const { run, plan, resolved } = await openRun(ctx, request, 'rectify');
  if (run.status === 'completed') return run.result as RectificationResult;
  if (!resolved.found) {
    const result: RectificationResult = { status: 'not-found', runId: run.id };
    await ctx.store.journal.finish(run.id, 'completed', result, ctx.clock.now());
    return result;
  }
  const reached = plan.lookups.map((l) => collectionOf(ctx.model, l.collection));
  // Validate everything before writing anything.
  const sets = new Map<string, Record<string, string | number | boolean | null>>();
  for (const change of changes) {
    for (const field of rectificationTargets(reached, change.target)) {
      const q = `${field.dataset}.${field.collection}`;
      sets.set(q, { ...sets.get(q), [field.name]: validateFieldValue(field, change.value, change.target) });
    }
  }
  const steps = [...sets].map(([q, set]) => {
    const collection = collectionOf(ctx.model, q);
    const wheres = resolved.selections[q] ?? [];
    return {
      id: `rectify:${q}`,
      dataset: collection.dataset,
      collection: q,
      kind: 'rectify',
      empty: wheres.length === 0,
      apply: async (session: Parameters<Parameters<typeof runJournaledSteps>[3][number]['apply']>[0]) => {
        return wheres.length === 0 ? 0 : session.update({ collection, where: wheres }, set);
      },
    };
  });
  const results = await runJournaledSteps(ctx, run.id, run.steps, steps);
  const result: RectificationResult = { status: 'completed', runId: run.id, steps: results };
  await ctx.store.journal.finish(run.id, 'completed', result, ctx.clock.now());
  return result;
}

// The rectification executor: validates new values against each field's type, then updates every store that holds them.
import type { ConnectorSession } from '../../connectors/index.js';
import { CustosError } from '../../errors.js';
import { didYouMeanField, validateFieldValue } from './field-values.js';
import type { CollectionModel, FieldModel } from '../../policy/index.js';
import { collectionOf, isIdentityWhere } from '../resolve.js';
import type { ExecutionContext, RightsRequest } from './context.js';
import { prepareRun } from './journaled.js';
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
  // Planned and resolved, but journaled only once every value is valid: a refused value leaves no run behind (nothing
  // to resume, and no resolution naming the person).
  const prepared = await prepareRun(ctx, request, 'rectify');
  const { plan, resolved } = prepared;
  if ('run' in prepared && prepared.run.status === 'completed') return prepared.run.result as RectificationResult;
  const reached = plan.lookups.map((l) => collectionOf(ctx.model, l.collection));
  // A category names data wherever it is held, but a row reached through a reference may describe someone else (an
  // agent of the account, a staff reply): a category target changes only rows matched by the person's own identities.
  // A `dataset.collection.field` target is the caller's explicit choice and follows every route.
  const lookups = new Map(plan.lookups.map((l) => [l.collection, l]));
  const sets = new Map<string, { collection: string; own: boolean; set: Record<string, string | number | boolean | null> }>();
  // Validate everything before writing anything.
  for (const change of changes) {
    const explicit = change.target.split('.').length === 3 && !ctx.model.categories.has(change.target);
    for (const field of rectificationTargets(reached, change.target)) {
      const q = `${field.dataset}.${field.collection}`;
      const own = !explicit;
      if (own && !lookups.get(q)?.routes.some((r) => r.kind === 'identity')) continue;
      const key = `${q}${own ? ':own' : ''}`;
      const entry = sets.get(key) ?? { collection: q, own, set: {} };
      entry.set[field.name] = validateFieldValue(field, change.value, change.target);
      sets.set(key, entry);
    }
  }
  const { run } = 'run' in prepared ? prepared : await prepared.open();
  if (!resolved.found) {
    const result: RectificationResult = { status: 'not-found', runId: run.id };
    await ctx.store.journal.finish(run.id, 'completed', result, ctx.clock.now());
    return result;
  }
  const steps = [...sets].map(([key, { collection: q, own, set }]) => {
    const collection = collectionOf(ctx.model, q);
    const all = resolved.selections[q] ?? [];
    const lookup = lookups.get(q);
    const wheres = own ? all.filter((where) => lookup !== undefined && isIdentityWhere(lookup, where)) : all;
    return {
      id: `rectify:${key}`,
      dataset: collection.dataset,
      collection: q,
      kind: 'rectify',
      empty: wheres.length === 0,
      apply: (session: ConnectorSession) => session.update({ collection, where: wheres }, set),
    };
  });
  const { results, last } = await runJournaledSteps(ctx, run.id, run.steps, steps);
  const result: RectificationResult = { status: 'completed', runId: run.id, steps: results };
  await ctx.store.journal.finish(run.id, 'completed', result, ctx.clock.now(), last);
  return result;
}

// The rectification executor: validates new values against each field's type, then updates every store that holds them.
import type { ConnectorSession } from '../../connectors/index.js';
import { CustosError } from '../../errors.js';
import { didYouMeanField, validateFieldValue } from './field-values.js';
import { collectionOf, type CollectionModel, type FieldModel } from '../../policy/index.js';
import { coerceForField } from '../values.js';
import { isIdentityWhere, type Where } from '../resolve.js';
import type { ExecutionContext, RunRequest } from './context.js';
import type { Identities } from '../plan.js';
import { prepareRun, withRequestLease } from './journaled.js';
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
  request: RunRequest,
  changes: readonly Rectification[],
): Promise<RectificationResult> {
  if (changes.length === 0)
    throw new CustosError({ code: 'invalid-input', message: 'nothing to rectify: give at least one --set TARGET=VALUE' });
  return withRequestLease(ctx, request.id, (leased) => rectify(leased, request, changes));
}

async function rectify(ctx: ExecutionContext, request: RunRequest, changes: readonly Rectification[]): Promise<RectificationResult> {
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
  const sets = new Map<
    string,
    { collection: string; own: boolean; set: Record<string, string | number | boolean | null>; holding?: Where | undefined }
  >();
  // Validate everything before writing anything.
  for (const change of changes) {
    const explicit = change.target.split('.').length === 3 && !ctx.model.categories.has(change.target);
    for (const field of rectificationTargets(reached, change.target)) {
      const q = `${field.dataset}.${field.collection}`;
      const own = !explicit;
      if (own && !lookups.get(q)?.routes.some((r) => r.kind === 'identity')) continue;
      // A field that holds an identity (a primary or a backup e-mail) changes only where it holds the person's own value:
      // the backup address of a row is not the address being corrected.
      const holding = identityHeld(ctx.model.index.collections.get(q), field.name, request.identities, explicit);
      if (holding === 'not this one') continue;
      const key = `${q}${own ? ':own' : ''}${holding ? `:${field.name}` : ''}`;
      const entry = sets.get(key) ?? { collection: q, own, set: {}, holding };
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
  const steps = [...sets].map(([key, { collection: q, own, set, holding }]) => {
    const collection = collectionOf(ctx.model, q);
    const all = resolved.selections[q] ?? [];
    const lookup = lookups.get(q);
    const mine = own ? all.filter((where) => lookup !== undefined && isIdentityWhere(lookup, where)) : all;
    const held = holding ? Object.values(holding).every((values) => values.length > 0) : true;
    const wheres = !held ? [] : holding ? mine.map((where) => ({ ...where, ...holding })) : mine;
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

/**
 * When `field` holds an identity of its collection (several columns may: a primary and a backup e-mail): with the
 * identity in the request, the condition that the field holds one of the values the request carries (the address
 * being corrected, not the backup); without it, only the first column of that identity changes ('not this one' for
 * the others). An explicit `dataset.collection.field` target is the caller's choice and changes what it names.
 */
function identityHeld(
  collection: CollectionModel | undefined,
  field: string,
  requested: Identities,
  explicit: boolean,
): Where | 'not this one' | undefined {
  for (const [identity, fields] of collection?.identityFields ?? []) {
    if (!fields.includes(field)) continue;
    const values = requested.get(identity);
    if (values && values.length > 0) return { [field]: values.map((v) => coerceForField(v, collection?.fields.get(field))) };
    return explicit || fields[0] === field ? undefined : 'not this one';
  }
  return undefined;
}

// The erasure executor: checks closure preconditions, then runs the plan's operations store by store, journaling each step.
import type { Connector } from '../../connectors/index.js';
import type { HoldRecord, StepRecord } from '../../store/index.js';
import type { ErasureOperation } from '../plan.js';
import { collectionOf, type Where } from '../resolve.js';
import { toKeyValue, type KeyValue } from '../values.js';
import { evaluateClosure, type ClosureBlocker } from './closure.js';
import type { ExecutionContext, RightsRequest } from './context.js';
import { openRun } from './journaled.js';
import { applyMask, buildMaskIntent, needsIntent, type MaskIntent } from './masks.js';
import { runJournaledSteps, type JournaledStep, type StepResult } from './steps.js';

export type ErasureResult =
  | { readonly status: 'not-found'; readonly runId: string }
  | { readonly status: 'blocked'; readonly runId: string; readonly blockers: readonly ClosureBlocker[] }
  | {
      readonly status: 'completed';
      readonly runId: string;
      readonly resumed: boolean;
      readonly steps: readonly StepResult[];
      readonly holds: readonly HoldRecord[];
      readonly notes: readonly string[];
    };

export function stepId(index: number, op: ErasureOperation): string {
  return `${String(index + 1).padStart(2, '0')}:${op.kind}:${op.collection}${op.kind === 'null-reference' ? `.${op.field}` : ''}`;
}

/** Erases one person's data. Running the same request id again resumes a crashed run and repeats no finished step. */
export async function executeErasure(ctx: ExecutionContext, request: RightsRequest): Promise<ErasureResult> {
  const { run, plan, resolved, resumed } = await openRun(ctx, request, 'erase');
  if (run.status === 'completed' || run.status === 'blocked') return run.result as ErasureResult;
  const finish = async (result: ErasureResult) => {
    await ctx.store.journal.finish(run.id, result.status === 'blocked' ? 'blocked' : 'completed', result, ctx.clock.now());
    return result;
  };
  if (!resolved.found) return finish({ status: 'not-found', runId: run.id });
  if (run.steps.size === 0) {
    const blockers = await evaluateClosure(ctx, resolved);
    if (blockers.length > 0) return finish({ status: 'blocked', runId: run.id, blockers });
  }
  const wheres = new Map<string, readonly Where[]>(Object.entries(resolved.selections));
  const intents = new Map<string, MaskIntent>();
  const steps: JournaledStep[] = plan.erasure.map((op, i) => ({
    id: stepId(i, op),
    dataset: op.dataset,
    collection: op.collection,
    kind: op.kind,
    empty: (wheres.get(op.collection) ?? []).length === 0,
    holds: () => (intents.get(stepId(i, op))?.holds ?? []).map((h) => ({ ...h, runId: run.id })),
    apply: (session) => {
      const collection = collectionOf(ctx.model, op.collection);
      const selected = wheres.get(op.collection) ?? [];
      switch (op.kind) {
        case 'delete':
          return selected.length === 0 ? Promise.resolve(0) : session.delete({ collection, where: selected });
        case 'null-reference':
          return selected.length === 0 ? Promise.resolve(0) : session.update({ collection, where: selected }, { [op.field]: null });
        case 'mask':
          return applyMask(session, collection, op, selected, intents.get(stepId(i, op)));
        default:
          return op satisfies never;
      }
    },
  }));
  const opOf = new Map(steps.map((s, i) => [s.id, plan.erasure[i] as ErasureOperation]));
  const results = await runJournaledSteps(ctx, run.id, run.steps, steps, {
    async beforeStore(dataset, connector, pending) {
      // Done null steps count too: their recorded pins are what the pending steps of the collection must use.
      const ofStore = steps.filter((s) => s.dataset === dataset);
      await pinNulledCollections(ctx, connector, run.id, ofStore, opOf, wheres, run.steps);
      const fresh: { stepId: string; intent: MaskIntent }[] = [];
      for (const step of pending) {
        const op = opOf.get(step.id);
        if (op?.kind !== 'mask' || !needsIntent(op) || step.empty) continue;
        let intent = run.steps.get(step.id)?.intent as MaskIntent | undefined;
        if (!intent) {
          intent = await buildMaskIntent(
            ctx.model,
            connector,
            collectionOf(ctx.model, op.collection),
            op,
            wheres.get(op.collection) ?? [],
            ctx.pseudonymKey,
            ctx.clock.now(),
          );
          fresh.push({ stepId: step.id, intent });
        }
        intents.set(step.id, intent);
      }
      // Every intent of the store is journaled, in one write, before the store's first write.
      if (fresh.length > 0) await ctx.store.journal.recordIntents(run.id, fresh);
    },
  });
  return finish({
    status: 'completed',
    runId: run.id,
    resumed,
    steps: results,
    // A resumed run may have kept rows in an earlier attempt: read them all back then.
    holds: resumed
      ? await ctx.store.holds.forRun(run.id)
      : [...intents.values()].flatMap((intent) => intent.holds.map((h) => ({ ...h, runId: run.id }))),
    notes: plan.notes,
  });
}

/**
 * A collection whose reference is nulled to break a cycle may have been selected through that very reference:
 * its rows are pinned by primary key first (recorded as the null step's intent) and every later step uses the pins.
 */
async function pinNulledCollections(
  ctx: ExecutionContext,
  connector: Connector,
  runId: string,
  ofStore: readonly JournaledStep[],
  opOf: ReadonlyMap<string, ErasureOperation>,
  wheres: Map<string, readonly Where[]>,
  recorded: ReadonlyMap<string, StepRecord>,
): Promise<void> {
  for (const step of ofStore) {
    if (opOf.get(step.id)?.kind !== 'null-reference' || step.empty) continue;
    let pins = (recorded.get(step.id)?.intent as { pins?: Where[] } | undefined)?.pins;
    if (!pins) {
      const collection = collectionOf(ctx.model, step.collection);
      const rows: Record<string, KeyValue>[] = [];
      const selected = wheres.get(step.collection) ?? [];
      if (selected.length > 0) {
        for await (const row of connector.find({ collection, where: selected }, { fields: collection.primaryKey })) {
          rows.push(Object.fromEntries(collection.primaryKey.map((k) => [k, toKeyValue(row[k] ?? null)])));
        }
      }
      // One IN-list for a single-column key; one group per row for a composite key.
      const [only] = collection.primaryKey;
      pins =
        collection.primaryKey.length === 1 && only !== undefined
          ? rows.length > 0
            ? [{ [only]: rows.map((r) => r[only] ?? null) }]
            : []
          : rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [v]])));
      await ctx.store.journal.recordIntent(runId, step.id, { pins });
    }
    wheres.set(step.collection, pins);
  }
}

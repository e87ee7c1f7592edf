// The erasure executor: checks closure preconditions, then runs the plan's operations store by store, journaling each step.
import { keyWhere, primaryKeyOf, type Connector, type KeyValue, type Row } from '../../connectors/index.js';
import { collectionOf, type CollectionModel } from '../../policy/index.js';
import type { Completion, HoldRecord, RunRecord, StepRecord } from '../../store/index.js';
import type { ErasureOperation, RightsPlan } from '../plan.js';
import { selectionsOf, type ResolvedRequest, type Where } from '../resolve.js';
import { evaluateClosure, type ClosureBlocker } from './closure.js';
import type { ExecutionContext, RunRequest } from './context.js';
import { prepareRun, withRequestLease, type JournaledRun, type PreparedRun } from './journaled.js';
import { applyMask, buildMaskIntent, fieldsWritten, maskIntentFields, needsIntent, type MaskIntent } from './masks.js';
import { byStore, runJournaledSteps, type JournaledStep, type StepResult } from './steps.js';

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

/**
 * Erases one person's data. Every pin and intent (the values steps will write, the hold end dates) is decided before the
 * run is journaled, and journaled with it in one write, before any store is written. Running the same request id again
 * resumes a crashed run and repeats no finished step.
 */
export async function executeErasure(ctx: ExecutionContext, request: RunRequest): Promise<ErasureResult> {
  return withRequestLease(ctx, request.id, (leased) => erase(leased, request));
}

async function erase(ctx: ExecutionContext, request: RunRequest): Promise<ErasureResult> {
  // Collections that resolution reads whole anyway come with the fields their mask intents need, and are not read again.
  const alreadyRead = new Map<string, readonly Row[]>();
  const prepared = await prepareRun(ctx, request, 'erase', {
    alsoRead: (plan) => ({
      fields: (collection) => {
        const op = plan.erasure.find((o) => o.kind === 'mask' && o.collection === collection.qualifiedName);
        return op?.kind === 'mask' && needsIntent(op) ? maskIntentFields(ctx.model, collection, op) : undefined;
      },
      rows: (collection, rows) => void alreadyRead.set(collection.qualifiedName, rows),
    }),
    // Steps write the rows resolution found, by key where it could pin them, as hand-written code would.
    pin: true,
  });
  if ('run' in prepared && (prepared.run.status === 'completed' || prepared.run.status === 'blocked')) {
    return recordedResult(ctx, prepared.run, prepared.plan);
  }
  const { plan, resolved } = prepared;
  const runId = request.id;
  const wheres = new Map(Object.keys(resolved.selections).map((c): [string, readonly Where[]] => [c, selectionsOf(resolved, c)]));
  const intents = new Map<string, MaskIntent>();
  // A detaching null selects the rows pointing at the deleted parent rows, whoever's they are; every other step the
  // person's rows of its collection.
  const selectionOf = (op: ErasureOperation): readonly Where[] => {
    if (op.kind !== 'null-reference' || !op.parent) return wheres.get(op.collection) ?? [];
    const keys = resolved.parentKeys?.[op.parent.collection]?.[op.parent.field] ?? [];
    return keys.length > 0 ? [{ [op.field]: keys }] : [];
  };
  const steps: JournaledStep[] = plan.erasure.map((op, i) => ({
    id: stepId(i, op),
    dataset: op.dataset,
    collection: op.collection,
    kind: op.kind,
    empty: selectionOf(op).length === 0,
    apply: (session) => {
      const collection = collectionOf(ctx.model, op.collection);
      const selected = selectionOf(op);
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

  if ('run' in prepared) {
    // A run journaled before its closure check (an older journal) checks it now.
    if (prepared.run.steps.size === 0 && resolved.found) {
      const blockers = await evaluateClosure(ctx, resolved);
      if (blockers.length > 0) return finishRun(ctx, runId, { status: 'blocked', runId, blockers });
    }
    if (!resolved.found) return finishRun(ctx, runId, { status: 'not-found', runId });
  } else {
    if (!resolved.found) return concludeRun(prepared, { status: 'not-found', runId });
    const blockers = await evaluateClosure(ctx, resolved);
    if (blockers.length > 0) return concludeRun(prepared, { status: 'blocked', runId, blockers });
  }
  // Pins and intents of every store with steps still to run: from the journal where recorded, else decided now and
  // journaled before any store is written (a fresh run's with the write that opens it).
  const recorded: ReadonlyMap<string, StepRecord> = 'run' in prepared ? prepared.run.steps : new Map();
  const pending = steps.filter((s) => !recorded.get(s.id)?.done);
  const decided: { stepId: string; intent: unknown }[] = [];
  for (const dataset of new Set(pending.filter((s) => !s.empty).map((s) => s.dataset))) {
    const connector = await ctx.pool.get(dataset);
    const operations = plan.erasure;
    const { pinned } = resolved;
    const decision = { dataset, connector, steps, pending, recorded, operations, opOf, wheres, intents, alreadyRead, pinned };
    decided.push(...(await decideStore(ctx, decision)));
  }
  const journaled: JournaledRun = 'run' in prepared ? prepared : await prepared.open(decided);
  if ('run' in prepared && decided.length > 0) await ctx.store.journal.recordIntents(prepared.run.id, decided);
  const { run, resumed } = journaled;
  const { results, last } = await runJournaledSteps(ctx, run.id, run.steps, steps);
  // Every hold of the run, from the intents journaled with it (an earlier attempt's included), is registered with its end.
  const holds = steps.flatMap((step) => {
    const intent = intents.get(step.id) ?? (run.steps.get(step.id)?.intent as Partial<MaskIntent> | undefined);
    return (intent?.holds ?? []).map((h) => ({ ...h, runId }));
  });
  const result: ErasureResult = { status: 'completed', runId, resumed, steps: results, holds, notes: plan.notes };
  return finishRun(ctx, runId, result, { steps: last?.steps ?? [], holds });
}

/**
 * What a completed erasure journals of its result: which steps an earlier attempt had finished. The rest is in the
 * journal already (each step's rows, the hold records) or in the plan (kinds, collections, notes): `recordedResult`.
 */
interface JournaledCompletion {
  readonly status: 'completed';
  readonly runId: string;
  readonly resumed: boolean;
  readonly skipped: readonly string[];
}

async function finishRun(ctx: ExecutionContext, runId: string, result: ErasureResult, last?: Completion): Promise<ErasureResult> {
  const journaled: ErasureResult | JournaledCompletion =
    result.status === 'completed'
      ? { status: 'completed', runId, resumed: result.resumed, skipped: result.steps.filter((s) => s.skipped).map((s) => s.stepId) }
      : result;
  await ctx.store.journal.finish(runId, result.status === 'blocked' ? 'blocked' : 'completed', journaled, ctx.clock.now(), last);
  return result;
}

/** The result of an erasure that ended earlier, as it was returned then. */
async function recordedResult(ctx: ExecutionContext, run: RunRecord, plan: RightsPlan): Promise<ErasureResult> {
  const recorded = run.result as ErasureResult | JournaledCompletion;
  // Runs journaled before completions were compact carry their whole result.
  if (recorded.status !== 'completed' || !('skipped' in recorded)) return recorded as ErasureResult;
  const skipped = new Set(recorded.skipped);
  const steps = byStore(plan.erasure.map((op, index) => ({ op, dataset: op.dataset, id: stepId(index, op) })))
    .flat()
    .map(({ op, id }): StepResult => {
      // A skipped step reports the rows of the attempt that finished it, as the resumed run did.
      const rows = (run.steps.get(id)?.result as { rows?: number } | undefined)?.rows ?? 0;
      return { stepId: id, kind: op.kind, collection: op.collection, rows, skipped: skipped.has(id) };
    });
  const holds = await ctx.store.holds.forRun(run.id);
  return { status: 'completed', runId: run.id, resumed: recorded.resumed, steps, holds, notes: plan.notes };
}

async function concludeRun(prepared: PreparedRun, result: ErasureResult): Promise<ErasureResult> {
  await prepared.conclude(result.status === 'blocked' ? 'blocked' : 'completed', result);
  return result;
}

interface StoreDecision {
  readonly dataset: string;
  readonly connector: Connector;
  /** Every step of the plan (pins of finished null steps still apply to the store's pending steps). */
  readonly steps: readonly JournaledStep[];
  /** The steps whose mask intents are wanted. */
  readonly pending: readonly JournaledStep[];
  readonly recorded: ReadonlyMap<string, StepRecord>;
  /** The plan's operations, and each step's. */
  readonly operations: readonly ErasureOperation[];
  readonly opOf: ReadonlyMap<string, ErasureOperation>;
  readonly wheres: Map<string, readonly Where[]>;
  readonly intents: Map<string, MaskIntent>;
  /** Rows resolution read with the fields their intents need, by collection. */
  readonly alreadyRead: ReadonlyMap<string, readonly Row[]>;
  readonly pinned: ResolvedRequest['pinned'];
}

/**
 * Fills the pins and mask intents of one store's steps, from the journal where recorded, else by reading the rows now;
 * returns those decided now, for the caller to journal before the store's first write.
 */
async function decideStore(ctx: ExecutionContext, d: StoreDecision): Promise<{ stepId: string; intent: unknown }[]> {
  const fresh: { stepId: string; intent: unknown }[] = [];
  const ofStore = d.steps.filter((s) => s.dataset === d.dataset);
  fresh.push(...(await pinNulledCollections(ctx, d.connector, ofStore, d.opOf, d.wheres, d.recorded, d.pinned)));
  for (const step of d.pending) {
    const op = d.opOf.get(step.id);
    if (step.dataset !== d.dataset || op?.kind !== 'mask' || !needsIntent(op) || step.empty) continue;
    let intent = d.recorded.get(step.id)?.intent as MaskIntent | undefined;
    if (!intent) {
      intent = await buildMaskIntent(ctx.model, d.connector, collectionOf(ctx.model, op.collection), op, {
        wheres: d.wheres.get(op.collection) ?? [],
        pseudonymKey: ctx.pseudonymKey,
        now: ctx.clock.now(),
        written: fieldsWritten(d.operations, op.collection),
        rows: d.alreadyRead.get(op.collection),
      });
      fresh.push({ stepId: step.id, intent });
    }
    d.intents.set(step.id, intent);
  }
  return fresh;
}

/**
 * A collection whose reference is nulled to break a cycle may have been selected through that very reference:
 * its rows are pinned by primary key first (journaled as the null step's intent) and every later step uses the pins.
 */
async function pinNulledCollections(
  ctx: ExecutionContext,
  connector: Connector,
  ofStore: readonly JournaledStep[],
  opOf: ReadonlyMap<string, ErasureOperation>,
  wheres: Map<string, readonly Where[]>,
  recorded: ReadonlyMap<string, StepRecord>,
  /** Rows resolution pinned by key: a collection among them is not read again. */
  pinned: ResolvedRequest['pinned'],
): Promise<{ stepId: string; intent: { pins: Where[] } }[]> {
  const fresh: { stepId: string; intent: { pins: Where[] } }[] = [];
  for (const step of ofStore) {
    // Only a collection with rows of the person's has later steps that must still find them once the reference is null.
    if (opOf.get(step.id)?.kind !== 'null-reference' || (wheres.get(step.collection) ?? []).length === 0) continue;
    let pins = (recorded.get(step.id)?.intent as { pins?: Where[] } | undefined)?.pins;
    if (!pins) {
      const resolved = pinned?.[step.collection];
      pins = resolved
        ? [...resolved]
        : await readPins(connector, collectionOf(ctx.model, step.collection), wheres.get(step.collection) ?? []);
      fresh.push({ stepId: step.id, intent: { pins } });
    }
    wheres.set(step.collection, pins);
  }
  return fresh;
}

/** The selected rows by primary key: one IN-list for a single-column key, one group per row for a composite key. */
async function readPins(connector: Connector, collection: CollectionModel, selected: readonly Where[]): Promise<Where[]> {
  const rows: Record<string, KeyValue>[] = [];
  if (selected.length > 0) {
    for await (const row of connector.find({ collection, where: selected }, { fields: collection.primaryKey })) {
      rows.push(primaryKeyOf(collection, row));
    }
  }
  const [only] = collection.primaryKey;
  if (collection.primaryKey.length !== 1 || only === undefined) return rows.map(keyWhere);
  return rows.length > 0 ? [{ [only]: rows.map((r) => r[only] ?? null) }] : [];
}

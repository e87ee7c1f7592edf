// What a resumed run replays, checked before anything runs: the journaled plan and resolution must have the shape the
// executors walk, else the run is refused with a clear error instead of failing half-way through a store.
import { z } from 'zod';
import { damagedRecord, type StepRecord } from '../../store/index.js';
import { RIGHTS_ACTIONS, type RightsPlan } from '../plan.js';
import type { ResolvedRequest } from '../resolve.js';

const name = z.string().min(1);
const where = z.record(z.string(), z.array(z.unknown()));
const route = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('identity'), field: name, identity: name }),
  z.object({ kind: z.literal('reference'), field: name, from: name, fromField: name }),
  z.object({
    kind: z.literal('owned'),
    field: name,
    from: name,
    fromField: name,
    referrers: z.array(z.object({ collection: name, field: name })),
  }),
]);
const located = { collection: name, dataset: name };
const operation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('null-reference'), ...located, field: name, reason: z.string() }),
  z.object({ kind: z.literal('delete'), ...located }),
  z.object({ kind: z.literal('mask'), ...located, fields: z.array(z.object({ field: name, strategy: name })), holds: z.array(name) }),
]);

/** The parts of a plan the executors read (objects keep any other key: checking never rewrites what was journaled). */
const RecordedPlan = z.object({
  action: z.enum(RIGHTS_ACTIONS),
  identityKeys: z.array(z.string()),
  lookups: z.array(z.object({ ...located, routes: z.array(route), keyFields: z.array(name) })),
  erasure: z.array(operation),
});

const RecordedResolution = z.object({
  identities: z.record(z.string(), z.array(z.string())),
  selections: z.record(z.string(), z.array(where)),
  found: z.boolean(),
  pinned: z.record(z.string(), z.array(where)).optional(),
});

const keyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const rowKey = z.record(z.string(), keyValue);
/** An erasure step's intent: the rows pinned before a cycle is broken, or a mask's per-row values and holds. */
const RecordedIntent = z.union([
  z.object({ pins: z.array(where) }),
  z.object({
    rows: z.array(z.object({ key: rowKey, set: rowKey })),
    holds: z.array(
      z.object({ dataset: name, collection: name, key: z.string(), hold: name, until: z.string(), from: z.string().optional() }),
    ),
    released: z.array(rowKey).optional(),
  }),
]);

/**
 * Checks every intent journaled for an erasure's steps before the run resumes: one that breaks the intent's shape would
 * otherwise fail only when its store's turn comes, after other stores were written.
 */
export function checkRecordedIntents(runId: string, steps: ReadonlyMap<string, StepRecord>): void {
  for (const step of steps.values()) {
    if (step.intent === undefined) continue;
    const checked = RecordedIntent.safeParse(step.intent);
    if (!checked.success) throw damagedRecord(runId, `intent of step ${step.stepId}`, checked.error.issues);
  }
}

/** The journaled plan, or a CustosError naming the run and where the record breaks the plan's shape. */
export function recordedPlan(runId: string, plan: unknown): RightsPlan {
  const checked = RecordedPlan.safeParse(plan);
  if (!checked.success) throw damagedRecord(runId, 'plan', checked.error.issues);
  return plan as RightsPlan;
}

/** The journaled resolution, or a CustosError naming the run and where the record breaks the resolution's shape. */
export function recordedResolution(runId: string, resolution: unknown): ResolvedRequest {
  const checked = RecordedResolution.safeParse(resolution);
  if (!checked.success) throw damagedRecord(runId, 'resolution', checked.error.issues);
  return resolution as ResolvedRequest;
}

// runRetention: the sweep. Each condition's due rows go in batches keyed on the primary key, each batch one short
// transaction sized to hold its lock about `targetBatchMs`, children deleted with their parent; journaled so a rerun
// with the same sweep id (after a crash) works from the same instant and ends as an uninterrupted sweep would.
import { performance } from 'node:perf_hooks';
import { truncateIp } from '../anonymize/index.js';
import { CustosError, isCustosError } from '../errors.js';
import type { CollectionModel, PolicyModel } from '../policy/index.js';
import { primaryKeyOf, type ConnectorPool, type ConnectorSession, type KeyValue, type Value, type Where } from '../connectors/index.js';
import type { Store } from '../store/index.js';
import { compileRetention } from './compile.js';
import type { RetentionCondition, RetentionProblem } from './conditions.js';
import { fateReader } from './fate.js';
import { valueKey, type ParentCache } from './rows.js';

export interface RunRetentionOptions {
  /** The instant the sweep runs at; a resumed sweep keeps the instant it started with. */
  readonly now: Date;
  /** Journal id; the same id again resumes the sweep (default `sweep-<now>`). */
  readonly sweepId?: string;
  /** Aim for each batch's transaction (default 50 ms): batches grow while under half of it, shrink when over it. */
  readonly targetBatchMs?: number;
  /** Rows in the first batch (default 256). */
  readonly firstBatch?: number;
  /** Stops between batches: the sweep returns `paused` and resumes with the same id. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: {
    readonly rule: string;
    readonly collection: string;
    readonly done: number;
    readonly total: number;
  }) => void;
}

export interface SweptCondition {
  readonly rule: string;
  readonly collection: string;
  readonly action: RetentionCondition['action'];
  readonly status: 'done' | 'failed' | 'paused';
  readonly rows: number;
  /** Rows deleted with their parents, per child collection. */
  readonly children: Readonly<Record<string, number>>;
  readonly batches: number;
  readonly largestBatchMs: number;
  readonly error?: string | undefined;
}

export interface RetentionSweep {
  readonly sweepId: string;
  readonly now: string;
  readonly resumed: boolean;
  readonly status: 'completed' | 'failed' | 'paused';
  readonly conditions: readonly SweptCondition[];
  readonly problems: readonly RetentionProblem[];
}

const MAX_BATCH = 10_000;
const MAX_DEPTH = 6;
const stepOf = (c: RetentionCondition) => `${c.rule}|${c.collection}`;

/** Runs the sweep; a condition that fails is reported and the others still run. Supports SQLite, PostgreSQL and MySQL. */
export async function runRetention(
  model: PolicyModel,
  pool: ConnectorPool,
  store: Store,
  options: RunRetentionOptions,
): Promise<RetentionSweep> {
  const sweepId = options.sweepId ?? `sweep-${options.now.toISOString()}`;
  const opened = await store.journal.open({
    id: sweepId,
    action: 'retention',
    plan: { now: options.now.toISOString() },
    startedAt: options.now,
  });
  if (opened.run.action !== 'retention') {
    throw new CustosError({
      code: 'conflict',
      message: `run id "${sweepId}" belongs to a ${opened.run.action} run, not a retention sweep: choose another id`,
    });
  }
  const recorded = (opened.run.plan as { now?: string } | null)?.now;
  const now = recorded === undefined ? options.now : new Date(recorded);
  const compiled = compileRetention(model, { now });
  const holdRecords = await store.holds.inForce(now);
  const cache: ParentCache = new Map();
  const rules = new Map<string, string>([
    ...compiled.problems.flatMap((p) => (p.collection === undefined ? [] : [[p.collection, '?'] as const])),
    ...compiled.conditions.map((c) => [c.collection, c.rule] as const),
  ]);
  const conditions: SweptCondition[] = [];
  let status: RetentionSweep['status'] = 'completed';
  for (const condition of compiled.conditions) {
    if (opened.run.steps.get(stepOf(condition))?.done === true) continue;
    if (options.signal?.aborted) {
      status = 'paused';
      break;
    }
    const swept = await sweepCondition(model, pool, condition, { ...options, now }, holdRecords, cache, rules);
    conditions.push(swept);
    if (swept.status === 'paused') {
      status = 'paused';
      break;
    }
    if (swept.status === 'failed') status = 'failed';
    else await store.journal.completeSteps(sweepId, { steps: [{ stepId: stepOf(condition), result: { rows: swept.rows } }] });
    await store.audit.append({
      actor: { kind: 'system', id: 'retention' },
      action: 'retention.swept',
      subjects: { sweep: sweepId },
      details: {
        rule: swept.rule,
        collection: swept.collection,
        action: swept.action,
        status: swept.status,
        rows: swept.rows,
        children: Object.values(swept.children).reduce((a, b) => a + b, 0),
        batches: swept.batches,
        largestBatchMs: Math.round(swept.largestBatchMs),
      },
    });
  }
  const result: RetentionSweep = {
    sweepId,
    now: now.toISOString(),
    resumed: opened.resumed,
    status,
    conditions,
    problems: compiled.problems,
  };
  if (status !== 'paused') await store.journal.finish(sweepId, status === 'completed' ? 'completed' : 'failed', result, now);
  return result;
}

interface DueRow {
  readonly key: Record<string, KeyValue>;
  readonly values: Readonly<Record<string, Value | undefined>>;
}

async function sweepCondition(
  model: PolicyModel,
  pool: ConnectorPool,
  condition: RetentionCondition,
  options: RunRetentionOptions,
  holdRecords: Parameters<typeof fateReader>[3],
  cache: ParentCache,
  rules: ReadonlyMap<string, string>,
): Promise<SweptCondition> {
  const collection = model.index.collections.get(condition.collection) as CollectionModel;
  const base = { rule: condition.rule, collection: condition.collection, action: condition.action };
  const children: Record<string, number> = {};
  let rows = 0;
  let batches = 0;
  let largestBatchMs = 0;
  try {
    if (collection.primaryKey.length === 0)
      throw new CustosError({
        code: 'invalid-manifest',
        message: `${collection.qualifiedName} declares no primaryKey: its rows cannot be named in batches`,
      });
    const reader = await fateReader(model, pool, condition, holdRecords, options.now, cache, options.signal);
    const connector = await pool.get(collection.dataset);
    const due: DueRow[] = [];
    for await (const page of connector.findPages({ collection, where: {} }, { fields: reader.fields })) {
      for (const row of page) if (reader.fate(row).kind === 'due') due.push({ key: primaryKeyOf(collection, row), values: row });
    }
    const target = options.targetBatchMs ?? 50;
    let size = options.firstBatch ?? 256;
    for (let start = 0; start < due.length;) {
      if (options.signal?.aborted) return { ...base, status: 'paused', rows, children, batches, largestBatchMs };
      const batch = due.slice(start, start + size);
      const began = performance.now();
      rows += await connector.transaction((session) => applyBatch(model, session, collection, condition, batch, children, rules));
      const ms = performance.now() - began;
      batches++;
      largestBatchMs = Math.max(largestBatchMs, ms);
      start += batch.length;
      options.onProgress?.({ rule: condition.rule, collection: condition.collection, done: start, total: due.length });
      if (ms > target) size = Math.max(1, Math.floor((size * target) / ms / 1.25));
      else if (ms < target / 2) size = Math.min(MAX_BATCH, size * 2);
    }
    return { ...base, status: 'done', rows, children, batches, largestBatchMs };
  } catch (error) {
    const message = isCustosError(error) ? error.message : 'the store failed during the sweep';
    return { ...base, status: 'failed', rows, children, batches, largestBatchMs, error: message };
  }
}

/** The batch's rows by primary key: one IN-list for a one-field key, one group per row otherwise. */
function batchWhere(collection: CollectionModel, batch: readonly DueRow[]): Where | Where[] {
  const [only, ...more] = collection.primaryKey;
  if (only !== undefined && more.length === 0) return { [only]: batch.map((r) => r.key[only] ?? null) };
  return batch.map((r) => Object.fromEntries(Object.entries(r.key).map(([f, v]) => [f, [v]])));
}

async function applyBatch(
  model: PolicyModel,
  session: ConnectorSession,
  collection: CollectionModel,
  condition: RetentionCondition,
  batch: readonly DueRow[],
  children: Record<string, number>,
  rules: ReadonlyMap<string, string>,
): Promise<number> {
  if (condition.action === 'delete') {
    const [only, ...more] = collection.primaryKey;
    if (only === undefined || more.length > 0) return session.delete({ collection, where: batchWhere(collection, batch) });
    const cascade: Cascade = { model, session, rule: condition.rule, rules, counts: children };
    const keys = batch.map((r) => r.key[only] ?? null);
    // A parent a row under another rule still needs (a required reference: an invoice kept ten years) stays until that row goes.
    const blocked = await requiredByOthers(cascade, collection, keys);
    const free = keys.filter((k) => !blocked.has(valueKey(k)));
    if (free.length === 0) return 0;
    await deleteChildren(cascade, collection, free, 0);
    return session.delete({ collection, where: { [only]: free } });
  }
  const set: Record<string, Value> = {};
  for (const op of condition.operators) {
    if (op.operator === 'null') set[op.field] = null;
    else if (op.operator === 'fixed') set[op.field] = op.value;
  }
  const where = batchWhere(collection, batch);
  let touched = Object.keys(set).length > 0 ? await session.update({ collection, where }, set) : 0;
  const ipFields = condition.operators.filter((op) => op.operator === 'truncate-ip').map((op) => op.field);
  const perRow = batch.flatMap((r) => {
    const own: Record<string, Value> = {};
    for (const f of ipFields) {
      const v = r.values[f];
      if (typeof v === 'string') own[f] = truncateIp(v) ?? null;
    }
    return Object.keys(own).length > 0 ? [{ key: r.key, set: own }] : [];
  });
  if (perRow.length > 0) touched = Math.max(touched, await session.updateEach(collection, perRow));
  return touched;
}

/** Collections of the same store whose rows belong to a row of `parent` through a reference to its one-field key. */
function childrenOf(model: PolicyModel, parent: CollectionModel): { collection: CollectionModel; field: string }[] {
  const [key, ...more] = parent.primaryKey;
  if (key === undefined || more.length > 0) return [];
  const found: { collection: CollectionModel; field: string }[] = [];
  for (const c of model.datasets.get(parent.dataset)?.collections.values() ?? []) {
    for (const f of [...c.fields.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const ref = f.references;
      if (
        ref?.link === 'belongs-to' &&
        ref.dataset === parent.dataset &&
        ref.collection === parent.name &&
        ref.field === key &&
        c !== parent
      ) {
        found.push({ collection: c, field: f.name });
      }
    }
  }
  return found.sort((a, b) => a.collection.name.localeCompare(b.collection.name));
}

/** What a cascade needs: the rule being swept, the rule of every collection (problems count as another), counts. */
interface Cascade {
  readonly model: PolicyModel;
  readonly session: ConnectorSession;
  readonly rule: string;
  /** Qualified collection → the rule its rows follow (`?` when it could not be compiled). */
  readonly rules: ReadonlyMap<string, string>;
  readonly counts: Record<string, number>;
}

/** A child follows its own, other rule: its rows are not the parent's to delete. */
const othersRule = (c: Cascade, child: CollectionModel) => {
  const rule = c.rules.get(child.qualifiedName);
  return rule !== undefined && rule !== c.rule;
};

/** Parent keys that rows of a child under another rule reference through a required (NOT NULL) field. */
async function requiredByOthers(c: Cascade, parent: CollectionModel, keys: readonly Value[]): Promise<Set<string>> {
  const blocked = new Set<string>();
  for (const { collection, field } of childrenOf(c.model, parent)) {
    if (!othersRule(c, collection) || collection.fields.get(field)?.required !== true) continue;
    for await (const page of c.session.findPages({ collection, where: { [field]: keys } }, { fields: [field] })) {
      for (const row of page) blocked.add(valueKey(row[field]));
    }
  }
  return blocked;
}

/**
 * Deletes, children first, the rows that belong to the given parent keys (an order's lines before the order), as erasure
 * does: a child under the same rule (or none) goes with its parent; a child under another rule stays, its reference
 * nulled. Below the first level such a child with a required reference fails the batch (rolled back) rather than lose it.
 */
async function deleteChildren(c: Cascade, parent: CollectionModel, keys: readonly Value[], depth: number): Promise<void> {
  if (keys.length === 0 || depth >= MAX_DEPTH) return;
  for (const { collection, field } of childrenOf(c.model, parent)) {
    const where = { [field]: keys };
    if (othersRule(c, collection)) {
      if (collection.fields.get(field)?.required === true) {
        if ((await c.session.count({ collection, where })) === 0) continue;
        throw new CustosError({
          code: 'precondition-failed',
          message: `${collection.qualifiedName} follows another retention rule and requires ${field}: its parents in ${parent.qualifiedName} cannot be deleted before it`,
        });
      }
      await c.session.update({ collection, where }, { [field]: null });
      continue;
    }
    const [childKey, ...more] = collection.primaryKey;
    if (childKey !== undefined && more.length === 0 && childrenOf(c.model, collection).length > 0) {
      const childKeys: Value[] = [];
      for await (const page of c.session.findPages({ collection, where }, { fields: [childKey] }))
        for (const r of page) childKeys.push(r[childKey] ?? null);
      await deleteChildren(c, collection, childKeys, depth + 1);
    }
    const deleted = await c.session.delete({ collection, where });
    if (deleted > 0) c.counts[collection.qualifiedName] = (c.counts[collection.qualifiedName] ?? 0) + deleted;
  }
}

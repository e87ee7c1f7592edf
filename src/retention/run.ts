// runRetention: the sweep. Each condition's due rows go in batches keyed on the primary key, each batch one short
// transaction sized to hold its lock about `targetBatchMs`, children deleted with their parent unless a row that stays
// needs it (cascade.ts); journaled so a rerun with the same sweep id (after a crash) works from the same instant and ends
// as an uninterrupted sweep would.
import { performance } from 'node:perf_hooks';
import { truncateIp } from '../anonymize/index.js';
import { CustosError, isCustosError } from '../errors.js';
import { addDuration, type CollectionModel, type PolicyModel } from '../policy/index.js';
import { primaryKeyOf, type ConnectorPool, type ConnectorSession, type KeyValue, type RowExpiry, type Value } from '../connectors/index.js';
import type { Store } from '../store/index.js';
import { compileRetention } from './compile.js';
import type { RetentionCondition, RetentionProblem } from './conditions.js';
import { expiryAllowed } from './expiry.js';
import { anonymityAfterSweep, anonymityDetails, type SweepAnonymity } from './anonymity.js';
import { candidatePages, datedSelection } from './dated.js';
import { fateReader, fatesOf } from './fate.js';
import { generalisedValue } from './generalise.js';
import { valueKey, type ParentCache } from './rows.js';
import { applyCascade, byKeys, decideCascade, refuseUntestableChildren, rulesOf, type CascadeContext } from './cascade.js';

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
  /** Due rows kept because a row that stays (another rule's, held, restricted) references them. */
  readonly referenced: number;
  /** Rows deleted with their parents, per child collection. */
  readonly children: Readonly<Record<string, number>>;
  readonly batches: number;
  readonly largestBatchMs: number;
  /** Rows inside their period the store was told to remove at their end by itself (Redis keys' expiry). */
  readonly expiring: number;
  readonly error?: string | undefined;
  /** A collection anonymised with declared thresholds: the three tests on its anonymised rows, after the sweep. */
  readonly anonymity?: SweepAnonymity | undefined;
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
  const rules = rulesOf(compiled);
  const fateOf = await fatesOf(model, pool, compiled.conditions, holdRecords, now, cache, options.signal);
  const conditions: SweptCondition[] = [];
  let status: RetentionSweep['status'] = 'completed';
  for (const condition of compiled.conditions) {
    if (opened.run.steps.get(stepOf(condition))?.done === true) continue;
    if (options.signal?.aborted) {
      status = 'paused';
      break;
    }
    const swept = await sweepCondition(model, pool, condition, { ...options, now }, holdRecords, cache, rules, fateOf);
    conditions.push(swept);
    if (swept.status === 'paused') {
      status = 'paused';
      break;
    }
    if (swept.status === 'failed') status = 'failed';
    // Audited before the step is marked done: a process killed between the two redoes the condition (nothing left to
    // do, audited again with 0 rows), where the other order would leave a condition done that the trail never reports.
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
        referenced: swept.referenced,
        children: Object.values(swept.children).reduce((a, b) => a + b, 0),
        batches: swept.batches,
        largestBatchMs: Math.round(swept.largestBatchMs),
        expiring: swept.expiring,
        ...anonymityDetails(swept.anonymity),
      },
    });
    if (swept.status !== 'failed')
      await store.journal.completeSteps(sweepId, { steps: [{ stepId: stepOf(condition), result: { rows: swept.rows } }] });
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
  fateOf: CascadeContext['fateOf'],
): Promise<SweptCondition> {
  const collection = model.index.collections.get(condition.collection) as CollectionModel;
  const base = { rule: condition.rule, collection: condition.collection, action: condition.action };
  const children: Record<string, number> = {};
  let rows = 0;
  let referenced = 0;
  let batches = 0;
  let largestBatchMs = 0;
  let expiring = 0;
  try {
    if (collection.primaryKey.length === 0)
      throw new CustosError({
        code: 'invalid-manifest',
        message: `${collection.qualifiedName} declares no primaryKey: its rows cannot be named in batches`,
      });
    const reader = await fateReader(model, pool, condition, holdRecords, options.now, cache, options.signal);
    const cascade: CascadeContext = { model, rule: condition.rule, rules, holdRecords, now: options.now, fateOf };
    if (condition.action === 'delete') await refuseUntestableChildren(cascade, collection);
    const connector = await pool.get(collection.dataset);
    const expires = expiryAllowed(model, connector, collection, condition);
    const target = options.targetBatchMs ?? 50;
    let size = options.firstBatch ?? 256;
    let found = 0;
    let done = 0;
    let pending: DueRow[] = [];
    let start = 0;
    // Runs full batches of the due rows found so far (all of them when `all`); false when the sweep is to pause.
    const drain = async (all: boolean): Promise<boolean> => {
      while (pending.length - start >= size || (all && start < pending.length)) {
        if (options.signal?.aborted) return false;
        const batch = pending.slice(start, start + size);
        const began = performance.now();
        const applied = await connector.transaction((session) => applyBatch(cascade, session, collection, condition, batch, children));
        rows += applied.rows;
        referenced += applied.referenced;
        const ms = performance.now() - began;
        batches++;
        largestBatchMs = Math.max(largestBatchMs, ms);
        start += batch.length;
        done += batch.length;
        options.onProgress?.({ rule: condition.rule, collection: condition.collection, done, total: found });
        if (ms > target) size = Math.max(1, Math.floor((size * target) / ms / 1.25));
        else if (ms < target / 2) size = Math.min(MAX_BATCH, size * 2);
      }
      pending = pending.slice(start);
      start = 0;
      return true;
    };
    const paused = () => ({ ...base, status: 'paused' as const, rows, referenced, children, batches, largestBatchMs, expiring });
    // Where the store reads only the rows that may have expired, in keyed pages, batches run as pages arrive (a page is
    // read after the last key of the one before, so rows deleted meanwhile never shift it). Otherwise every row is read
    // first: a find open while its own collection is deleted from is not safe on every store.
    const dated = datedSelection(connector, collection, condition, options.now);
    for await (const page of candidatePages(connector, dated, collection, { fields: reader.fields })) {
      const ending: RowExpiry[] = [];
      for (const row of page) {
        const fate = reader.fate(row);
        if (fate.kind === 'due') {
          pending.push({ key: primaryKeyOf(collection, row), values: row });
          found++;
        } else if (fate.kind === 'inside' && expires) ending.push({ row, at: addDuration(new Date(fate.clock), condition.duration) });
      }
      // Rows inside their period are removed by the store itself at their end: nothing is left for a later sweep.
      if (ending.length > 0) expiring += await connector.expireAt!(collection, ending);
      if (dated && !(await drain(false))) return paused();
    }
    if (!(await drain(true))) return paused();
    const anonymity =
      condition.action === 'anonymise' && collection.anonymity
        ? await anonymityAfterSweep(model, pool, collection, reader, options.signal)
        : undefined;
    return { ...base, status: 'done', rows, referenced, children, batches, largestBatchMs, expiring, ...(anonymity ? { anonymity } : {}) };
  } catch (error) {
    const message = isCustosError(error) ? error.message : 'the store failed during the sweep';
    return { ...base, status: 'failed', rows, referenced, children, batches, largestBatchMs, expiring, error: message };
  }
}

async function applyBatch(
  cascade: CascadeContext,
  session: ConnectorSession,
  collection: CollectionModel,
  condition: RetentionCondition,
  batch: readonly DueRow[],
  children: Record<string, number>,
): Promise<{ rows: number; referenced: number }> {
  if (condition.action === 'delete') {
    const [only, ...more] = collection.primaryKey;
    if (only === undefined || more.length > 0)
      return { rows: await session.delete({ collection, where: byKeys(collection, batch) }), referenced: 0 };
    // Decided inside the batch's transaction: a parent a row still needs (an invoice kept ten years, a held order) stays.
    const keys = batch.map((r) => r.key[only] ?? null);
    const decision = await decideCascade(cascade, session, collection, keys);
    const free = keys.filter((k) => !decision.blocked.has(valueKey(k)));
    const referenced = keys.length - free.length;
    if (free.length === 0) return { rows: 0, referenced };
    await applyCascade(session, decision, new Set(free.map((k) => valueKey(k))), children);
    return { rows: await session.delete({ collection, where: { [only]: free } }), referenced };
  }
  const set: Record<string, Value> = {};
  for (const op of condition.operators) {
    if (op.operator === 'null') set[op.field] = null;
    else if (op.operator === 'fixed') set[op.field] = op.value;
  }
  const where = byKeys(collection, batch);
  let touched = Object.keys(set).length > 0 ? await session.update({ collection, where }, set) : 0;
  const ipFields = condition.operators.filter((op) => op.operator === 'truncate-ip').map((op) => op.field);
  const generalised = condition.operators.filter((op) => op.operator === 'generalise');
  const perRow = batch.flatMap((r) => {
    const own: Record<string, Value> = {};
    for (const f of ipFields) {
      const v = r.values[f];
      if (typeof v === 'string') own[f] = truncateIp(v) ?? null;
    }
    for (const op of generalised) own[op.field] = generalisedValue(op, r.values[op.field]);
    return Object.keys(own).length > 0 ? [{ key: r.key, set: own }] : [];
  });
  if (perRow.length > 0) touched = Math.max(touched, await session.updateEach(collection, perRow));
  return { rows: touched, referenced: 0 };
}

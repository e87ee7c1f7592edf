// planRetention: a dry run. Per rule and collection, how many rows a sweep at `now` would delete or anonymise, the
// oldest and newest of them, and how many a hold or a restriction keeps (and until when). It only reads.
import { CustosError, isCustosError } from '../errors.js';
import type { CollectionModel, PolicyModel } from '../policy/index.js';
import type { ConnectorPool, Value } from '../connectors/index.js';
import { expiryAllowed } from './expiry.js';
import { blockedParents, refuseUntestableChildren, rulesOf, type CascadeContext } from './cascade.js';
import type { HoldRecord } from '../store/index.js';
import { compileRetention } from './compile.js';
import type { CompiledRetention, FieldOperator, RetentionCondition, RetentionProblem, TransientRule } from './conditions.js';
import { candidatePages, datedSelection } from './dated.js';
import { fateReader, fatesOf } from './fate.js';
import { valueKey, type ParentCache } from './rows.js';

export interface PlanRetentionOptions {
  /** The instant the plan is made for. */
  readonly now: Date;
  /** Hold records erasures left that are still in force (`store.holds.inForce(now)`); default none. */
  readonly holdRecords?: readonly HoldRecord[];
  readonly signal?: AbortSignal;
}

/** Rows kept by holds: how many, the latest end among those that end, and how many have no end. */
export interface HeldRows {
  readonly rows: number;
  /** The latest end (ISO) among held rows whose hold ends; absent when none does. */
  readonly until?: string | undefined;
  readonly withoutEnd: number;
  readonly holds: readonly string[];
}

/** One condition's count. `countable: false` when its store could not be read; `reason` says why. */
export interface RetentionPlanEntry {
  readonly rule: string;
  readonly collection: string;
  readonly action: RetentionCondition['action'];
  readonly trigger: RetentionCondition['clock']['trigger'];
  readonly clock: string;
  readonly period: string;
  readonly cutoff: string;
  readonly countable: boolean;
  readonly reason?: string | undefined;
  /** Rows read. */
  readonly rows: number;
  /** Rows the sweep would delete or anonymise. */
  readonly due: number;
  /** The oldest and newest clocks among them (ISO). */
  readonly oldest?: string | undefined;
  readonly newest?: string | undefined;
  /** Within their period. */
  readonly inside: number;
  /**
   * Of those, the rows the sweep gives their end as an expiry, for the store to remove them on time by itself (Redis keys,
   * when the rule allows it: see `expiryAllowed`); 0 elsewhere. An upper bound: a key the application already expires
   * sooner keeps its own expiry, and the sweep's `expiring` counts only the keys it changed.
   */
  readonly expiring: number;
  /** No date yet (a contract still running): their clock has not started. */
  readonly notStarted: number;
  readonly held: HeldRows;
  /** Past their period but restricted (art. 18): kept, and reported so someone lifts or erases them. */
  readonly restricted: number;
  /**
   * Past their period under a rule `extendedBy` a consent that cannot be verified per row: kept ("kept: extension by
   * consent not verifiable") until the extension's end, if it has one.
   */
  readonly extended: number;
  /** Due, but kept because a row that stays (another rule's, held, restricted) references them: a sweep leaves them. */
  readonly referenced: number;
  /** Rows under other rules (or held) that stay but whose reference to a row deleted here is nulled, as erasure does. */
  readonly unlinked: number;
  /** Past their period and anonymised already. */
  readonly anonymised: number;
  readonly operators: readonly FieldOperator[];
  readonly notes: readonly string[];
}

export interface RetentionPlan {
  readonly now: string;
  readonly entries: readonly RetentionPlanEntry[];
  readonly problems: readonly RetentionProblem[];
  readonly transient: readonly TransientRule[];
}

/** Compiles the model's retention at `now` and counts each condition in its store. Writes nothing. */
export async function planRetention(model: PolicyModel, pool: ConnectorPool, options: PlanRetentionOptions): Promise<RetentionPlan> {
  return planCompiled(model, compileRetention(model, { now: options.now }), pool, options);
}

/** The plan of conditions compiled already (a sweep plans what it compiled). */
export async function planCompiled(
  model: PolicyModel,
  compiled: CompiledRetention,
  pool: ConnectorPool,
  options: PlanRetentionOptions,
): Promise<RetentionPlan> {
  const cache: ParentCache = new Map();
  const rules = rulesOf(compiled);
  const fateOf = await fatesOf(model, pool, compiled.conditions, options.holdRecords ?? [], options.now, cache, options.signal);
  const entries: RetentionPlanEntry[] = [];
  for (const condition of compiled.conditions) {
    if (options.signal?.aborted)
      throw new CustosError({ code: 'aborted', message: 'the retention plan was stopped before it counted every collection' });
    entries.push(await countCondition(model, pool, condition, options, cache, rules, fateOf));
  }
  return Object.freeze({ now: compiled.now, entries, problems: compiled.problems, transient: compiled.transient });
}

async function countCondition(
  model: PolicyModel,
  pool: ConnectorPool,
  condition: RetentionCondition,
  options: PlanRetentionOptions,
  cache: ParentCache,
  rules: ReadonlyMap<string, string>,
  fateOf: CascadeContext['fateOf'],
): Promise<RetentionPlanEntry> {
  const base = {
    rule: condition.rule,
    collection: condition.collection,
    action: condition.action,
    trigger: condition.clock.trigger,
    clock: condition.clock.spec,
    period: condition.durationText,
    cutoff: condition.cutoff,
    operators: condition.operators,
    notes: condition.notes,
  };
  const tally = {
    rows: 0,
    due: 0,
    inside: 0,
    expiring: 0,
    notStarted: 0,
    restricted: 0,
    extended: 0,
    referenced: 0,
    unlinked: 0,
    anonymised: 0,
  };
  let oldest = Infinity;
  let newest = -Infinity;
  const held = { rows: 0, until: '', withoutEnd: 0, holds: new Set<string>() };
  try {
    const reader = await fateReader(model, pool, condition, options.holdRecords ?? [], options.now, cache, options.signal);
    const collection = model.index.collections.get(condition.collection) as CollectionModel;
    const connector = await pool.get(collection.dataset);
    const ctx: CascadeContext = { model, rule: condition.rule, rules, holdRecords: options.holdRecords ?? [], now: options.now, fateOf };
    if (condition.action === 'delete') await refuseUntestableChildren(ctx, collection);
    // Deleting a row with a one-field key takes its children along, unless one must stay: the sweep then keeps the row.
    const [only, ...more] = collection.primaryKey;
    const single = condition.action === 'delete' && more.length === 0 ? only : undefined;
    const find = options.signal === undefined ? { fields: reader.fields } : { fields: reader.fields, signal: options.signal };
    // Due rows are decided a thousand at a time as they are read (which of them a row that stays needs), never all held.
    let due: { key: Value; clock: number }[] = [];
    const decide = async () => {
      const keys = due.map((d) => d.key);
      const { blocked, unlinked } =
        single === undefined ? { blocked: new Set<string>(), unlinked: 0 } : await blockedParents(ctx, connector, collection, keys);
      tally.unlinked += unlinked;
      for (const d of due) {
        if (blocked.has(valueKey(d.key))) {
          tally.referenced++;
          continue;
        }
        tally.due++;
        oldest = Math.min(oldest, d.clock);
        newest = Math.max(newest, d.clock);
      }
      due = [];
    };
    // A store that reads only the rows that may have expired counts the others: every row it leaves is inside its period.
    const expires = expiryAllowed(model, connector, collection, condition);
    const dated = datedSelection(connector, collection, condition, options.now);
    const total = dated ? await connector.count({ collection, where: {} }) : undefined;
    for await (const page of candidatePages(connector, dated, collection, find)) {
      for (const row of page) {
        tally.rows++;
        const fate = reader.fate(row);
        switch (fate.kind) {
          case 'inside':
            tally.inside++;
            if (expires) tally.expiring++;
            break;
          case 'not-started':
            tally.notStarted++;
            break;
          case 'restricted':
            tally.restricted++;
            break;
          case 'extended':
            tally.extended++;
            break;
          case 'anonymised':
            tally.anonymised++;
            break;
          case 'held':
            held.rows++;
            held.holds.add(fate.hold);
            if (fate.until === null) held.withoutEnd++;
            else if (fate.until > held.until) held.until = fate.until;
            break;
          case 'due':
            due.push({ key: single === undefined ? null : (row[single] ?? null), clock: fate.clock });
            break;
          default:
            fate satisfies never;
        }
      }
      if (due.length >= 1000) await decide();
    }
    await decide();
    if (total !== undefined && total > tally.rows) {
      tally.inside += total - tally.rows;
      tally.rows = total;
    }
  } catch (error) {
    if (isCustosError(error) && error.code === 'aborted') throw error;
    if (options.signal?.aborted) throw new CustosError({ code: 'aborted', message: 'the retention plan was stopped', cause: error });
    const reason = isCustosError(error) ? error.message : 'the store could not be read';
    return {
      ...base,
      countable: false,
      reason,
      rows: 0,
      due: 0,
      inside: 0,
      expiring: 0,
      notStarted: 0,
      held: { rows: 0, withoutEnd: 0, holds: [] },
      restricted: 0,
      extended: 0,
      referenced: 0,
      unlinked: 0,
      anonymised: 0,
    };
  }
  return {
    ...base,
    countable: true,
    ...tally,
    oldest: tally.due > 0 ? new Date(oldest).toISOString() : undefined,
    newest: tally.due > 0 ? new Date(newest).toISOString() : undefined,
    held: {
      rows: held.rows,
      until: held.until === '' ? undefined : held.until,
      withoutEnd: held.withoutEnd,
      holds: [...held.holds].sort(),
    },
  };
}

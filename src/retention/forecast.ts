// forecastRetention: how many rows each rule's sweeps will delete or anonymise in each of the coming weeks, read with the
// plan's own row test (a row inside its period expires at its date plus the period; a held row when its hold ends).
import { CustosError, isCustosError } from '../errors.js';
import type { CollectionModel, PolicyModel } from '../policy/index.js';
import type { ConnectorPool } from '../connectors/index.js';
import type { HoldRecord } from '../store/index.js';
import { compileRetention } from './compile.js';
import type { RetentionCondition } from './conditions.js';
import { fateReader } from './fate.js';
import type { ParentCache } from './rows.js';

const WEEK_MS = 7 * 86_400_000;

export interface ForecastRetentionOptions {
  /** The instant the forecast starts from: week 1 is [now, now + 7 days). */
  readonly now: Date;
  /** How many weeks ahead; default 52. */
  readonly weeks?: number;
  /** Hold records erasures left that are in force at `now` (`store.holds.inForce(now)`); default none. */
  readonly holdRecords?: readonly HoldRecord[];
  readonly signal?: AbortSignal;
}

/** One condition's forecast: rows due already, rows expiring in each week, later, and rows with no end to forecast. */
export interface RetentionForecastEntry {
  readonly rule: string;
  readonly collection: string;
  readonly action: RetentionCondition['action'];
  readonly countable: boolean;
  readonly reason?: string | undefined;
  /** Past their end at `now`: the next sweep's (before it keeps some that rows staying still reference). */
  readonly dueNow: number;
  /** `weekly[i]`: rows whose end falls in [now + i weeks, now + i + 1 weeks). */
  readonly weekly: readonly number[];
  /** Ending after the last week. */
  readonly later: number;
  /** No end to forecast: not started, restricted, kept by a hold or an extension without an end, anonymised already. */
  readonly noEnd: number;
}

/** The entries summed per rule, in the entries' order (rule names sorted). */
export interface RetentionForecastRule {
  readonly rule: string;
  readonly collections: readonly string[];
  readonly dueNow: number;
  readonly weekly: readonly number[];
  readonly later: number;
  readonly noEnd: number;
}

export interface RetentionForecast {
  readonly now: string;
  /** Each week's first instant (ISO). */
  readonly weekStarts: readonly string[];
  readonly entries: readonly RetentionForecastEntry[];
  readonly rules: readonly RetentionForecastRule[];
}

/**
 * Reads every collection a rule governs and buckets each row by the week its retention ends. Writes nothing. It does
 * not foresee what has not happened yet (rows written, contracts closed, holds recorded after `now`), nor the parents a
 * sweep keeps because a row that stays still references them: the plan counts those at the sweep's instant.
 */
export async function forecastRetention(
  model: PolicyModel,
  pool: ConnectorPool,
  options: ForecastRetentionOptions,
): Promise<RetentionForecast> {
  const weeks = options.weeks ?? 52;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520)
    throw new CustosError({ code: 'invalid-input', message: 'weeks must be a whole number from 1 to 520', details: { field: 'weeks' } });
  const at = options.now.getTime();
  const compiled = compileRetention(model, { now: options.now });
  const cache: ParentCache = new Map();
  const entries: RetentionForecastEntry[] = [];
  for (const condition of compiled.conditions) {
    if (options.signal?.aborted)
      throw new CustosError({ code: 'aborted', message: 'the retention forecast was stopped before it read every collection' });
    entries.push(await forecastCondition(model, pool, condition, options, cache, at, weeks));
  }
  const weekStarts = Array.from({ length: weeks }, (_, i) => new Date(at + i * WEEK_MS).toISOString());
  return Object.freeze({ now: options.now.toISOString(), weekStarts, entries, rules: byRule(entries, weeks) });
}

async function forecastCondition(
  model: PolicyModel,
  pool: ConnectorPool,
  condition: RetentionCondition,
  options: ForecastRetentionOptions,
  cache: ParentCache,
  at: number,
  weeks: number,
): Promise<RetentionForecastEntry> {
  const tally = { dueNow: 0, weekly: new Array<number>(weeks).fill(0), later: 0, noEnd: 0 };
  const base = { rule: condition.rule, collection: condition.collection, action: condition.action };
  try {
    const reader = await fateReader(model, pool, condition, options.holdRecords ?? [], options.now, cache, options.signal);
    const collection = model.index.collections.get(condition.collection) as CollectionModel;
    const connector = await pool.get(collection.dataset);
    const find = options.signal === undefined ? { fields: reader.fields } : { fields: reader.fields, signal: options.signal };
    for await (const page of connector.findPages({ collection, where: {} }, find)) {
      for (const row of page) {
        const end = reader.expiry(row);
        if (end === undefined) tally.noEnd++;
        else if (end <= at) tally.dueNow++;
        else {
          const week = Math.floor((end - at) / WEEK_MS);
          if (week < weeks) tally.weekly[week] = (tally.weekly[week] ?? 0) + 1;
          else tally.later++;
        }
      }
    }
  } catch (error) {
    if (isCustosError(error) && error.code === 'aborted') throw error;
    if (options.signal?.aborted) throw new CustosError({ code: 'aborted', message: 'the retention forecast was stopped', cause: error });
    const reason = isCustosError(error) ? error.message : 'the store could not be read';
    return { ...base, countable: false, reason, dueNow: 0, weekly: new Array<number>(weeks).fill(0), later: 0, noEnd: 0 };
  }
  return { ...base, countable: true, ...tally };
}

function byRule(entries: readonly RetentionForecastEntry[], weeks: number): RetentionForecastRule[] {
  const rules = new Map<string, { collections: string[]; dueNow: number; weekly: number[]; later: number; noEnd: number }>();
  for (const e of entries) {
    let r = rules.get(e.rule);
    if (r === undefined) {
      r = { collections: [], dueNow: 0, weekly: new Array<number>(weeks).fill(0), later: 0, noEnd: 0 };
      rules.set(e.rule, r);
    }
    r.collections.push(e.collection);
    r.dueNow += e.dueNow;
    r.later += e.later;
    r.noEnd += e.noEnd;
    e.weekly.forEach((n, i) => (r.weekly[i] = (r.weekly[i] ?? 0) + n));
  }
  return [...rules].map(([rule, r]) => ({ rule, ...r }));
}

// One row's fate under a retention condition at an instant: inside its period, not started, kept (restricted, held),
// already anonymised, or due (deleted or anonymised). The planner counts fates; the sweep acts on the due ones.
import { isCustosError } from '../errors.js';
import { addDuration, type CollectionModel, type Duration, type PolicyModel } from '../policy/index.js';
import type { ConnectorPool, Row } from '../connectors/index.js';
import type { HoldRecord } from '../store/index.js';
import { truncateIp } from '../anonymize/index.js';
import { isGeneralised } from './generalise.js';
import type { FieldOperator, RetentionCondition } from './conditions.js';
import { clockReading, fieldsRead, heldBy, recordsOf, valueKey, type ParentCache } from './rows.js';

export type RowFate =
  | { readonly kind: 'inside'; readonly clock: number }
  | { readonly kind: 'not-started' }
  | { readonly kind: 'restricted'; readonly clock: number }
  | { readonly kind: 'held'; readonly clock: number; readonly hold: string; readonly until: string | null }
  | { readonly kind: 'extended'; readonly clock: number; readonly consent: string }
  | { readonly kind: 'anonymised'; readonly clock: number }
  | { readonly kind: 'due'; readonly clock: number };

/** A condition whose row test could not be prepared, and why (a CustosError's message: never data). */
export interface Unreadable {
  readonly unreadable: string;
}

export interface FateReader {
  /** The fields to read of each row of the collection. */
  readonly fields: readonly string[];
  fate(row: Row): RowFate;
  /**
   * When the row becomes due if nothing changes (epoch ms): the end of its period, or later the end of the hold or the
   * extension that keeps it; at or before `now` for a row due now. Undefined when no date can be said: not started,
   * restricted, kept by a hold or an extension without an end, or anonymised already.
   */
  expiry(row: Row): number | undefined;
}

/** Prepares the row test of one condition: parent clocks read into maps, the erasures' hold records of the collection. */
export async function fateReader(
  model: PolicyModel,
  pool: ConnectorPool,
  condition: RetentionCondition,
  holdRecords: readonly HoldRecord[],
  now: Date,
  cache: ParentCache,
  signal?: AbortSignal,
): Promise<FateReader> {
  const collection = model.index.collections.get(condition.collection) as CollectionModel;
  const clock = await clockReading(model, pool, condition.clock, cache, signal);
  const holdClock = condition.then?.clock && (await clockReading(model, pool, condition.then.clock, cache, signal));
  const recordHold = heldBy(model, collection, holdRecords, now);
  const at = now.getTime();
  const expiry = expiryOf(condition.duration);
  const restrictedValue = condition.restriction && valueKey(condition.restriction.value);
  return {
    fields: fieldsRead(collection, condition, recordsOf(collection, holdRecords)),
    fate(row) {
      const { at: start, restrictedParent } = clock(row);
      if (start === undefined) return { kind: 'not-started' };
      if (expiry(start) > at) return { kind: 'inside', clock: start };
      if (restrictedParent || (condition.restriction && valueKey(row[condition.restriction.field]) === restrictedValue)) {
        return { kind: 'restricted', clock: start };
      }
      const declared = condition.then && thenHoldEnd(condition, holdClock?.(row).at);
      if (declared !== undefined && (declared === null || declared > at)) {
        return {
          kind: 'held',
          clock: start,
          hold: condition.then?.hold ?? '',
          until: declared === null ? null : new Date(declared).toISOString(),
        };
      }
      const recorded = recordHold(row);
      if (recorded) return { kind: 'held', clock: start, hold: recorded.hold, until: recorded.until };
      if (condition.extension && !extensionOver(condition, start, at)) {
        return { kind: 'extended', clock: start, consent: condition.extension.consent };
      }
      if (condition.action === 'anonymise' && isAnonymised(condition.operators, row)) return { kind: 'anonymised', clock: start };
      return { kind: 'due', clock: start };
    },
    expiry(row) {
      // The same reading as `fate`, each keeping reason pushing the date later instead of deciding at `now`.
      const { at: start, restrictedParent } = clock(row);
      if (start === undefined || restrictedParent) return undefined;
      if (condition.restriction && valueKey(row[condition.restriction.field]) === restrictedValue) return undefined;
      if (condition.action === 'anonymise' && isAnonymised(condition.operators, row)) return undefined;
      let end = addDuration(new Date(start), condition.duration).getTime();
      if (condition.then) {
        const declared = thenHoldEnd(condition, holdClock?.(row).at);
        if (declared === null) return undefined;
        end = Math.max(end, declared);
      }
      const recorded = recordHold(row);
      if (recorded) {
        if (recorded.until === null) return undefined;
        end = Math.max(end, Date.parse(recorded.until));
      }
      if (condition.extension) {
        const extra = condition.extension.duration;
        if (extra === undefined) return undefined;
        end = Math.max(end, addDuration(addDuration(new Date(start), condition.duration), extra).getTime());
      }
      return end;
    },
  };
}

const DAY_MS = 86_400_000;

/**
 * `addDuration(start, duration)` in ms, computed once per UTC day: the calendar moves the day and keeps the time of day
 * (UTC has no daylight saving), so two rows of one day expire the same time of day apart. A sweep of millions of rows
 * dated over a few years adds the period a few thousand times instead of once per row.
 */
export function expiryOf(duration: Duration): (start: number) => number {
  const days = new Map<number, number>();
  return (start) => {
    const day = Math.floor(start / DAY_MS) * DAY_MS;
    let end = days.get(day);
    if (end === undefined) {
      if (days.size >= 100_000) days.clear();
      end = addDuration(new Date(day), duration).getTime();
      days.set(day, end);
    }
    return end + (start - day);
  };
}

/** The extension a consent may give has ended too (base period plus extension at or before now): no consent keeps the row. */
function extensionOver(condition: RetentionCondition, start: number, at: number): boolean {
  const extra = condition.extension?.duration;
  if (extra === undefined) return false;
  return addDuration(addDuration(new Date(start), condition.duration), extra).getTime() <= at;
}

/** When the `then:` hold of a row ends (ms), null when it never ends on its own or has no date to count from. */
function thenHoldEnd(condition: RetentionCondition, holdStart: number | undefined): number | null {
  const then = condition.then;
  if (!then?.duration || then.clock === undefined) return null;
  // A hold whose date is not set yet (a contract still running) has not started: it keeps the rows.
  if (holdStart === undefined) return null;
  return addDuration(new Date(holdStart), then.duration).getTime();
}

/** Every operator's result is already in the row (a rerun, or an earlier sweep): nothing left to do. */
export function isAnonymised(operators: readonly FieldOperator[], row: Row): boolean {
  return operators.every((op) => {
    const v = row[op.field];
    switch (op.operator) {
      case 'null':
        return v === null || v === undefined;
      case 'fixed':
        return valueKey(v ?? null) === valueKey(op.value);
      case 'truncate-ip':
        return v === null || v === undefined || typeof v !== 'string' || truncateIp(v) === v || truncateIp(v) === undefined;
      case 'generalise':
        return isGeneralised(op, v);
      default:
        return op satisfies never;
    }
  });
}

/**
 * Each collection's own row test, all prepared before any batch (a reader reads its parents through the pool, which must
 * not happen inside a batch's transaction). Undefined: no condition governs the collection.
 */
export async function fatesOf(
  model: PolicyModel,
  pool: ConnectorPool,
  conditions: readonly RetentionCondition[],
  holdRecords: readonly HoldRecord[],
  now: Date,
  cache: ParentCache,
  signal?: AbortSignal,
): Promise<(collection: CollectionModel) => Promise<FateReader | Unreadable | undefined>> {
  const ready = new Map<string, FateReader | Unreadable>();
  for (const c of conditions) {
    try {
      ready.set(c.collection, await fateReader(model, pool, c, holdRecords, now, cache, signal));
    } catch (error) {
      // A store that cannot be read fails its own condition, and every condition whose rows it may hold as children
      // (see `untestableChild` of cascade.ts): a rerun then decides once the store answers.
      ready.set(c.collection, { unreadable: isCustosError(error) ? error.message : 'a store it reads failed' });
    }
  }
  return (collection) => Promise.resolve(ready.get(collection.qualifiedName));
}

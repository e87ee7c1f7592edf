// Pushing a condition's date down to the store: a SQL store reads only the rows that may have expired (keyed pages),
// instead of every row of the collection; the per-row calendar test still decides each one.
import { subtractDuration, type CollectionModel, type Duration } from '../policy/index.js';
import type { Connector, DatedSelection, FindOptions, Row } from '../connectors/index.js';
import type { RetentionCondition } from './conditions.js';

const DAY_MS = 86_400_000;

/**
 * An instant no row due at `now` is dated after: `now` less the period, plus four days when the period counts months or
 * years (a row dated the 31st expires on the last day of a shorter month, up to three days before its date plus a
 * month). Days and hours count exactly, so the cut-off itself is the bound.
 */
export function dueBound(now: Date, duration: Duration): Date {
  const cutoff = subtractDuration(now, duration);
  return duration.months === 0 && duration.years === 0 ? cutoff : new Date(cutoff.getTime() + 4 * DAY_MS);
}

/** The dated read of a condition, when its store can push it down and its clock is a field of the row itself. */
export function datedSelection(
  connector: Connector,
  collection: CollectionModel,
  condition: RetentionCondition,
  now: Date,
): DatedSelection | undefined {
  if (connector.findDatedPages === undefined || condition.clock.hops.length > 0 || collection.primaryKey.length !== 1) return undefined;
  return { collection, field: condition.clock.field, atMost: dueBound(now, condition.duration) };
}

/** Rows per page of a dated read: large enough that a page's statement costs little beside its rows. */
export const DATED_PAGE = 5_000;

/** The rows a condition must test: the dated read where it applies, else every row. */
export function candidatePages(
  connector: Connector,
  dated: DatedSelection | undefined,
  collection: CollectionModel,
  options: FindOptions,
): AsyncIterable<readonly Row[]> {
  if (dated && connector.findDatedPages) return connector.findDatedPages(dated, { ...options, batchSize: DATED_PAGE });
  return connector.findPages({ collection, where: {} }, options);
}

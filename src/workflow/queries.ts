// The desk's questions over a list of requests: which are overdue, which fall due soon, how many days one has left.
import { CustosError } from '../errors.js';
import { calendarDay, daysBetween } from './calendar.js';
import { deadlineOf } from './deadlines.js';
import { isOpenStatus } from './kinds.js';
import type { RightsRequest } from './request.js';

/**
 * Days from `now`'s UTC day to the request's due day: 0 on the due day, negative once overdue. Undefined for a request
 * that is completed, denied or cancelled: it owes nothing more.
 */
export function daysLeft(request: RightsRequest, now: Date): number | undefined {
  if (!isOpenStatus(request.status)) return undefined;
  return daysBetween(calendarDay(now), deadlineOf(request, now).due);
}

interface Due {
  readonly request: RightsRequest;
  readonly left: number;
}

function openWithDays(requests: readonly RightsRequest[], now: Date): Due[] {
  return requests.flatMap((request) => {
    const left = daysLeft(request, now);
    return left === undefined ? [] : [{ request, left }];
  });
}

const byUrgency = (a: Due, b: Due): number => a.left - b.left || a.request.id.localeCompare(b.request.id);

/** Open requests past their due day, the longest overdue first. */
export function overdue(requests: readonly RightsRequest[], now: Date): RightsRequest[] {
  return openWithDays(requests, now)
    .filter((d) => d.left < 0)
    .sort(byUrgency)
    .map((d) => d.request);
}

/** Open requests due today or within `days` days (not those already overdue), the soonest first. */
export function dueWithin(requests: readonly RightsRequest[], now: Date, days: number): RightsRequest[] {
  if (!Number.isInteger(days) || days < 0)
    throw new CustosError({
      code: 'invalid-input',
      message: `days must be a whole number of days, 0 or more (got ${days})`,
      details: { days },
    });
  return openWithDays(requests, now)
    .filter((d) => d.left >= 0 && d.left <= days)
    .sort(byUrgency)
    .map((d) => d.request);
}

/** Open requests whose receipt was not confirmed by the day their law asks (CCPA: 10 business days). */
export function unacknowledged(requests: readonly RightsRequest[], now: Date): RightsRequest[] {
  const today = calendarDay(now);
  return requests.filter((request) => {
    if (!isOpenStatus(request.status) || request.acknowledgedAt !== undefined) return false;
    const by = deadlineOf(request, now).acknowledgeBy;
    return by !== undefined && daysBetween(by, today) > 0;
  });
}

// Calendar days in UTC (`YYYY-MM-DD`): the unit every request deadline is counted in.
import { addDuration, type Duration } from '../policy/index.js';

/** A calendar day, `YYYY-MM-DD`, in UTC. */
export type CalendarDay = string;

const DAY_MS = 86_400_000;

/** The UTC calendar day an instant falls on. */
export function calendarDay(at: Date): CalendarDay {
  return at.toISOString().slice(0, 10);
}

function dayNumber(day: CalendarDay): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

function dayOfNumber(n: number): CalendarDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: CalendarDay, days: number): CalendarDay {
  return dayOfNumber(dayNumber(day) + days);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * A day plus a law's duration: months and years first, clamped to the month's end (31 January + 1 month = 28 or 29
 * February), then days. Hours count as whole days rounded down, so a desk never shows a later day than the law gives.
 */
export function addToDay(day: CalendarDay, duration: Duration): CalendarDay {
  return calendarDay(addDuration(new Date(`${day}T00:00:00Z`), duration));
}

/**
 * The `count`-th business day after `day` (Monday to Friday). No holiday calendar is known: a public holiday counts as a
 * business day, so the day shown may be earlier than the law's, never later.
 */
export function addBusinessDays(day: CalendarDay, count: number): CalendarDay {
  let n = dayNumber(day);
  for (let left = count; left > 0;) {
    n += 1;
    const weekday = new Date(n * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return dayOfNumber(n);
}

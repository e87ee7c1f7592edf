// The dashboard's numbers, from the store's request activity and the day: open requests by status and by days left,
// the last 12 weeks' received and completed counts, the median time to answer, the overdue count.
import type { RequestActivity } from '../../store/index.js';
import { CLOSED_STATUSES, REQUEST_STATUSES, type RequestStatus } from '../../workflow/index.js';

/** Days-left bands, the soonest first: overdue, this week, next week, this month, later. */
export const DAYS_LEFT_BANDS = ['overdue', 'week', 'fortnight', 'month', 'later'] as const;
export type DaysLeftBand = (typeof DAYS_LEFT_BANDS)[number];

export const OPEN_STATUSES = REQUEST_STATUSES.filter((s) => !(CLOSED_STATUSES as readonly string[]).includes(s));

/** How many weeks the activity chart covers, the current one last. */
export const DASHBOARD_WEEKS = 12;

export interface DashboardData {
  readonly open: number;
  readonly overdue: number;
  /** Open requests per open status, in the lifecycle's order. */
  readonly byStatus: readonly { readonly status: RequestStatus; readonly count: number }[];
  readonly byDaysLeft: readonly { readonly band: DaysLeftBand; readonly count: number }[];
  /** Each week from its Monday (`YYYY-MM-DD`, UTC): requests received, and requests completed, that week. */
  readonly weeks: readonly { readonly start: string; readonly received: number; readonly completed: number }[];
  /** Days from receipt to completion, the median of the requests completed in those weeks; undefined when none was. */
  readonly medianDaysToAnswer?: number | undefined;
  readonly completedInWeeks: number;
}

const DAY_MS = 86_400_000;
const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The Monday (UTC) that starts the week `now` is in, `DASHBOARD_WEEKS - 1` weeks back: where the activity is read from. */
export function dashboardSince(now: Date): Date {
  const today = Date.parse(dayOf(now));
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(monday - (DASHBOARD_WEEKS - 1) * 7 * DAY_MS);
}

function band(daysLeft: number): DaysLeftBand {
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= 7) return 'week';
  if (daysLeft <= 14) return 'fortnight';
  if (daysLeft <= 31) return 'month';
  return 'later';
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

/** The dashboard from `activity` (the store's `requests.activity(dashboardSince(now))`) on `now`'s day. */
export function dashboardOf(activity: readonly RequestActivity[], now: Date): DashboardData {
  const today = dayOf(now);
  const open = activity.filter((a) => a.closedAt === undefined && (OPEN_STATUSES as readonly string[]).includes(a.status));
  const since = dashboardSince(now).getTime();
  const weeks = Array.from({ length: DASHBOARD_WEEKS }, (_, i) => ({
    start: dayOf(new Date(since + i * 7 * DAY_MS)),
    received: 0,
    completed: 0,
  }));
  const weekOf = (d: Date) => weeks[Math.floor((d.getTime() - since) / (7 * DAY_MS))];
  const answered: number[] = [];
  for (const a of activity) {
    if (a.receivedAt.getTime() >= since) {
      const week = weekOf(a.receivedAt);
      if (week) week.received++;
    }
    if (a.status === 'completed' && a.closedAt && a.closedAt.getTime() >= since) {
      const week = weekOf(a.closedAt);
      if (week) week.completed++;
      answered.push((a.closedAt.getTime() - a.receivedAt.getTime()) / DAY_MS);
    }
  }
  const bands = open.map((a) => band(daysBetween(today, a.due)));
  return {
    open: open.length,
    overdue: bands.filter((b) => b === 'overdue').length,
    byStatus: OPEN_STATUSES.map((status) => ({ status, count: open.filter((a) => a.status === status).length })),
    byDaysLeft: DAYS_LEFT_BANDS.map((b) => ({ band: b, count: bands.filter((x) => x === b).length })),
    weeks,
    medianDaysToAnswer: median(answered),
    completedInWeeks: answered.length,
  };
}

// The retention page's numbers: the next sweep's plan and the 52-week forecast at the page's instant (read by the
// server through the retention engine, which the pages do not import: `RetentionReading` declares the little they
// show), and the past sweeps the engine reads back from the audit trail's `retention.swept` entries.
import type { RetentionAction, RetentionTrigger } from '../../policy/index.js';

/** One rule and collection of the next sweep's plan, as the page shows it (`RetentionPlanEntry` of src/retention). */
export interface PlanRow {
  readonly rule: string;
  readonly collection: string;
  readonly action: RetentionAction;
  readonly trigger: RetentionTrigger;
  readonly clock: string;
  readonly period: string;
  readonly countable: boolean;
  readonly reason?: string | undefined;
  readonly due: number;
  readonly oldest?: string | undefined;
  readonly newest?: string | undefined;
  readonly held: {
    readonly rows: number;
    readonly until?: string | undefined;
    readonly withoutEnd: number;
    readonly holds: readonly string[];
  };
  readonly restricted: number;
  readonly extended: number;
  readonly referenced: number;
}

/** What the page reads of a plan and a forecast (`RetentionPlan`, `RetentionForecast` of src/retention). */
export interface RetentionReading {
  readonly plan: {
    readonly now: string;
    readonly entries: readonly PlanRow[];
    readonly problems: readonly { readonly rule: string; readonly place: string }[];
  };
  readonly forecast: {
    readonly weekStarts: readonly string[];
    readonly entries: readonly { readonly dueNow: number }[];
    readonly rules: readonly { readonly rule: string; readonly weekly: readonly number[] }[];
  };
  /** The newest sweep reports (at most `HISTORY_ROWS`), newest first. */
  readonly history: readonly SweepReport[];
  /** Whether the history stopped at `HISTORY_SCAN` entries before the trail's start. */
  readonly historyCut: boolean;
}

/**
 * Plans and forecasts `weeks` weeks at `now` on the provider's stores, and reads the past sweeps, writing nothing (the
 * server implements it).
 */
export type ReadRetention = (now: Date, weeks: number) => Promise<RetentionReading>;

/** How many weeks the forecast covers. */
export const FORECAST_WEEKS = 52;
/** The forecast chart stacks this many rules at most; the others are summed as one series. */
export const CHARTED_RULES = 7;
/** The history shows this many past sweep reports (one per rule and collection), newest first. */
export const HISTORY_ROWS = 100;
/** How far back in the audit trail the history looks, in entries. */
export const HISTORY_SCAN = 20_000;

/** One rule and collection of a past sweep, as its audit entry says it (ids and counts only). */
export interface SweepReport {
  readonly seq: number;
  readonly at: string;
  readonly sweep: string;
  readonly rule: string;
  readonly collection: string;
  readonly action: string;
  readonly status: string;
  readonly rows: number;
  readonly batches: number;
  readonly largestBatchMs: number;
}

/** A series of the forecast chart: a rule (or the rules left over), its rows ending each week. */
export interface ForecastSeries {
  /** The rule's name; undefined for the sum of the rules not charted one by one. */
  readonly rule?: string | undefined;
  readonly weekly: readonly number[];
  readonly total: number;
}

export interface RetentionPageData extends RetentionReading {
  /** The rules with rows ending within the weeks, most rows first, then the others summed. */
  readonly series: readonly ForecastSeries[];
}

/** The plan and forecast at `now`, and the sweeps' reports. */
export async function retentionPageOf(read: ReadRetention, now: Date): Promise<RetentionPageData> {
  const reading = await read(now, FORECAST_WEEKS);
  return { ...reading, series: seriesOf(reading.forecast) };
}

/** The rules to stack: each with rows ending in the weeks, most first, up to `CHARTED_RULES`; the rest as one series. */
export function seriesOf(forecast: RetentionReading['forecast']): ForecastSeries[] {
  const ranked = forecast.rules
    .map((r) => ({ rule: r.rule, weekly: r.weekly, total: r.weekly.reduce((a, b) => a + b, 0) }))
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total || a.rule.localeCompare(b.rule));
  if (ranked.length <= CHARTED_RULES) return ranked;
  const shown = ranked.slice(0, CHARTED_RULES - 1);
  const rest = ranked.slice(CHARTED_RULES - 1);
  const weekly = forecast.weekStarts.map((_, i) => rest.reduce((n, r) => n + (r.weekly[i] ?? 0), 0));
  return [...shown, { rule: undefined, weekly, total: weekly.reduce((a, b) => a + b, 0) }];
}

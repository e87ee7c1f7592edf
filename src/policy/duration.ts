// Retention and deadline durations: ISO 8601 (`P180D`, `P24M`, `P1Y6M`, `PT72H`) or plain words (`180 days`, `10 years`).

export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly hours: number;
}

const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/;
const WORDS = /^(\d+)\s*(year|month|week|day|hour)s?$/i;

/**
 * The longest duration a manifest may state. A longer one would put a deadline or a hold's end past the dates a `Date`
 * holds (`P300000Y` lints, then every erasure fails), and no law keeps data for longer.
 */
export const MAX_DURATION_YEARS = 100;
/** The bound in hours, with a year of 365.25 days and a month of a twelfth of that: P100Y, P1200M, P36525D, PT876600H. */
const MAX_HOURS = MAX_DURATION_YEARS * 8766;

/** Why a text is not a usable duration: not one at all, or longer than MAX_DURATION_YEARS. */
export type DurationProblem = 'syntax' | 'too-long';

/** The problem with a duration text, or undefined when parseDuration accepts it. */
export function durationProblem(text: string): DurationProblem | undefined {
  const d = readDuration(text);
  if (!d) return 'syntax';
  return d.years * 8766 + d.months * 730.5 + d.days * 24 + d.hours > MAX_HOURS ? 'too-long' : undefined;
}

/** Parses a duration, or returns undefined when the text is not one or is longer than MAX_DURATION_YEARS. */
export function parseDuration(text: string): Duration | undefined {
  return durationProblem(text) === undefined ? readDuration(text) : undefined;
}

function readDuration(text: string): Duration | undefined {
  const iso = ISO.exec(text.trim());
  if (iso && text.trim() !== 'P' && !text.trim().endsWith('T')) {
    const [, y, mo, w, d, h] = iso;
    return Object.freeze({
      years: Number(y ?? 0),
      months: Number(mo ?? 0),
      days: Number(w ?? 0) * 7 + Number(d ?? 0),
      hours: Number(h ?? 0),
    });
  }
  const words = WORDS.exec(text.trim());
  if (!words) return undefined;
  const n = Number(words[1]);
  const unit = (words[2] ?? '').toLowerCase();
  return Object.freeze({
    years: unit === 'year' ? n : 0,
    months: unit === 'month' ? n : 0,
    days: unit === 'week' ? n * 7 : unit === 'day' ? n : 0,
    hours: unit === 'hour' ? n : 0,
  });
}

/** True when the duration is zero (e.g. "delete as soon as the request is processed"). */
export function isZeroDuration(d: Duration): boolean {
  return d.years === 0 && d.months === 0 && d.days === 0 && d.hours === 0;
}

/**
 * Adds a duration to an instant, calendar-aware: months and years keep the day of month, clamped to the month's
 * last day (31 January + 1 month = 28/29 February), then days and hours are added.
 */
export function addDuration(from: Date, d: Duration): Date {
  const out = new Date(from.getTime());
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCFullYear(out.getUTCFullYear() + d.years, out.getUTCMonth() + d.months, 1);
  const lastDay = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, lastDay) + d.days);
  out.setUTCHours(out.getUTCHours() + d.hours);
  return out;
}

/** Subtracts a duration: the cut-off before which data is expired. */
export function subtractDuration(from: Date, d: Duration): Date {
  return addDuration(from, { years: -d.years, months: -d.months, days: -d.days, hours: -d.hours });
}

/** Approximate length in days, for sorting and charts only (never for deadlines). */
export function approximateDays(d: Duration): number {
  return d.years * 365 + d.months * 30 + d.days + d.hours / 24;
}

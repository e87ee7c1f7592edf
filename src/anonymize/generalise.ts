// Generalisation and suppression: a value replaced by a coarser one (a month, a band, a postcode prefix) or by nothing.
import { CustosError } from '../errors.js';
import { DATE_GRANULARITIES, SUPPRESSIONS, type DateGranularity, type Suppression } from '../policy/index.js';

// The manifest states these words (`to: month`, `as: star`), so policy owns them.
export { DATE_GRANULARITIES, SUPPRESSIONS, type DateGranularity, type Suppression };

export function suppress(as: Suppression = 'null'): null | '*' {
  return as === 'null' ? null : '*';
}

/**
 * A date (a Date, an ISO 8601 text, or epoch milliseconds) as its month (`2026-03`) or year (`2026`), in UTC; undefined
 * when it is not a date. An ISO text keeps its own calendar date (no shift through the time zone).
 */
export function generaliseDate(value: unknown, to: DateGranularity): string | undefined {
  const ymd = yearMonth(value);
  if (ymd === undefined) return undefined;
  return to === 'year' ? ymd.slice(0, 4) : ymd;
}

function yearMonth(value: unknown): string | undefined {
  if (typeof value === 'string') {
    // Already generalised (`2026-03`, `2026`) or a full date: read the calendar fields as written.
    const match = /^(\d{4})(?:-(\d{2}))?/.exec(value.trim());
    if (match && (match[2] === undefined || (Number(match[2]) >= 1 && Number(match[2]) <= 12))) {
      if (match[2] === undefined) return /^\d{4}$/.test(value.trim()) ? `${match[1]}` : undefined;
      return `${match[1]}-${match[2]}`;
    }
    return undefined;
  }
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().slice(0, 7);
}

/** Bands of numbers: a fixed `width` from 0 (or `origin`), or explicit ascending `edges`. */
export type NumberBands = { readonly width: number; readonly origin?: number } | { readonly edges: readonly number[] };

/**
 * The band a number falls in, as a half-open interval: `[30, 40)`; with edges, `< 18` below the first and `≥ 65` from the
 * last. Undefined when the value is not a finite number (numeric text is read as a number). A band of these bands is
 * returned as it is, so a sweep run again over banded rows finds them done instead of suppressing them as unreadable.
 */
export function bandNumber(value: unknown, bands: NumberBands): string | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return typeof value === 'string' && isBandOf(value, bands) ? value : undefined;
  if ('width' in bands) {
    const origin = bands.origin ?? 0;
    const low = origin + Math.floor((n - origin) / bands.width) * bands.width;
    return `[${low}, ${low + bands.width})`;
  }
  const { edges } = bands;
  const first = edges[0];
  const last = edges[edges.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (n < first) return `< ${first}`;
  if (n >= last) return `≥ ${last}`;
  let i = 1;
  while (i < edges.length - 1 && n >= (edges[i] ?? Infinity)) i++;
  return `[${edges[i - 1]}, ${edges[i]})`;
}

/** `[30, 40)`, `< 18` or `≥ 65` exactly as `bandNumber` writes one of these bands. */
function isBandOf(text: string, bands: NumberBands): boolean {
  const interval = /^\[(-?[\d.e+-]+), (-?[\d.e+-]+)\)$/.exec(text);
  if (interval) return bandNumber(Number(interval[1]), bands) === text;
  const open = /^(<|≥) (-?[\d.e+-]+)$/.exec(text);
  if (!open || 'width' in bands) return false;
  const edge = Number(open[2]);
  return bandNumber(open[1] === '<' ? edge - 1 : edge, bands) === text;
}

/** Checks bands once, where they are declared: a positive width, or at least one edge, strictly ascending. */
export function checkBands(bands: NumberBands, where: string): NumberBands {
  if ('width' in bands) {
    if (!(bands.width > 0) || !Number.isFinite(bands.width))
      throw new CustosError({ code: 'invalid-input', message: `${where}: a band width must be a positive number` });
    return Object.freeze({ ...bands });
  }
  const ascending = bands.edges.every((e, i) => Number.isFinite(e) && (i === 0 || e > (bands.edges[i - 1] ?? -Infinity)));
  if (bands.edges.length === 0 || !ascending)
    throw new CustosError({ code: 'invalid-input', message: `${where}: band edges must be numbers in strictly ascending order` });
  return Object.freeze({ edges: Object.freeze([...bands.edges]) });
}

/**
 * The first `length` characters of a postcode, spaces removed and upper-cased, then `*` for what was cut:
 * `H2X 1Y4` → `H2X*` (length 3), `75011` → `75*` (length 2). Undefined for an empty value.
 */
export function postcodePrefix(value: unknown, length: number): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const compact = String(value).replace(/\s+/g, '').toUpperCase();
  if (compact === '') return undefined;
  const kept = compact.replace(/\*+$/, '').slice(0, length);
  return `${kept}*`;
}

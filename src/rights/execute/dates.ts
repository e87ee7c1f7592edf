// Dates as an export writes them: one ISO 8601 form for a field typed date or datetime, whichever engine stored it.
import type { FieldType } from '../../policy/index.js';

/**
 * `YYYY-MM-DD`, optionally followed by a time (`T` or a space; seconds and fractions optional) and a zone (`Z`, `±HH`,
 * `±HHMM`, `±HH:MM`). Without a zone the time is UTC: SQLite's own date functions write UTC that way.
 */
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * The value of a `datetime` field as `2022-03-11T00:00:00.000Z` (what PostgreSQL and MariaDB hand over as a Date), of a
 * `date` field as `2022-03-11`; undefined for a value that reads as neither (kept as it is: a number, whose unit the
 * manifest does not say, or text in another form).
 */
export function isoDate(type: Extract<FieldType, 'date' | 'datetime'>, value: Date | string): string | undefined {
  const instant = value instanceof Date ? value : parseDateText(value);
  if (instant === undefined || Number.isNaN(instant.getTime())) return undefined;
  const iso = instant.toISOString();
  return type === 'date' ? iso.slice(0, 10) : iso;
}

function parseDateText(text: string): Date | undefined {
  const m = DATE_TEXT.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hours, minutes, seconds] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Math.floor(Number(`0${m[7] ?? ''}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hours, minutes, seconds, millis);
  // Date.UTC rolls over (month 13, 31 February): such text is not a date.
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return new Date(utc - offsetMinutes(m[8]) * 60_000);
}

/** Minutes east of UTC of a zone suffix (`Z` or none: 0). */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}

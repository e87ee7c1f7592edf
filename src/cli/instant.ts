// `--now`: a strict ISO 8601 date or date-time that exists on the calendar (2026-02-30 and `0` are refused).
import { CustosError } from '../errors.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const EXAMPLE = 'such as 2026-11-23 or 2026-11-23T10:00:00Z';

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Reads an instant: `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or an offset (`+01:00`).
 * A date-time without a zone is refused rather than read in the machine's zone. `option` names the flag in errors.
 */
export function parseInstant(text: string, option = '--now'): Date {
  const refuse = (why: string): never => {
    throw new CustosError({ code: 'invalid-input', message: `${option} "${text}" ${why}`, details: { option } });
  };
  const m = DATE.exec(text) ?? DATE_TIME.exec(text);
  if (!m) return refuse(`is not an ISO 8601 date or date-time ${EXAMPLE}`);
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const fraction = m[7] ?? '';
  const zone = m[8];
  if (m.length > 4 && m[4] !== undefined && zone === undefined)
    return refuse('has no time zone: end it with Z (UTC) or an offset such as +01:00');
  if (month === undefined || month < 1 || month > 12) return refuse(`names no month (${EXAMPLE})`);
  if (year === undefined || day === undefined || day < 1 || day > daysIn(year, month))
    return refuse(`is not a day of the calendar (${EXAMPLE})`);
  if (hour > 23 || minute > 59 || second > 59) return refuse(`is not a time of day (${EXAMPLE})`);
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh === undefined || om === undefined || oh > 23 || om > 59) return refuse(`has an offset that is no time zone (${EXAMPLE})`);
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute - offsetMinutes, second, ms);
  return utc;
}

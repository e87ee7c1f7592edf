// `--now` accepts only instants that exist, written as ISO 8601, and says what is wrong with the rest.
import { describe, expect, it } from 'vitest';
import { isCustosError } from '../errors.js';
import { parseInstant } from './instant.js';

const refusal = (text: string): string => {
  try {
    parseInstant(text);
  } catch (error) {
    if (isCustosError(error) && error.code === 'invalid-input') return error.message;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
};

describe('parseInstant', () => {
  it.each([
    ['2026-11-23', '2026-11-23T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-11-23T10:00Z', '2026-11-23T10:00:00.000Z'],
    ['2026-11-23T10:00:05Z', '2026-11-23T10:00:05.000Z'],
    ['2026-11-23T10:00:05.25Z', '2026-11-23T10:00:05.250Z'],
    ['2026-11-23T10:00:00+01:00', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23T00:30:00-02:30', '2026-11-23T03:00:00.000Z'],
    ['0001-01-01', '0001-01-01T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso);
  });

  it.each([
    ['0', 'is not an ISO 8601 date or date-time'],
    ['1700000000', 'is not an ISO 8601 date or date-time'],
    ['23/11/2026', 'is not an ISO 8601 date or date-time'],
    ['2026-11-23 10:00Z', 'is not an ISO 8601 date or date-time'],
    ['Mon, 23 Nov 2026', 'is not an ISO 8601 date or date-time'],
    ['2026-02-30', 'is not a day of the calendar'],
    ['2025-02-29', 'is not a day of the calendar'],
    ['2026-04-31', 'is not a day of the calendar'],
    ['2026-13-01', 'names no month'],
    ['2026-00-10', 'names no month'],
    ['2026-11-23T24:00Z', 'is not a time of day'],
    ['2026-11-23T10:60Z', 'is not a time of day'],
    ['2026-11-23T10:00:60Z', 'is not a time of day'],
    ['2026-11-23T10:00+24:00', 'has an offset that is no time zone'],
    ['2026-11-23T10:00:00', 'has no time zone'],
  ])('refuses %j: it %s', (text, why) => {
    expect(refusal(text)).toMatch(new RegExp(`^--now "${text.replace(/[+.*/]/g, '\\$&')}" ${why}`));
  });
});

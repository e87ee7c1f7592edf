// Dates in exports: every engine's way of storing a date or a timestamp becomes one ISO 8601 form.
import { describe, expect, it } from 'vitest';
import { isoDate } from './dates.js';

describe('isoDate', () => {
  it('writes a datetime as PostgreSQL and MariaDB hand it over, from SQLite text in any of its usual forms', () => {
    for (const text of [
      '2022-03-11 00:00:00',
      '2022-03-11T00:00:00Z',
      '2022-03-11T00:00:00.000Z',
      '2022-03-11 01:00:00+01:00',
      '2022-03-10T19:00:00-0500',
      '2022-03-11',
    ]) {
      expect(isoDate('datetime', text)).toBe('2022-03-11T00:00:00.000Z');
    }
    expect(isoDate('datetime', '2022-03-11 10:20:30.25')).toBe('2022-03-11T10:20:30.250Z');
    expect(isoDate('datetime', new Date('2022-03-11T00:00:00Z'))).toBe('2022-03-11T00:00:00.000Z');
  });

  it('writes a date as its calendar day', () => {
    expect(isoDate('date', '2022-03-11')).toBe('2022-03-11');
    expect(isoDate('date', '2022-03-11 00:00:00')).toBe('2022-03-11');
    expect(isoDate('date', new Date('2022-03-11T00:00:00Z'))).toBe('2022-03-11');
  });

  it('leaves text that is no date alone', () => {
    for (const text of ['yesterday', '2022-13-01', '2022-02-30', '2022-03-11 25:00:00', '11/03/2022', '']) {
      expect(isoDate('datetime', text)).toBeUndefined();
    }
  });
});

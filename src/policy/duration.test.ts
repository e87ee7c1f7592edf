// Durations as a manifest writes them: ISO 8601 or plain words; anything else is refused so the schema can say so.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePolicy } from './compiler.js';
import {
  addDuration,
  approximateDays,
  durationProblem,
  isZeroDuration,
  parseDuration,
  subtractDuration,
  type Duration,
} from './duration.js';

const d = (parts: Partial<Duration>): Duration => ({ years: 0, months: 0, days: 0, hours: 0, ...parts });

describe('parseDuration', () => {
  it.each<[string, Duration]>([
    ['P180D', d({ days: 180 })],
    ['P24M', d({ months: 24 })],
    ['P10Y', d({ years: 10 })],
    ['P1Y6M', d({ years: 1, months: 6 })],
    ['P2W', d({ days: 14 })],
    ['P1W3D', d({ days: 10 })],
    ['PT72H', d({ hours: 72 })],
    ['P1DT12H', d({ days: 1, hours: 12 })],
    ['P0D', d({})],
  ])('reads ISO 8601 %s', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each<[string, Duration]>([
    ['180 days', d({ days: 180 })],
    ['1 day', d({ days: 1 })],
    ['10 years', d({ years: 10 })],
    ['1 year', d({ years: 1 })],
    ['3 months', d({ months: 3 })],
    ['2 weeks', d({ days: 14 })],
    ['72 hours', d({ hours: 72 })],
    ['6 Months', d({ months: 6 })],
    ['30days', d({ days: 30 })],
  ])('reads the words %j', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it('ignores surrounding spaces, as YAML block scalars leave them', () => {
    expect(parseDuration('  P30D\n')).toEqual(d({ days: 30 }));
    expect(parseDuration(' 30 days ')).toEqual(d({ days: 30 }));
  });

  it.each([
    '',
    'P',
    'PT',
    'P1YT',
    'P1.5Y',
    'P-1D',
    '180',
    'days',
    'ten days',
    '1.5 years',
    '-3 days',
    '3 decades',
    '30 days ago',
    '1 year 6 months',
  ])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('the bound on durations (100 years)', () => {
  it.each(['P100Y', 'P1200M', 'P36525D', 'PT876600H', '100 years', '1200 months', 'P99Y11M30D'])('accepts %j, within 100 years', (text) => {
    expect(durationProblem(text)).toBeUndefined();
    expect(parseDuration(text)).toBeDefined();
  });

  it.each(['P101Y', 'P100Y1D', 'P300000Y', 'P1201M', 'P36526D', 'PT876601H', '101 years', `P${'9'.repeat(400)}Y`])(
    'refuses %j as too long, so no date it yields can overflow',
    (text) => {
      expect(durationProblem(text)).toBe('too-long');
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('tells a text that is no duration from one that is too long', () => {
    expect(durationProblem('3 decades')).toBe('syntax');
  });

  it('keeps the latest end a manifest can produce a valid date', () => {
    const longest = parseDuration('P100Y') ?? d({});
    expect(addDuration(new Date('9999-12-31T00:00:00Z'), longest).toISOString()).toBe('+010099-12-31T00:00:00.000Z');
  });
});

describe('a manifest with a duration past the bound', () => {
  const valid = fileURLToPath(new URL('../../test/fixtures/manifests/valid-minimal/', import.meta.url));
  const files = (edit: (name: string, text: string) => string) =>
    readdirSync(valid).map((name) => ({ path: name, text: edit(name, readFileSync(join(valid, name), 'utf8')) }));

  it('is refused with CUS051 at the duration, naming the bound', () => {
    const result = compilePolicy(
      files((name, text) => (name === 'billing.yaml' ? text.replace('duration: P10Y', 'duration: P300000Y') : text)),
    );
    expect(result.model).toBeUndefined();
    expect(result.diagnostics.map((x) => [x.code, x.location?.file, x.location?.line, x.message, x.fix])).toEqual([
      [
        'CUS051',
        'billing.yaml',
        34,
        'legalHolds.tax-records.duration: "P300000Y" is longer than 100 years',
        'at most P100Y (1200 months, 36525 days)',
      ],
    ]);
  });

  it('is refused with CUS051 where a duration may also be a word (a deadline extension, or "none")', () => {
    const result = compilePolicy(
      files((name, text) =>
        name === 'organization.yaml' ? text.replace('      authority: cnil', '      authority: cnil\n      extension: P200Y') : text,
      ),
    );
    expect(result.diagnostics.map((x) => [x.code, x.location?.line, x.message])).toEqual([
      ['CUS051', 22, 'organization.jurisdictions.gdpr.extension: "P200Y" is longer than 100 years'],
    ]);
  });
});

describe('duration arithmetic', () => {
  const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it('adds years, months, days and hours on the calendar', () => {
    expect(addDuration(at('2026-03-01'), d({ years: 1 })).toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(addDuration(at('2026-03-01'), d({ months: 6, days: 1 })).toISOString()).toBe('2026-09-02T00:00:00.000Z');
    expect(addDuration(at('2026-03-01'), d({ hours: 72 })).toISOString()).toBe('2026-03-04T00:00:00.000Z');
    // Month ends clamp instead of overflowing into the next month.
    expect(addDuration(at('2026-01-31'), d({ months: 1 })).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addDuration(at('2024-02-29'), d({ years: 1 })).toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });

  it('subtracts a duration to find the cut-off before which data has expired', () => {
    expect(subtractDuration(at('2026-11-23'), d({ days: 30 })).toISOString()).toBe('2026-10-24T00:00:00.000Z');
    expect(subtractDuration(at('2026-11-23'), d({ years: 3 })).toISOString()).toBe('2023-11-23T00:00:00.000Z');
  });

  it('does not change the instant it is given', () => {
    const from = at('2026-03-01');
    addDuration(from, d({ years: 1 }));
    expect(from.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('recognises a zero duration ("delete as soon as the request is processed")', () => {
    expect(isZeroDuration(d({}))).toBe(true);
    expect(isZeroDuration(parseDuration('0 days') ?? d({ days: 1 }))).toBe(true);
    expect(isZeroDuration(d({ hours: 1 }))).toBe(false);
  });

  it('approximates a length in days for sorting', () => {
    expect(approximateDays(d({ years: 1, months: 6 }))).toBe(545);
    expect(approximateDays(d({ hours: 12 }))).toBe(0.5);
  });
});

// Durations, retention periods and dates read as a person would write them, in English and French.
import { describe, expect, it } from 'vitest';
import { parseDuration, type Duration } from '../policy/index.js';
import { countryName, countriesInWords, dateInWords, durationInWords, isoDuration, periodInWords } from './words.js';

const d = (text: string): Duration => {
  const parsed = parseDuration(text);
  if (!parsed) throw new Error(`bad duration ${text}`);
  return parsed;
};
/** French separates a number from its unit with a no-break space; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('durationInWords', () => {
  it.each([
    ['P180D', '180 days', '180 jours'],
    ['P24M', '24 months', '24 mois'],
    ['P10Y', '10 years', '10 ans'],
    ['P1Y', '1 year', '1 an'],
    ['P1M', '1 month', '1 mois'],
    ['P1D', '1 day', '1 jour'],
    ['PT72H', '72 hours', '72 heures'],
    ['P2W', '14 days', '14 jours'],
    ['P1Y6M', '1 year and 6 months', '1 an et 6 mois'],
    ['3 years', '3 years', '3 ans'],
  ])('%s reads "%s" and "%s"', (iso, en, fr) => {
    expect(durationInWords(d(iso), 'en')).toBe(en);
    expect(plain(durationInWords(d(iso), 'fr'))).toBe(fr);
  });

  it('keeps a French number on the same line as its unit', () => {
    expect(durationInWords(d('P30D'), 'fr')).toBe('30\u00a0jours');
  });

  it('groups thousands the way each language does', () => {
    expect(durationInWords(d('P1500D'), 'en')).toBe('1,500 days');
    expect(plain(durationInWords(d('P1500D'), 'fr'))).toBe('1 500 jours');
  });
});

describe('periodInWords', () => {
  it('phrases each trigger naturally', () => {
    expect(periodInWords(d('P180D'), 'collected', 'en')).toBe('180 days from collection');
    expect(periodInWords(d('P1Y'), 'request-replied', 'en')).toBe('1 year after the reply to the request');
    expect(periodInWords(d('P1Y'), 'contract-end', 'en')).toBe('1 year after the end of the contract');
    expect(periodInWords(d('P12M'), 'last-contact', 'en')).toBe('12 months after the last contact');
    expect(plain(periodInWords(d('P1Y'), 'request-replied', 'fr'))).toBe('1 an après la réponse à la demande');
    expect(plain(periodInWords(d('P180D'), 'collected', 'fr'))).toBe('180 jours à compter de la collecte');
    expect(plain(periodInWords(d('P3Y'), 'last-activity', 'fr'))).toBe('3 ans après votre dernière activité');
  });

  it('says a zero period as the moment of deletion', () => {
    expect(periodInWords(d('P0D'), 'request-processed', 'en')).toBe('as soon as the request is processed');
    expect(periodInWords(d('P0D'), 'request-processed', 'fr')).toBe('dès le traitement de la demande');
  });
});

describe('dates and countries', () => {
  it('writes dates in words, with the French ordinal for the first of the month', () => {
    expect(dateInWords('2025-03-01', 'en')).toBe('1 March 2025');
    expect(plain(dateInWords('2025-03-01', 'fr'))).toBe('1er mars 2025');
    expect(dateInWords('2025-01-15', 'fr')).toBe('15 janvier 2025');
    expect(dateInWords(new Date('2025-06-01T23:30:00Z'), 'en')).toBe('1 June 2025');
  });

  it('names countries and joins them', () => {
    expect(countryName('US', 'fr')).toBe('États-Unis');
    expect(countriesInWords(['IE', 'US'], 'en')).toBe('Ireland and United States');
    expect(countriesInWords(['IE', 'US'], 'fr')).toBe('Irlande et États-Unis');
  });

  it('writes durations as ISO 8601 whatever the manifest used', () => {
    expect(isoDuration(d('3 years'))).toBe('P3Y');
    expect(isoDuration(d('P1Y6M'))).toBe('P1Y6M');
    expect(isoDuration(d('PT72H'))).toBe('PT72H');
    expect(isoDuration(d('P0D'))).toBe('P0D');
  });
});

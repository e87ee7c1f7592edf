// "Did you mean …?": a typo gets the closest known word; an unrelated word gets no suggestion rather than a wrong one.
import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from './suggest.js';

const PURPOSE_KEYS = [
  'name',
  'description',
  'legalBasis',
  'legitimateInterest',
  'consent',
  'subjects',
  'categories',
  'recipients',
  'retention',
];

describe('closest', () => {
  it('finds a key typed in the wrong case or with a slip of the finger', () => {
    expect(closest('legalbasis', PURPOSE_KEYS)).toBe('legalBasis');
    expect(closest('catgories', PURPOSE_KEYS)).toBe('categories');
    expect(closest('retension', PURPOSE_KEYS)).toBe('retention');
  });

  it('finds a dotted category with a transposed letter', () => {
    expect(closest('user.contact.emial', ['user.contact.email', 'user.contact.phone', 'user.identity.name'])).toBe('user.contact.email');
  });

  it('prefers the nearest of several close candidates', () => {
    expect(closest('tax-record', ['tax-records', 'tax-recording', 'records'])).toBe('tax-records');
  });

  it('suggests nothing when no candidate is within a typo’s reach', () => {
    expect(closest('lawfulGround', PURPOSE_KEYS)).toBeUndefined();
    expect(closest('user.special.health', ['user.contact.email'])).toBeUndefined();
  });

  it('allows more edits in a longer word: two, or a third of its length', () => {
    expect(closest('paymnt-procesr', ['payment-processor'])).toBe('payment-processor');
    expect(closest('abcdef', ['abcxyz'])).toBeUndefined();
    expect(closest('ico', ['cnil'])).toBeUndefined();
  });

  it('suggests nothing when there is nothing to choose from', () => {
    expect(closest('anything', [])).toBeUndefined();
  });

  it('accepts any iterable, such as the keys of a model map', () => {
    expect(closest('cnill', new Map([['cnil', {}]]).keys())).toBe('cnil');
  });
});

describe('didYouMean', () => {
  it('phrases the suggestion as the fix a diagnostic prints', () => {
    expect(didYouMean('legalbasis', PURPOSE_KEYS)).toBe('did you mean "legalBasis"?');
  });

  it('returns undefined so callers can fall back to their own hint', () => {
    expect(didYouMean('zzz', PURPOSE_KEYS)).toBeUndefined();
  });
});

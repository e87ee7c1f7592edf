// Queries over the desk's requests: overdue ones are impossible to miss, those falling due soon come first.
import { describe, expect, it } from 'vitest';
import { daysLeft, dueWithin, overdue, unacknowledged } from './queries.js';
import { transition, type RequestEvent } from './transitions.js';
import type { RightsRequest } from './request.js';
import { agent, preset, request } from './requests.test-support.js';

const at = (day: string): Date => new Date(`${day}T12:00:00Z`);

function apply(req: RightsRequest, event: RequestEvent, day: string, reason?: string): RightsRequest {
  const result = transition(req, event, { actor: agent, at: at(day), reason });
  if (!result.ok) throw result.error;
  return result.request;
}

// Due: gdpr-a 2028-02-29, quebec-b 2028-03-01, lgpd-c 2028-02-15, ccpa-d 2028-03-16.
const A = request({ id: 'gdpr-a', jurisdiction: preset('gdpr'), receivedAt: at('2028-01-31') });
const B = request({ id: 'quebec-b', jurisdiction: preset('quebec'), receivedAt: at('2028-01-31') });
const C = request({ id: 'lgpd-c', jurisdiction: preset('lgpd'), receivedAt: at('2028-01-31') });
const D = request({ id: 'ccpa-d', jurisdiction: preset('ccpa'), receivedAt: at('2028-01-31') });

describe('daysLeft', () => {
  it('counts calendar days to the due day: 0 on it, negative after', () => {
    expect(daysLeft(A, at('2028-02-01'))).toBe(28);
    expect(daysLeft(A, new Date('2028-02-29T23:59:59Z'))).toBe(0);
    expect(daysLeft(A, at('2028-03-02'))).toBe(-2);
  });

  it('has nothing left to count once the request is closed', () => {
    const cancelled = apply(A, { type: 'cancel' }, '2028-02-02', 'Withdrawn by the person');
    expect(daysLeft(cancelled, at('2028-03-02'))).toBeUndefined();
  });
});

describe('overdue', () => {
  it('lists open requests past their due day, the longest overdue first', () => {
    expect(overdue([A, B, C, D], at('2028-03-02')).map((r) => r.id)).toEqual(['lgpd-c', 'gdpr-a', 'quebec-b']);
    expect(overdue([A, B, C, D], at('2028-02-15'))).toEqual([]);
  });

  it('leaves out closed requests and counts an extension', () => {
    const denied = apply(C, { type: 'deny' }, '2028-02-10', 'Manifestly unfounded');
    const extended = apply(A, { type: 'extend' }, '2028-02-20', 'Numerous requests');
    expect(overdue([extended, B, denied, D], at('2028-03-02')).map((r) => r.id)).toEqual(['quebec-b']);
  });
});

describe('dueWithin', () => {
  it('lists open requests due from today to `days` ahead, the soonest first, not those overdue', () => {
    expect(dueWithin([A, B, C, D], at('2028-02-16'), 14).map((r) => r.id)).toEqual(['gdpr-a', 'quebec-b']);
    expect(dueWithin([A, B, C, D], at('2028-02-15'), 0).map((r) => r.id)).toEqual(['lgpd-c']);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => dueWithin([A], at('2028-02-16'), -1)).toThrow('days must be a whole number of days, 0 or more (got -1)');
    expect(() => dueWithin([A], at('2028-02-16'), 1.5)).toThrow('(got 1.5)');
  });
});

describe('unacknowledged', () => {
  it('lists CCPA requests whose receipt was not confirmed within 10 business days', () => {
    // Received Monday 31 January: confirm by Monday 14 February.
    expect(unacknowledged([A, D], at('2028-02-14'))).toEqual([]);
    expect(unacknowledged([A, D], at('2028-02-15')).map((r) => r.id)).toEqual(['ccpa-d']);
    const confirmed = apply(D, { type: 'acknowledge' }, '2028-02-01');
    expect(confirmed.acknowledgedAt).toEqual(at('2028-02-01'));
    expect(unacknowledged([confirmed], at('2028-02-15'))).toEqual([]);
  });
});

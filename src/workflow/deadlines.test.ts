// Deadlines by law: what day a request is due, when an extension may be announced and to what day, the UK pause, CCPA's receipt notice.
import { describe, expect, it } from 'vitest';
import type { Jurisdiction } from '../policy/index.js';
import { deadlineOf, extensionRefusal } from './deadlines.js';
import { transition, type RequestEvent, type TransitionContext } from './transitions.js';
import type { RightsRequest } from './request.js';
import { agent, overridden, preset, request } from './requests.test-support.js';

const at = (day: string): Date => new Date(`${day}T12:00:00Z`);

function apply(req: RightsRequest, event: RequestEvent, ctx: TransitionContext): RightsRequest {
  const result = transition(req, event, ctx);
  if (!result.ok) throw result.error;
  return result.request;
}

function under(jurisdiction: Jurisdiction, receivedAt: string): RightsRequest {
  return request({ jurisdiction, receivedAt: new Date(receivedAt) });
}

describe('deadlineOf: the day each law gives from receipt', () => {
  it.each([
    // GDPR and UK GDPR: one calendar month, clamped to the month's end.
    ['gdpr', '2028-01-31T15:00:00Z', '2028-02-29'],
    ['gdpr', '2027-01-31T15:00:00Z', '2027-02-28'],
    ['gdpr', '2028-03-31T09:00:00Z', '2028-04-30'],
    ['gdpr', '2028-12-31T23:59:00Z', '2029-01-31'],
    ['gdpr', '2028-01-15T00:00:00Z', '2028-02-15'],
    ['uk-gdpr', '2028-01-31T15:00:00Z', '2028-02-29'],
    ['uk-gdpr', '2100-01-31T15:00:00Z', '2100-02-28'], // 2100 is no leap year
    // Quebec and PIPEDA: 30 calendar days, across a leap February.
    ['quebec', '2028-01-31T15:00:00Z', '2028-03-01'],
    ['quebec', '2027-01-31T15:00:00Z', '2027-03-02'],
    ['pipeda', '2028-02-15T15:00:00Z', '2028-03-16'],
    // CCPA: 45 calendar days; LGPD: 15, across the new year.
    ['ccpa', '2028-01-31T15:00:00Z', '2028-03-16'],
    ['lgpd', '2028-12-20T15:00:00Z', '2029-01-04'],
  ])('%s, received %s: due %s', (id, receivedAt, due) => {
    const deadline = deadlineOf(under(preset(id), receivedAt), new Date(receivedAt));
    expect(deadline.due).toBe(due);
    expect(deadline.firstDue).toBe(due);
    expect(deadline.extended).toBe(false);
  });

  it('counts from the UTC day of receipt, whatever the hour', () => {
    expect(deadlineOf(under(preset('gdpr'), '2028-01-31T00:00:00Z'), at('2028-02-01')).due).toBe('2028-02-29');
    expect(deadlineOf(under(preset('gdpr'), '2028-01-31T23:59:59Z'), at('2028-02-01')).due).toBe('2028-02-29');
    expect(deadlineOf(under(preset('gdpr'), '2028-01-31T23:59:59Z'), at('2028-02-01')).receivedOn).toBe('2028-01-31');
  });
});

describe('extensions', () => {
  it.each([
    // The extension runs from the first due day: 29 February + 2 months = 29 April (never later than receipt + 3 months).
    ['gdpr', '2028-01-31T15:00:00Z', '2028-02-29', '2028-04-29'],
    ['uk-gdpr', '2027-11-30T15:00:00Z', '2027-12-30', '2028-02-29'],
    ['pipeda', '2028-01-31T15:00:00Z', '2028-03-01', '2028-03-31'],
    ['ccpa', '2028-01-31T15:00:00Z', '2028-03-16', '2028-04-30'],
  ])('%s, received %s: announced by %s, due %s once extended', (id, receivedAt, tellBy, extendedDue) => {
    const req = under(preset(id), receivedAt);
    expect(deadlineOf(req, new Date(receivedAt)).extension).toEqual({ tellBy, due: extendedDue });
    const extended = apply(req, { type: 'extend' }, { actor: agent, at: at(tellBy), reason: 'Numerous requests' });
    const deadline = deadlineOf(extended, at(tellBy));
    expect(deadline).toMatchObject({ due: extendedDue, firstDue: tellBy, extended: true });
    expect(deadline.extension).toBeUndefined();
    expect(extended.extension).toEqual({ at: at(tellBy), by: agent, reason: 'Numerous requests' });
  });

  it.each(['quebec', 'lgpd'])('%s allows none: the extension is refused and the due day stays', (id) => {
    const req = under(preset(id), '2028-01-31T15:00:00Z');
    expect(deadlineOf(req, at('2028-02-01')).extension).toBeUndefined();
    const result = transition(req, { type: 'extend' }, { actor: agent, at: at('2028-02-01'), reason: 'Complex request' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('precondition-failed');
    const due = deadlineOf(req, at('2028-02-01')).due;
    expect(result.error.message).toBe(`Request req-1: the law of ${id} allows no extension; the answer is due by ${due}`);
  });

  it('is refused once the first deadline has passed, since the person had to be told within it', () => {
    const req = under(preset('gdpr'), '2028-01-31T15:00:00Z');
    expect(extensionRefusal(req, new Date('2028-02-29T23:59:00Z'))).toBeUndefined();
    const late = extensionRefusal(req, at('2028-03-01'));
    expect(late?.code).toBe('precondition-failed');
    expect(late?.message).toContain('had to be announced, with its reasons, by 2028-02-29; it is now 2028-03-01');
  });

  it('is allowed once only (CCPA: +45 days once)', () => {
    const req = apply(
      under(preset('ccpa'), '2028-01-31T15:00:00Z'),
      { type: 'extend' },
      { actor: agent, at: at('2028-02-10'), reason: 'Volume' },
    );
    const again = transition(req, { type: 'extend' }, { actor: agent, at: at('2028-02-11'), reason: 'More volume' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toBe('Request req-1 was already extended once; the answer is due by 2028-04-30');
  });
});

describe('the UK clock stops while awaiting proof of identity', () => {
  function proofAsked(id: string): RightsRequest {
    const req = under(preset(id), '2028-01-10T09:00:00Z');
    const waiting = apply(req, { type: 'ask-verification' }, { actor: agent, at: at('2028-01-10') });
    return apply(waiting, { type: 'ask-proof' }, { actor: agent, at: at('2028-01-12') });
  }

  it('moves the due day by the days spent waiting', () => {
    const verified = apply(proofAsked('uk-gdpr'), { type: 'verify' }, { actor: agent, at: at('2028-01-19') });
    expect(verified.pauses).toEqual([{ from: at('2028-01-12'), to: at('2028-01-19') }]);
    expect(deadlineOf(verified, at('2028-01-20'))).toMatchObject({ due: '2028-02-17', pausedDays: 7, clockStopped: false });
  });

  it('stands still while the proof is awaited: the due day moves a day for each day waited', () => {
    const waiting = proofAsked('uk-gdpr');
    expect(deadlineOf(waiting, at('2028-01-15'))).toMatchObject({ due: '2028-02-13', pausedDays: 3, clockStopped: true });
    expect(deadlineOf(waiting, at('2028-01-16'))).toMatchObject({ due: '2028-02-14', pausedDays: 4, clockStopped: true });
  });

  it.each(['gdpr', 'ccpa', 'quebec'])('does not stop under %s: the wait is recorded, the due day stays', (id) => {
    const verified = apply(proofAsked(id), { type: 'verify' }, { actor: agent, at: at('2028-01-19') });
    expect(verified.pauses).toHaveLength(1);
    const deadline = deadlineOf(verified, at('2028-01-20'));
    expect(deadline.pausedDays).toBe(0);
    expect(deadline.due).toBe(deadlineOf(under(preset(id), '2028-01-10T09:00:00Z'), at('2028-01-20')).due);
  });

  it('ends the pause when the request is denied or cancelled while waiting', () => {
    const denied = apply(proofAsked('uk-gdpr'), { type: 'deny' }, { actor: agent, at: at('2028-02-20'), reason: 'No proof received' });
    expect(denied.pauses).toEqual([{ from: at('2028-01-12'), to: at('2028-02-20') }]);
  });
});

describe('CCPA: receipt confirmed within 10 business days (Monday to Friday, no holiday calendar)', () => {
  it.each([
    ['Friday', '2028-01-07T15:00:00Z', '2028-01-21'],
    ['Saturday', '2028-01-08T15:00:00Z', '2028-01-21'],
    ['Sunday', '2028-01-09T15:00:00Z', '2028-01-21'],
    ['Wednesday', '2028-01-05T15:00:00Z', '2028-01-19'],
    // Christmas Monday counts as a business day: the day shown is never later than the law's.
    ['Friday before Christmas', '2027-12-24T15:00:00Z', '2028-01-07'],
  ])('received on a %s (%s): confirm by %s', (_day, receivedAt, by) => {
    expect(deadlineOf(under(preset('ccpa'), receivedAt), new Date(receivedAt)).acknowledgeBy).toBe(by);
  });

  it.each(['gdpr', 'uk-gdpr', 'quebec', 'pipeda', 'lgpd'])('%s asks no receipt notice', (id) => {
    expect(deadlineOf(under(preset(id), '2028-01-07T15:00:00Z'), at('2028-01-07')).acknowledgeBy).toBeUndefined();
  });
});

describe('a jurisdiction as the manifest states it', () => {
  it('follows overrides: 20 days and no extension', () => {
    const req = under(overridden('{ pipeda: { deadline: P20D, extension: none } }'), '2028-02-20T10:00:00Z');
    expect(deadlineOf(req, at('2028-02-20')).due).toBe('2028-03-11');
    expect(extensionRefusal(req, at('2028-02-21'))?.code).toBe('precondition-failed');
  });

  it('gives an id no preset knows its own deadline and extension, with no pause and no receipt notice', () => {
    // The id is widened to any string once manifests declare their own jurisdictions; until then the test casts it.
    const custom: Jurisdiction = {
      ...preset('gdpr'),
      id: 'fadp-like' as Jurisdiction['id'],
      deadline: { years: 0, months: 0, days: 0, hours: 72 },
      extension: { years: 0, months: 1, days: 0, hours: 0 },
    };
    const req = under(custom, '2028-01-30T10:00:00Z');
    expect(req.terms).toEqual({
      deadline: custom.deadline,
      extension: custom.extension,
      clockStopsForProof: false,
      acknowledgeWithinBusinessDays: undefined,
    });
    expect(deadlineOf(req, at('2028-01-30'))).toMatchObject({ due: '2028-02-02', extension: { tellBy: '2028-02-02', due: '2028-03-02' } });
    expect(deadlineOf(req, at('2028-01-30')).acknowledgeBy).toBeUndefined();
  });

  it('keeps the terms a request arrived under when the manifest changes later', () => {
    const req = under(preset('pipeda'), '2028-02-20T10:00:00Z');
    expect(req.terms.deadline).toEqual({ years: 0, months: 0, days: 30, hours: 0 });
    expect(Object.isFrozen(req.terms)).toBe(true);
    expect(deadlineOf(req, at('2028-02-20')).due).toBe('2028-03-21');
  });
});

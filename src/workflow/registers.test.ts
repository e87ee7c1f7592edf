import { describe, expect, it } from 'vitest';
import { complaintClock } from './complaints.js';
import { incidentClock, incidentsDueWithin, overdueIncidents, type Incident } from './incidents.js';
import { changeEntry, entryDueAt, recordEntry, type RegisterEntry } from './registers.js';

const AT = new Date('2026-11-23T10:00:00Z');

function incident(overrides: Record<string, unknown> = {}, id = 'inc-1', at = AT): Incident {
  const entry = recordEntry(
    'incident',
    id,
    {
      detectedAt: at.toISOString(),
      description: 'Backup bucket readable by anyone for two days',
      dataCategories: ['user.contact.email'],
      approxPeople: 1200,
      approxRecords: 1500,
      risk: 'risk',
      laws: ['gdpr'],
      ...overrides,
    },
    at,
  );
  if (entry.kind !== 'incident') throw new Error('not an incident');
  return entry;
}

describe('incident notification clocks', () => {
  it.each([
    // [detected at, law, now, authority due at, hours left, overdue]
    ['2026-11-23T10:00:00Z', 'gdpr', '2026-11-23T10:00:00Z', '2026-11-26T10:00:00.000Z', 72, false],
    ['2026-11-23T10:00:00Z', 'gdpr', '2026-11-26T09:59:00Z', '2026-11-26T10:00:00.000Z', 0, false],
    ['2026-11-23T10:00:00Z', 'gdpr', '2026-11-26T10:00:01Z', '2026-11-26T10:00:00.000Z', -1, true],
    // Across a month's end and a year's end: hours are hours, in UTC (no DST to skip).
    ['2026-11-29T23:30:00Z', 'gdpr', '2026-11-30T23:30:00Z', '2026-12-02T23:30:00.000Z', 48, false],
    ['2026-12-30T18:00:00Z', 'uk-gdpr', '2027-01-01T18:00:00Z', '2027-01-02T18:00:00.000Z', 24, false],
    // 28 February 2028 of a leap year: the clock runs through the 29th.
    ['2028-02-27T12:00:00Z', 'gdpr', '2028-02-29T12:00:00Z', '2028-03-01T12:00:00.000Z', 24, false],
    // The last Sunday of March and October (European DST changes) are hours like any other in UTC.
    ['2027-03-27T12:00:00Z', 'gdpr', '2027-03-30T12:00:00Z', '2027-03-30T12:00:00.000Z', 0, false],
  ] as const)('detected %s under %s, at %s: authority due %s, %i hours left', (detected, law, now, due, left, late) => {
    const clock = incidentClock(incident({ laws: [law] }, 'inc-1', new Date(detected)), new Date(now));
    expect(clock.authorityDueAt?.toISOString()).toBe(due);
    expect(clock.hoursLeft).toBe(left);
    expect(clock.overdue).toBe(late);
  });

  it.each([
    // [law, risk, notifications owed as "to:pace", authority hour clock?]
    ['gdpr', 'none', [], false],
    ['gdpr', 'risk', ['authority:hours'], true],
    ['gdpr', 'high-risk', ['authority:hours', 'people:without-undue-delay'], true],
    ['uk-gdpr', 'risk', ['authority:hours'], true],
    ['quebec', 'risk', [], false],
    ['quebec', 'high-risk', ['authority:promptly', 'people:promptly'], false],
    ['pipeda', 'risk', [], false],
    ['pipeda', 'high-risk', ['authority:as-soon-as-feasible', 'people:as-soon-as-feasible'], false],
  ] as const)('%s at %s owes %j', (law, risk, owed, hourClock) => {
    const clock = incidentClock(incident({ laws: [law], risk }), AT);
    expect(clock.notifications.map((n) => `${n.to}:${n.pace}`)).toEqual(owed);
    expect(clock.authorityDueAt !== undefined).toBe(hourClock);
    expect(clock.overdue).toBe(false);
  });

  it('names the authority each law sends to, and keeps the record as long as the longest law asks', () => {
    const clock = incidentClock(incident({ laws: ['quebec', 'pipeda', 'ccpa'], risk: 'high-risk' }), AT);
    expect(clock.notifications.filter((n) => n.to === 'authority').map((n) => n.authority)).toEqual([
      "Commission d'accès à l'information",
      'Privacy Commissioner of Canada',
    ]);
    expect(clock.lawsWithoutRule).toEqual(['ccpa']);
    expect(clock.keepUntil?.toISOString()).toBe('2031-11-23T10:00:00.000Z');
    expect(incidentClock(incident({ laws: ['pipeda'] }), AT).keepUntil?.toISOString()).toBe('2028-11-23T10:00:00.000Z');
  });

  it('stops the clock once the authority is notified, and lists what is due soon or overdue', () => {
    const late = incident({}, 'inc-late', new Date('2026-11-19T09:00:00Z'));
    const soon = incident({}, 'inc-soon', new Date('2026-11-21T12:00:00Z'));
    const later = incident({}, 'inc-later', new Date('2026-11-23T09:00:00Z'));
    const none = incident({ risk: 'none' }, 'inc-none');
    const now = new Date('2026-11-23T10:00:00Z');
    expect(incidentsDueWithin([later, none, soon, late], now, 30).map((i) => i.id)).toEqual(['inc-late', 'inc-soon']);
    expect(overdueIncidents([later, none, soon, late], now).map((i) => i.id)).toEqual(['inc-late']);
    const sent = changeEntry(late, { notification: { to: 'authority', law: 'gdpr', at: '2026-11-23T09:30:00Z' } }, now);
    expect(sent.events).toEqual(['notified']);
    const clock = incidentClock(sent.entry as Incident, now);
    expect([clock.overdue, clock.authorityDueAt, clock.notifications[0]?.sentAt?.toISOString()]).toEqual([
      false,
      undefined,
      '2026-11-23T09:30:00.000Z',
    ]);
    expect(() => incidentsDueWithin([], now, -1)).toThrow('hours must be a whole number of hours, 0 or more (got -1)');
  });

  it('refuses a notification under a law the incident does not name, twice, or before detection', () => {
    const open = incident();
    expect(() => changeEntry(open, { notification: { to: 'authority', law: 'quebec', at: AT.toISOString() } }, AT)).toThrow(
      "incident inc-1: notification.law names quebec, not one of the incident's laws (gdpr)",
    );
    const once = changeEntry(open, { notification: { to: 'authority', law: 'gdpr', at: AT.toISOString() } }, AT).entry;
    expect(() => changeEntry(once, { notification: { to: 'authority', law: 'gdpr', at: AT.toISOString() } }, AT)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(() => changeEntry(open, { notification: { to: 'people', law: 'gdpr', at: '2026-11-22T00:00:00Z' } }, AT)).toThrow(
      'notification.at is before the incident was detected',
    );
  });

  it('moves open → contained → closed, never back, and names a bad field', () => {
    const contained = changeEntry(incident(), { status: 'contained', measuresTaken: 'Bucket made private' }, AT);
    expect(contained.events).toEqual(['updated', 'contained']);
    const closed = changeEntry(contained.entry, { status: 'closed' }, AT).entry;
    expect([closed.status, (closed as Incident).containedAt, (closed as Incident).closedAt]).toEqual(['closed', AT, AT]);
    expect(() => changeEntry(closed, { status: 'open' }, AT)).toThrow('incident inc-1 is closed: it cannot become open');
    expect(() => incident({ approxPeople: -3 })).toThrow(
      expect.objectContaining({ code: 'invalid-input', details: { field: 'approxPeople' } }),
    );
    expect(() => incident({ detectedAt: '2026-11-24T10:00:00Z' })).toThrow('detectedAt is in the future');
    expect(() => incident({ detectedAt: '23/11/2026' })).toThrow(expect.objectContaining({ details: { field: 'detectedAt' } }));
  });
});

describe('complaint clock', () => {
  it.each([
    // [received at, now, due day, days left]: 30 calendar days from the day of receipt, whatever the hour.
    ['2026-11-23T23:59:00Z', '2026-11-23T00:00:00Z', '2026-12-23', 30],
    ['2027-01-31T08:00:00Z', '2027-03-02T12:00:00Z', '2027-03-02', 0],
    ['2027-01-31T08:00:00Z', '2027-03-03T00:00:00Z', '2027-03-02', -1],
    ['2028-02-01T08:00:00Z', '2028-02-29T08:00:00Z', '2028-03-02', 2],
    ['2026-12-15T08:00:00Z', '2027-01-10T08:00:00Z', '2027-01-14', 4],
  ])('received %s, at %s: due %s, %i days left', (received, now, due, left) => {
    const complaint = recordEntry(
      'complaint',
      'cmp-1',
      { receivedAt: received, from: { requestId: 'req-1' }, subject: 'No answer' },
      new Date(now > received ? now : received),
    );
    const clock = complaintClock(complaint as Extract<RegisterEntry, { kind: 'complaint' }>, new Date(now));
    expect([clock.due, clock.daysLeft, clock.overdue]).toEqual([due, left, left < 0]);
  });

  it('is answered only with an answer; an answered complaint owes nothing', () => {
    const complaint = recordEntry('complaint', 'cmp-1', { from: { personRef: 'p_42' }, subject: 'Marketing after objection' }, AT);
    expect(entryDueAt(complaint, AT)?.toISOString()).toBe('2026-12-23T23:59:59.999Z');
    expect(() => changeEntry(complaint, { status: 'answered' }, AT)).toThrow('complaint cmp-1: answer is required to answer a complaint');
    const answered = changeEntry(complaint, { status: 'answered', answer: 'Your address was removed from the list.' }, AT);
    expect(answered.events).toEqual(['updated', 'answered']);
    expect(entryDueAt(answered.entry, AT)).toBeUndefined();
    expect(() => recordEntry('complaint', 'c', { from: { email: 'ada@example.com' }, subject: 'x' }, AT)).toThrow(
      expect.objectContaining({ details: { field: 'from' } }),
    );
  });
});

describe('authority requests', () => {
  const received = () =>
    recordEntry(
      'authority-request',
      'auth-1',
      {
        authority: 'Tribunal judiciaire de Paris',
        jurisdiction: 'FR',
        legalBasis: 'Requisition, art. 60-1 CPP',
        dueAt: '2026-12-01T00:00:00Z',
      },
      AT,
    );

  it('answers only a request checked, found valid, with the person informed or why not, and what was disclosed', () => {
    const checking = changeEntry(received(), { status: 'checking', competenceCheckedBy: 'staff-officer' }, AT).entry;
    expect(() => changeEntry(checking, { status: 'answered', valid: true }, AT)).toThrow(
      'authority-request auth-1: personInformed cannot be answered yet: record when the person was informed, or why they were not',
    );
    const answered = changeEntry(
      checking,
      {
        status: 'answered',
        valid: true,
        personInformed: { informed: false, reason: 'Court order forbids telling the person' },
        disclosed: { categories: ['user.contact.email'], collections: ['crm.customers'] },
        runId: 'run-7',
      },
      AT,
    );
    expect(answered.events).toEqual(['updated', 'answered']);
    expect([answered.entry.status, answered.entry.closedAt, entryDueAt(answered.entry, AT)]).toEqual(['answered', AT, undefined]);
    expect(() => changeEntry(answered.entry, { status: 'checking' }, AT)).toThrow('is answered: it cannot become checking');
  });

  it('refuses a request found not valid only with the reason; its due date is the authority’s', () => {
    expect(entryDueAt(received(), AT)?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(() => changeEntry(received(), { status: 'refused', competenceCheckedBy: 'staff-officer', valid: false }, AT)).toThrow(
      'validityReason cannot be refused yet: say why the request is not valid',
    );
    const refused = changeEntry(
      received(),
      {
        status: 'refused',
        competenceCheckedBy: 'staff-officer',
        valid: false,
        validityReason: 'Foreign authority without a treaty request',
      },
      AT,
    );
    expect(refused.entry.status).toBe('refused');
  });
});

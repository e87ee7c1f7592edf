import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, type Clock } from '../clock.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { openRegisters } from './registers.js';

const AT = new Date('2026-11-23T10:00:00Z');
let dir: string | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  store = undefined;
  dir = undefined;
});

function open(clock: Clock = fixedClock(AT)) {
  dir = mkdtempSync(join(tmpdir(), 'custos-registers-'));
  store = openSqliteStore(join(dir, 'custos.db'), { clock });
  return { store, registers: openRegisters({ store, clock }) };
}

const INCIDENT = {
  detectedAt: '2026-11-22T16:00:00Z',
  description: 'Invoices of ada@example.com sent to another customer',
  dataCategories: ['user.billing.invoice'],
  approxPeople: 1,
  approxRecords: 3,
  risk: 'risk',
  laws: ['gdpr'],
};

describe('registers service', () => {
  it('records an incident with its clock, and audits each change with ids and counts only', async () => {
    const { store, registers } = open();
    const recorded = await registers.record('incident', INCIDENT, 'staff-officer');
    expect(recorded.entry.id).toMatch(/^inc-20261123-[a-z]{10}$/);
    expect(recorded.clock).toMatchObject({ dueAt: new Date('2026-11-25T16:00:00Z'), hoursLeft: 54, overdue: false });
    const changed = await registers.change(
      recorded.entry.id,
      { notification: { to: 'authority', law: 'gdpr', at: '2026-11-23T09:00:00Z', reference: 'CNIL case 2026-118' }, status: 'contained' },
      { expectedVersion: 1, staffId: 'staff-officer' },
    );
    expect([changed.version, changed.entry.status, changed.clock.dueAt, changed.clock.overdue]).toEqual([2, 'contained', undefined, false]);
    const trail = await store.audit.read(1, 10);
    expect(trail.map((e) => [e.action, e.actor.id, e.subjects])).toEqual([
      ['incident.recorded', 'staff-officer', { incident: recorded.entry.id }],
      ['incident.notified', 'staff-officer', { incident: recorded.entry.id }],
      ['incident.contained', 'staff-officer', { incident: recorded.entry.id }],
    ]);
    expect(trail[0]?.details).toEqual({ status: 'open', risk: 'risk', people: 1, records: 3 });
    expect(trail[1]?.details).toEqual({ status: 'contained', to: 'authority', law: 'gdpr' });
    const text = JSON.stringify(trail);
    for (const written of ['ada@example.com', 'Invoices', 'CNIL case']) expect(text).not.toContain(written);
  });

  it('refuses a change over a stale version, leaving the entry and the trail as they were', async () => {
    const { store, registers } = open();
    const { entry } = await registers.record(
      'complaint',
      { from: { requestId: 'req-1' }, subject: 'No answer after a month' },
      'staff-officer',
    );
    await registers.change(
      entry.id,
      { answer: 'We are sorry: here is your copy.', status: 'answered' },
      { expectedVersion: 1, staffId: 'staff-officer' },
    );
    const before = await store.audit.read(1, 10);
    await expect(
      registers.change(entry.id, { status: 'withdrawn' }, { expectedVersion: 1, staffId: 'staff-analyst' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await store.audit.read(1, 10)).toEqual(before);
    expect(before.map((e) => e.action)).toEqual(['complaint.recorded', 'complaint.updated', 'complaint.answered']);
    expect(before[0]?.subjects).toEqual({ complaint: entry.id, request: 'req-1' });
    expect((await registers.get(entry.id)).entry.status).toBe('answered');
    await expect(registers.get(entry.id, 'incident')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lists the overdue entries of the moment, whatever their kind', async () => {
    let now = new Date('2026-11-01T10:00:00Z');
    const clock: Clock = { now: () => now };
    const { registers } = open(clock);
    const late = await registers.record('incident', { ...INCIDENT, detectedAt: '2026-11-01T09:00:00Z' }, 'staff-officer');
    const complaint = await registers.record(
      'complaint',
      { from: { personRef: 'p_42' }, subject: 'Still receiving mail' },
      'staff-officer',
    );
    await registers.record('incident', { ...INCIDENT, detectedAt: '2026-11-01T09:00:00Z', risk: 'none' }, 'staff-officer');
    now = new Date('2026-11-04T10:00:00Z');
    expect((await registers.list({ overdue: true })).items.map((v) => v.entry.id)).toEqual([late.entry.id]);
    now = new Date('2026-12-02T00:00:00Z');
    const overdue = await registers.list({ overdue: true });
    expect(overdue.items.map((v) => v.entry.id).sort()).toEqual([late.entry.id, complaint.entry.id].sort());
    expect(overdue.items.find((v) => v.entry.kind === 'complaint')?.clock).toMatchObject({ daysLeft: -1, overdue: true });
  });
});

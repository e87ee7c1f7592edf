// When scheduled sweeps are due: the slot a service sweeps at any instant, and the schedules people write.
import { describe, expect, it } from 'vitest';
import { dueSlot, scheduledSweepId, sweepSchedule } from './schedule.js';

describe('sweep schedules', () => {
  it('sweep daily at 03:00 UTC by default: before three the due slot is the day before', () => {
    const daily = sweepSchedule(undefined, undefined);
    expect(daily).toEqual({ off: false, everyMs: 86_400_000, hour: 3 });
    if (daily.off) throw new Error('unreachable');
    expect(dueSlot(daily, new Date('2030-06-01T05:00:00Z'))).toEqual(new Date('2030-06-01T03:00:00Z'));
    expect(dueSlot(daily, new Date('2030-06-01T03:00:00Z'))).toEqual(new Date('2030-06-01T03:00:00Z'));
    expect(dueSlot(daily, new Date('2030-06-01T02:59:59Z'))).toEqual(new Date('2030-05-31T03:00:00Z'));
    expect(scheduledSweepId(new Date('2030-06-01T03:00:00Z'))).toBe('sweep-2030-06-01T03:00:00.000Z');
  });

  it('count shorter intervals from the hour, and can be turned off', () => {
    const six = sweepSchedule('6h', 1);
    if (six.off) throw new Error('unreachable');
    expect(dueSlot(six, new Date('2030-06-01T12:30:00Z'))).toEqual(new Date('2030-06-01T07:00:00Z'));
    expect(dueSlot(six, new Date('2030-06-01T00:30:00Z'))).toEqual(new Date('2030-05-31T19:00:00Z'));
    expect(sweepSchedule('OFF', undefined)).toEqual({ off: true });
    expect(sweepSchedule('30m', '0')).toEqual({ off: false, everyMs: 1_800_000, hour: 0 });
  });

  it('refuse an interval or an hour people could not have meant, naming the option', () => {
    for (const bad of ['daily', '0h', '40d', '5s', '24'])
      expect(() => sweepSchedule(bad, undefined)).toThrow(/retention sweep interval must be/);
    for (const bad of [24, -1, 2.5, 'three']) expect(() => sweepSchedule('24h', bad)).toThrow(/hour must be a whole hour from 0 to 23/);
  });
});

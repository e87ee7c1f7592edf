import { describe, expect, it } from 'vitest';
import type { RequestActivity } from '../../store/index.js';
import { dashboardOf, dashboardSince } from './dashboard.js';

// Thursday 2028-03-16: its week starts Monday 2028-03-13; twelve weeks start Monday 2027-12-27.
const NOW = new Date('2028-03-16T10:00:00Z');
const at = (day: string) => new Date(`${day}T09:00:00Z`);

describe('the dashboard', () => {
  it('counts 12 weeks from a Monday, the current one last', () => {
    expect(dashboardSince(NOW).toISOString()).toBe('2027-12-27T00:00:00.000Z');
    const { weeks } = dashboardOf([], NOW);
    expect([weeks.length, weeks[0]?.start, weeks[11]?.start]).toEqual([12, '2027-12-27', '2028-03-13']);
  });

  it('puts open requests by status and days left, counts overdue ones, and the weeks received and completed', () => {
    const activity: RequestActivity[] = [
      { status: 'received', due: '2028-03-10', receivedAt: at('2028-02-09') }, // overdue
      { status: 'verified', due: '2028-03-20', receivedAt: at('2028-02-19') }, // 4 days left
      { status: 'verified', due: '2028-04-30', receivedAt: at('2028-03-14') }, // later, received this week
      { status: 'completed', due: '2028-02-01', receivedAt: at('2028-01-02'), closedAt: at('2028-01-12') }, // 10 days
      { status: 'completed', due: '2028-03-01', receivedAt: at('2028-02-01'), closedAt: at('2028-03-15') }, // 43 days
      { status: 'completed', due: '2028-03-01', receivedAt: at('2028-02-10'), closedAt: at('2028-03-14') }, // 33 days
      { status: 'cancelled', due: '2028-03-01', receivedAt: at('2028-02-10'), closedAt: at('2028-03-14') },
    ];
    const d = dashboardOf(activity, NOW);
    expect([d.open, d.overdue]).toEqual([3, 1]);
    expect(d.byStatus.filter((s) => s.count > 0)).toEqual([
      { status: 'received', count: 1 },
      { status: 'verified', count: 2 },
    ]);
    expect(d.byDaysLeft).toEqual([
      { band: 'overdue', count: 1 },
      { band: 'week', count: 1 },
      { band: 'fortnight', count: 0 },
      { band: 'month', count: 0 },
      { band: 'later', count: 1 },
    ]);
    expect(d.weeks[11]).toEqual({ start: '2028-03-13', received: 1, completed: 2 });
    expect(d.weeks[1]).toEqual({ start: '2028-01-03', received: 0, completed: 0 });
    expect(d.weeks[2]).toEqual({ start: '2028-01-10', received: 0, completed: 1 });
    expect([d.medianDaysToAnswer, d.completedInWeeks]).toEqual([33, 3]);
  });

  it('states no median when nothing was completed in those weeks', () => {
    expect(dashboardOf([{ status: 'received', due: '2028-04-01', receivedAt: at('2028-03-01') }], NOW).medianDaysToAnswer).toBeUndefined();
  });
});

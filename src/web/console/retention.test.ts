// The retention page's numbers: the busiest rules stacked and the rest summed as one series.
import { describe, expect, it } from 'vitest';
import { CHARTED_RULES, seriesOf } from './retention.js';

describe('the retention page', () => {
  it('stacks the busiest rules, sums the others as one series and leaves out rules with nothing ending', () => {
    const rules = Array.from({ length: 10 }, (_, i) => ({ rule: `r${i}`, weekly: [i, 0, 1] }));
    const series = seriesOf({ weekStarts: ['a', 'b', 'c'], entries: [], rules });
    expect(series).toHaveLength(CHARTED_RULES);
    expect(series.slice(0, 3).map((s) => s.rule)).toEqual(['r9', 'r8', 'r7']);
    // r0 has one row in week 3: it is among the others; the others' weeks are the sums of theirs.
    expect(series.at(-1)).toEqual({ rule: undefined, weekly: [0 + 1 + 2 + 3, 0, 4], total: 10 });
    expect(seriesOf({ weekStarts: ['a'], entries: [], rules: [{ rule: 'idle', weekly: [0] }] })).toEqual([]);
  });
});

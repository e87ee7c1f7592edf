// The retention page's numbers: the busiest rules stacked and the rest summed as one series; the past sweeps read from
// the audit trail newest first, across its pages, skipping other entries.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.js';
import { CHARTED_RULES, seriesOf, sweepHistory } from './retention.js';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

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

  it('reads the sweeps newest first across pages of the audit trail, and nothing else', async () => {
    store = openStore(':memory:');
    for (let i = 0; i < 1200; i++) {
      await store.audit.append(
        i % 400 === 7
          ? {
              actor: { kind: 'system', id: 'retention' },
              action: 'retention.swept',
              subjects: { sweep: `sweep-${i}` },
              details: {
                rule: 'analytics',
                collection: 'telemetry.analytics_visits',
                action: 'delete',
                status: 'done',
                rows: i,
                batches: 2,
                largestBatchMs: 12,
              },
            }
          : { actor: { kind: 'staff', id: 'officer-1' }, action: 'person-data.viewed', subjects: { request: `req-${i}` } },
      );
    }
    const { history, cut } = await sweepHistory(store.audit);
    expect(cut).toBe(false);
    expect(history.map((h) => [h.sweep, h.rows, h.batches, h.largestBatchMs])).toEqual([
      ['sweep-807', 807, 2, 12],
      ['sweep-407', 407, 2, 12],
      ['sweep-7', 7, 2, 12],
    ]);
  });
});

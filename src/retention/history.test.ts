// The history of sweeps read back from the audit trail: newest first across its pages, other entries skipped, grouped
// by sweep; a scan that stops before the trail's start says so.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.js';
import { sweepHistory, sweptLines } from './history.js';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('the history of sweeps', () => {
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
    const { lines, cut } = await sweptLines(store.audit);
    expect(cut).toBe(false);
    expect(lines.map((l) => [l.sweepId, l.rows, l.counts['batches'], l.counts['largestBatchMs']])).toEqual([
      ['sweep-807', 807, 2, 12],
      ['sweep-407', 407, 2, 12],
      ['sweep-7', 7, 2, 12],
    ]);
  });

  it("groups a sweep's lines in the order written, newest sweep first, and says when the scan was cut short", async () => {
    store = openStore(':memory:');
    const swept = (sweep: string, rule: string, rows: number, status = 'done') =>
      store!.audit.append({
        actor: { kind: 'system', id: 'retention' },
        action: 'retention.swept',
        subjects: { sweep },
        details: { rule, collection: `shop.${rule}`, action: 'delete', status, rows },
      });
    await swept('sweep-a', 'orders', 3);
    await swept('sweep-a', 'visits', 4);
    await swept('sweep-b', 'orders', 1, 'failed');
    for (let i = 0; i < 30; i++)
      await store.audit.append({
        actor: { kind: 'staff', id: 'officer-1' },
        action: 'person-data.viewed',
        subjects: { request: `req-${i}` },
      });
    const history = await sweepHistory(store);
    expect(history.map((h) => [h.sweepId, h.rows, h.failed, h.lines.map((l) => l.rule)])).toEqual([
      ['sweep-b', 1, true, ['orders']],
      ['sweep-a', 7, false, ['orders', 'visits']],
    ]);
    expect(await sweepHistory(store, { limit: 1 })).toHaveLength(1);
    // Looking back 10 entries finds none of the sweeps, and says the trail goes further back.
    expect(await sweptLines(store.audit, { scan: 10 })).toEqual({ lines: [], cut: true });
  });
});

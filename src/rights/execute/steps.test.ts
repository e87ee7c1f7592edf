import { describe, expect, it } from 'vitest';
import type { Connector } from '../../connectors/index.js';
import { systemClock } from '../../clock.js';
import type { PolicyModel } from '../../policy/index.js';
import { openSqliteStore, type Completion } from '../../store/index.js';
import type { ConnectorPool } from '../connections.js';
import type { ExecutionContext } from './context.js';
import { runJournaledSteps, type JournaledStep } from './steps.js';

/** A store that runs its transactions as they come, and counts them. */
function fakeConnector(transactions: string[], dataset: string): Connector {
  return {
    capabilities: { transactions: true },
    transaction: async (work: (session: unknown) => Promise<unknown>) => {
      transactions.push(dataset);
      return work({});
    },
  } as unknown as Connector;
}

const step = (dataset: string, name: string, empty = false): JournaledStep => ({
  id: `${dataset}:${name}`,
  dataset,
  collection: `${dataset}.${name}`,
  kind: 'delete',
  empty,
  apply: async () => 1,
});

describe('journaled steps', () => {
  it('journals each store once it commits, carries steps that touch no store to the next write, and leaves the last to the run end', async () => {
    const store = openSqliteStore(':memory:');
    const writes: Completion[] = [];
    const journal = store.journal;
    const spy = { ...journal, completeSteps: async (runId: string, c: Completion) => (writes.push(c), journal.completeSteps(runId, c)) };
    const transactions: string[] = [];
    const pool = { get: async (dataset: string) => fakeConnector(transactions, dataset) } as unknown as ConnectorPool;
    const ctx = { model: {} as PolicyModel, pool, store: { ...store, journal: spy }, clock: systemClock, pseudonymKey: new Uint8Array(32) };
    await journal.open({ id: 'r', action: 'erase', plan: {}, startedAt: new Date() });
    const steps = [step('a', 'x'), step('b', 'y', true), step('c', 'z'), step('d', 'w', true)];

    const { results, last } = await runJournaledSteps(ctx satisfies ExecutionContext, 'r', new Map(), steps);

    expect(transactions).toEqual(['a', 'c']);
    // a's commit is journaled at once; b touched nothing and waits for c's write; d, the last, goes with the run's end.
    expect(writes.map((w) => w.steps.map((s) => s.stepId))).toEqual([['a:x'], ['b:y', 'c:z']]);
    expect(last?.steps.map((s) => s.stepId)).toEqual(['d:w']);
    expect(results.map((r) => [r.stepId, r.rows])).toEqual([
      ['a:x', 1],
      ['b:y', 0],
      ['c:z', 1],
      ['d:w', 0],
    ]);
    await journal.finish('r', 'completed', {}, new Date(), last);
    expect([...((await journal.get('r'))?.steps.values() ?? [])].every((s) => s.done)).toBe(true);
    await store.close();
  });
});

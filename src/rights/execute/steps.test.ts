// Journaled steps: which journal writes a run makes, and what a replay reports after a crash around a store's commit.
import { describe, expect, it } from 'vitest';
import type { Connector, ConnectorPool } from '../../connectors/index.js';
import { systemClock } from '../../clock.js';
import { CustosError } from '../../errors.js';
import type { PolicyModel } from '../../policy/index.js';
import { openSqliteStore, type Completion, type Journal, type StepAttempt, type Store } from '../../store/index.js';
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

const step = (dataset: string, name: string, options: { empty?: boolean; rows?: () => number } = {}): JournaledStep => ({
  id: `${dataset}:${name}`,
  dataset,
  collection: `${dataset}.${name}`,
  kind: 'delete',
  empty: options.empty ?? false,
  apply: async () => (options.rows ?? (() => 1))(),
});

type Write = { kind: 'attempt'; attempted: string[]; earlier: string[] } | { kind: 'done'; steps: string[] };

/** A context on an in-memory store whose journal writes are listed, with stores opened by `open`. */
function spiedContext(open: (dataset: string) => Promise<Connector>) {
  const store = openSqliteStore(':memory:');
  const writes: Write[] = [];
  const journal: Journal = store.journal;
  const spy: Journal = {
    ...journal,
    recordAttempt: async (runId: string, attempt: readonly StepAttempt[], earlier?: Completion) => {
      writes.push({ kind: 'attempt', attempted: attempt.map((a) => a.stepId), earlier: earlier?.steps.map((s) => s.stepId) ?? [] });
      return journal.recordAttempt(runId, attempt, earlier);
    },
    completeSteps: async (runId: string, c: Completion) => {
      writes.push({ kind: 'done', steps: c.steps.map((s) => s.stepId) });
      return journal.completeSteps(runId, c);
    },
  };
  const pool = { get: open } as unknown as ConnectorPool;
  const ctx = {
    model: {} as PolicyModel,
    pool,
    store: { ...store, journal: spy } satisfies Store,
    clock: systemClock,
    pseudonymKey: new Uint8Array(32),
  } satisfies ExecutionContext;
  return { ctx, journal, writes, close: () => store.close() };
}

describe('journaled steps', () => {
  it('journals each store’s rows before it commits, with the stores committed before it, and leaves the last to the run end', async () => {
    const transactions: string[] = [];
    const { ctx, journal, writes, close } = spiedContext(async (dataset) => fakeConnector(transactions, dataset));
    await journal.open({ id: 'r', action: 'erase', plan: {}, startedAt: new Date() });
    const steps = [step('a', 'x'), step('b', 'y', { empty: true }), step('c', 'z'), step('d', 'w', { empty: true })];

    const { results, last } = await runJournaledSteps(ctx, 'r', new Map(), steps);

    expect(transactions).toEqual(['a', 'c']);
    // a's rows are journaled inside its transaction; its completion, and b's (which touched nothing), go with c's; c's
    // and d's with the run's end: one write per store, as many as journaling each commit after it.
    expect(writes).toEqual([
      { kind: 'attempt', attempted: ['a:x'], earlier: [] },
      { kind: 'attempt', attempted: ['c:z'], earlier: ['a:x', 'b:y'] },
    ]);
    expect(last?.steps.map((s) => s.stepId)).toEqual(['c:z', 'd:w']);
    expect(results.map((r) => [r.stepId, r.rows])).toEqual([
      ['a:x', 1],
      ['b:y', 0],
      ['c:z', 1],
      ['d:w', 0],
    ]);
    await journal.finish('r', 'completed', {}, new Date(), last);
    expect([...((await journal.get('r'))?.steps.values() ?? [])].every((s) => s.done)).toBe(true);
    await close();
  });

  it('reports the rows a crashed attempt journaled before its commit when the replay finds nothing left, and skipped steps with theirs', async () => {
    const transactions: string[] = [];
    const { ctx, journal, close } = spiedContext(async (dataset) => fakeConnector(transactions, dataset));
    await journal.open({ id: 'r', action: 'erase', plan: {}, startedAt: new Date() });
    // The first attempt: a committed and journaled done; b's transaction journaled 3 rows, committed, then the crash.
    await journal.recordAttempt('r', [{ stepId: 'a:x', rows: 5 }]);
    await journal.recordAttempt('r', [{ stepId: 'b:y', rows: 3 }], { steps: [{ stepId: 'a:x', result: { rows: 5 } }] });
    const recorded = (await journal.get('r'))?.steps ?? new Map();
    expect(recorded.get('b:y')).toMatchObject({ done: false, attempted: 3 });
    // The replay: b's rows are gone already, c's are there.
    const steps = [step('a', 'x'), step('b', 'y', { rows: () => 0 }), step('c', 'z', { rows: () => 2 })];
    const { results, last } = await runJournaledSteps(ctx, 'r', recorded, steps);
    expect(transactions).toEqual(['b', 'c']);
    expect(results.map((r) => [r.stepId, r.rows, r.skipped])).toEqual([
      ['a:x', 5, true],
      ['b:y', 3, false],
      ['c:z', 2, false],
    ]);
    expect(last?.steps).toEqual([{ stepId: 'c:z', result: { rows: 2 } }]);
    // b's completion, journaled with c's attempt, keeps the rows for a later answer from the journal.
    expect((await journal.get('r'))?.steps.get('b:y')?.result).toEqual({ rows: 3 });
    await close();
  });

  it('journals what committed before a store failed, so a rerun skips it', async () => {
    const transactions: string[] = [];
    const { ctx, journal, writes, close } = spiedContext(async (dataset) => {
      if (dataset === 'b') throw new CustosError({ code: 'store-unavailable', message: 'dataset "b" is unavailable' });
      return fakeConnector(transactions, dataset);
    });
    await journal.open({ id: 'r', action: 'erase', plan: {}, startedAt: new Date() });
    await expect(runJournaledSteps(ctx, 'r', new Map(), [step('a', 'x'), step('b', 'y')])).rejects.toMatchObject({
      code: 'store-unavailable',
    });
    expect(writes.at(-1)).toEqual({ kind: 'done', steps: ['a:x'] });
    expect((await journal.get('r'))?.steps.get('a:x')?.done).toBe(true);
    await close();
  });
});

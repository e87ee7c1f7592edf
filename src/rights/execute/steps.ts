// Runs journaled steps store by store: one transaction per store where it can, journal after commit, finished steps skipped.
import type { ConnectorSession } from '../../connectors/index.js';
import type { Completion, StepRecord } from '../../store/index.js';
import type { ExecutionContext } from './context.js';

export interface JournaledStep {
  readonly id: string;
  readonly dataset: string;
  readonly collection: string;
  readonly kind: string;
  /** True when the step has nothing to select (recorded as done with 0 rows, no store opened). */
  readonly empty: boolean;
  apply(session: ConnectorSession): Promise<number>;
}

export interface StepResult {
  readonly stepId: string;
  readonly kind: string;
  readonly collection: string;
  readonly rows: number;
  /** True when a previous (crashed) attempt had already finished this step. */
  readonly skipped: boolean;
}

export interface StepsRun {
  readonly results: StepResult[];
  /**
   * The completion of the last store's steps, not journaled yet: the caller journals it with the run's end, in one
   * write (`journal.finish`). Until then a crash leaves them to run again, as a crash between any store's commit and its
   * journal write does; the replay writes the same recorded values.
   */
  readonly last?: Completion;
}

/** Stores in the order steps run them: by first appearance in the plan, each store's steps in plan order. */
export function byStore<T extends { readonly dataset: string }>(steps: readonly T[]): (readonly T[])[] {
  const stores = new Map<string, T[]>();
  for (const step of steps) {
    const group = stores.get(step.dataset);
    if (group) group.push(step);
    else stores.set(step.dataset, [step]);
  }
  return [...stores.values()];
}

/** Runs the pending steps store by store; each store's completion is journaled once it commits, but the last's (see `last`). */
export async function runJournaledSteps(
  ctx: ExecutionContext,
  runId: string,
  recorded: ReadonlyMap<string, StepRecord>,
  steps: readonly JournaledStep[],
): Promise<StepsRun> {
  const results: StepResult[] = [];
  // Completed steps wait here until a journal write takes them. Steps with nothing to select touch no store, so a crash
  // before they are journaled loses nothing: they wait for the next write. The last store's wait for the run's end.
  const carried: Completion['steps'][number][] = [];
  const record = async (list: readonly { step: JournaledStep; rows: number }[], writeNow: boolean) => {
    carried.push(...list.map((d) => ({ stepId: d.step.id, result: { rows: d.rows } })));
    if (writeNow) await ctx.store.journal.completeSteps(runId, { steps: carried.splice(0) });
  };
  const stores = byStore(steps);
  for (const group of stores) {
    const dataset = group[0]!.dataset;
    const finalStore = group === stores.at(-1);
    const pending = group.filter((s) => !recorded.get(s.id)?.done);
    // The store's results in plan order: steps an earlier attempt finished, skipped, among those run now.
    const report = (done: readonly { step: JournaledStep; rows: number }[]) => {
      const rows = new Map(done.map((d) => [d.step, d.rows]));
      for (const s of group) {
        const ran = rows.get(s);
        results.push({ stepId: s.id, kind: s.kind, collection: s.collection, rows: ran ?? 0, skipped: ran === undefined });
      }
    };
    if (pending.length === 0) {
      report([]);
      continue;
    }
    if (pending.every((s) => s.empty)) {
      const nothing = pending.map((step) => ({ step, rows: 0 }));
      await record(nothing, false);
      report(nothing);
      continue;
    }
    const connector = await ctx.pool.get(dataset);
    const run = async (session: ConnectorSession, list: readonly JournaledStep[]) => {
      const done: { step: JournaledStep; rows: number }[] = [];
      for (const step of list) {
        ctx.signal?.throwIfAborted();
        // Without a listener nothing is awaited: a step's own statement is often all it waits for.
        if (ctx.onProgress)
          await ctx.onProgress({ type: 'step-started', stepId: step.id, index: steps.indexOf(step), total: steps.length });
        const rows = step.empty ? 0 : await step.apply(session);
        done.push({ step, rows });
        if (ctx.onProgress) await ctx.onProgress({ type: 'step-done', stepId: step.id, rows });
      }
      return done;
    };
    const done: { step: JournaledStep; rows: number }[] = [];
    if (connector.capabilities.transactions) {
      done.push(...(await connector.transaction((session) => run(session, pending))));
      await record(done, !finalStore);
    } else {
      for (const step of pending) {
        const one = await run(connector, [step]);
        await record(one, !(finalStore && step === pending.at(-1)));
        done.push(...one);
      }
    }
    await ctx.onProgress?.({ type: 'committed', dataset, steps: done.map((d) => d.step.id) });
    report(done);
  }
  return { results, last: carried.length > 0 ? { steps: carried } : undefined };
}

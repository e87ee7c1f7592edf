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
  /** Rows the step wrote: by this attempt, or by an earlier one whose work this attempt found done. */
  readonly rows: number;
  /** True when a previous (crashed) attempt had already finished this step, as the journal says. */
  readonly skipped: boolean;
}

export interface StepsRun {
  readonly results: StepResult[];
  /**
   * The completion of the steps the journal does not hold as done yet: the caller journals it with the run's end, in one
   * write (`journal.finish`). Until then a crash leaves them to run again; the replay writes the same recorded values,
   * and reports the rows the crashed attempt journaled before its commit (`StepRecord.attempted`).
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

/**
 * Runs the pending steps store by store, one transaction per store where it can. Inside each transaction, once its steps
 * have run and before it commits, one journal write records the rows they wrote (an *attempt*) with the completion of
 * the stores committed before it; the last store's completion waits for the run's end (see `last`). A replay that finds
 * nothing left to write (the crashed attempt had committed) reports the attempt's rows. A failure journals the
 * completion of what committed before it, so a rerun skips it.
 */
export async function runJournaledSteps(
  ctx: ExecutionContext,
  runId: string,
  recorded: ReadonlyMap<string, StepRecord>,
  steps: readonly JournaledStep[],
): Promise<StepsRun> {
  const results: StepResult[] = [];
  // Completed steps wait here until a journal write takes them: the next store's attempt, or the run's end. Steps with
  // nothing to select touch no store, so a crash before they are journaled loses nothing.
  const carried: Completion['steps'][number][] = [];
  const complete = (list: readonly Ran[]) => carried.push(...list.map((d) => ({ stepId: d.step.id, result: { rows: d.rows } })));
  /** Journals the carried completions with `write`; they stay carried if it fails. */
  const flush = async (write: (earlier: Completion | undefined) => Promise<void>) => {
    const steps = carried.slice();
    await write(steps.length > 0 ? { steps } : undefined);
    carried.splice(0, steps.length);
  };
  const stores = byStore(steps);
  try {
    for (const group of stores) {
      const dataset = group[0]!.dataset;
      const pending = group.filter((s) => !recorded.get(s.id)?.done);
      // The store's results in plan order: steps an earlier attempt finished (skipped, with its rows) among those run now.
      const report = (done: readonly Ran[]) => {
        const rows = new Map(done.map((d) => [d.step, d.rows]));
        for (const s of group) {
          const ran = rows.get(s);
          const earlier = (recorded.get(s.id)?.result as { rows?: number } | undefined)?.rows ?? 0;
          results.push({ stepId: s.id, kind: s.kind, collection: s.collection, rows: ran ?? earlier, skipped: ran === undefined });
        }
      };
      if (pending.length === 0) {
        report([]);
        continue;
      }
      if (pending.every((s) => s.empty)) {
        const nothing = pending.map((step) => ({ step, rows: 0 }));
        complete(nothing);
        report(nothing);
        continue;
      }
      const connector = await ctx.pool.get(dataset);
      const run = async (session: ConnectorSession, list: readonly JournaledStep[]) => {
        const done: Ran[] = [];
        for (const step of list) {
          ctx.signal?.throwIfAborted();
          // Without a listener nothing is awaited: a step's own statement is often all it waits for.
          if (ctx.onProgress)
            await ctx.onProgress({ type: 'step-started', stepId: step.id, index: steps.indexOf(step), total: steps.length });
          const rows = step.empty ? 0 : await step.apply(session);
          // Nothing left to write where an earlier attempt journaled rows: that attempt's transaction committed them.
          done.push({ step, rows: rows > 0 ? rows : (recorded.get(step.id)?.attempted ?? 0) });
          if (ctx.onProgress) await ctx.onProgress({ type: 'step-done', stepId: step.id, rows });
        }
        return done;
      };
      const done: Ran[] = [];
      if (connector.capabilities.transactions) {
        const committed = await connector.transaction(async (session) => {
          const ran = await run(session, pending);
          const attempt = ran.map((d) => ({ stepId: d.step.id, rows: d.rows }));
          await flush((earlier) => ctx.store.journal.recordAttempt(runId, attempt, earlier));
          return ran;
        });
        done.push(...committed);
        complete(committed);
      } else {
        // Each write stands alone: journaled done at once, but the last, which waits for the run's end.
        for (const step of pending) {
          const one = await run(connector, [step]);
          complete(one);
          if (!(group === stores.at(-1) && step === pending.at(-1)))
            await flush((earlier) => ctx.store.journal.completeSteps(runId, earlier ?? { steps: [] }));
          done.push(...one);
        }
      }
      await ctx.onProgress?.({ type: 'committed', dataset, steps: done.map((d) => d.step.id) });
      report(done);
    }
  } catch (error) {
    // What committed before the failure is journaled, so a rerun skips it; the failure itself is what the caller sees.
    if (carried.length > 0)
      await flush((earlier) => ctx.store.journal.completeSteps(runId, earlier ?? { steps: [] })).catch(() => undefined);
    throw error;
  }
  return { results, last: carried.length > 0 ? { steps: carried } : undefined };
}

/** A step run, and the rows it wrote (an earlier attempt's, when it found them written). */
interface Ran {
  readonly step: JournaledStep;
  readonly rows: number;
}

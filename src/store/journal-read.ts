// A journaled run read back, the same on every engine: its record checked first, then its step log folded in order.
import { CustosError } from '../errors.js';
import { checkJournalRecord, parseJournalText, type JournalRecordKind } from './records.js';
import type { NewRun, RunRecord, RunStatus, StepRecord } from './store.js';

/** A run as its row stores it: JSON texts, and the version of its record. */
export interface StoredRun {
  readonly id: string;
  readonly action: string;
  /** The plan's text (the shared plan's body, or the plan itself for runs journaled before plans were shared). */
  readonly plan: string;
  readonly resolution: string | null;
  readonly status: RunStatus;
  readonly startedAt: Date;
  readonly finishedAt: Date | undefined;
  readonly result: string | null;
  readonly version: number;
}

/** One entry of a run's step log, as stored. */
export interface StoredLogEntry {
  readonly kind: Exclude<JournalRecordKind, 'run'>;
  readonly body: string;
  readonly version: number;
}

/**
 * The run, every record checked (`checkJournalRecord`): a newer version or a damaged record is refused. The run's own
 * record is checked before its log is read.
 */
export function readJournaledRun(row: StoredRun, log: Iterable<StoredLogEntry>): RunRecord {
  const id = row.id;
  const text = (column: string | null) => (column === null ? undefined : parseJournalText(id, 'run', column));
  const run = checkJournalRecord(id, 'run', row.version, {
    plan: text(row.plan),
    resolution: text(row.resolution),
    result: text(row.result),
  });
  // A later intent replaces an earlier one, an attempt records the rows a transaction wrote before its commit, a
  // completion marks done.
  const steps = new Map<string, StepRecord>();
  const fold = (stepId: string, next: (was: StepRecord | undefined) => StepRecord) => {
    const was = steps.get(stepId);
    const step = next(was);
    const attempted = step.attempted ?? was?.attempted;
    steps.set(stepId, attempted === undefined ? step : { ...step, attempted });
  };
  for (const entry of log) {
    const body = parseJournalText(id, entry.kind, entry.body);
    switch (entry.kind) {
      case 'intents':
        for (const e of checkJournalRecord(id, entry.kind, entry.version, body))
          fold(e.stepId, (was) => ({ stepId: e.stepId, intent: e.intent, done: was?.done ?? false, result: was?.result }));
        break;
      case 'done':
        for (const e of checkJournalRecord(id, entry.kind, entry.version, body))
          fold(e.stepId, (was) => ({ stepId: e.stepId, intent: was?.intent, done: true, result: e.result }));
        break;
      case 'attempt':
        for (const e of checkJournalRecord(id, entry.kind, entry.version, body))
          fold(e.stepId, (was) => ({
            stepId: e.stepId,
            intent: was?.intent,
            done: was?.done ?? false,
            result: was?.result,
            attempted: e.rows,
          }));
        break;
      default:
        // The table's CHECK admits no other kind; a journal edited outside Custos might hold one.
        entry.kind satisfies never;
        throw new CustosError({
          code: 'store-error',
          message: `run "${id}" cannot be resumed: its journal holds a record of an unknown kind`,
          details: { runId: id },
        });
    }
  }
  return {
    id: row.id,
    action: row.action,
    plan: run.plan,
    resolution: run.resolution,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    result: run.result,
    steps,
  };
}

/** A run just opened: nothing done yet, each step with the intent decided before it was journaled. */
export function openedRun(
  run: NewRun,
  intents: readonly { readonly stepId: string; readonly intent: unknown }[],
): { readonly run: RunRecord; readonly resumed: false } {
  const steps = new Map(intents.map((i): [string, StepRecord] => [i.stepId, { stepId: i.stepId, intent: i.intent, done: false }]));
  const { id, action, plan, resolution, startedAt } = run;
  return { run: { id, action, plan, resolution, status: 'running', startedAt, steps }, resumed: false };
}

// A request's result for people, once: data (a heading, rows per step or collection, blockers, notes) the CLI prints as
// text and a server can send as JSON, so both say the same thing.
import type { PolicyModel } from '../policy/index.js';
import type { ErasureResult } from './execute/erase.js';
import type { RectificationResult } from './execute/rectify.js';
import type { RestrictionResult } from './execute/restrict.js';
import { describeBlocker, describeHold, formatPlan } from './format.js';
import type { RequestPreview } from './preview.js';

/**
 * How a request ended, for an exit code or a status: `done`; `blocked` (account closure preconditions); `not-found` (no
 * data of the person); `nothing-written` (data found, but nothing it could write: no restriction mark declared).
 */
export const REPORT_OUTCOMES = ['done', 'blocked', 'not-found', 'nothing-written'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** What one step (erasure) or one collection (rectification, restriction, dry run) did or holds. */
export interface ReportRow {
  readonly subject: string;
  readonly rows: number;
  /** Set when an earlier, interrupted attempt had already done the step. */
  readonly byEarlierAttempt?: boolean;
}

export interface RequestReport {
  readonly requestId: string;
  readonly outcome: ReportOutcome;
  /** One line: what happened, with the request id. */
  readonly heading: string;
  /** Whether rows name steps (erasure) or collections; `counted` rows (a dry run) are counts, not rows written. */
  readonly rowsOf: 'steps' | 'collections' | 'counted';
  readonly rows: readonly ReportRow[];
  /** Why an account closure is blocked, one line each. */
  readonly blockers: readonly string[];
  /** What was kept and why (legal holds), what could not be done: one line each. */
  readonly notes: readonly string[];
  /** Text printed before the heading (a dry run's plan). */
  readonly preface?: string | undefined;
}

const empty = { rows: [], blockers: [], notes: [] } as const;

/** A request that found no data of the person. */
export function notFoundReport(requestId: string): RequestReport {
  return { requestId, outcome: 'not-found', heading: `no data found for this person (${requestId})`, rowsOf: 'collections', ...empty };
}

export function erasureReport(result: ErasureResult, model: PolicyModel, requestId: string): RequestReport {
  switch (result.status) {
    case 'not-found':
      return notFoundReport(requestId);
    case 'blocked':
      return {
        requestId,
        outcome: 'blocked',
        heading: `account closure blocked (${requestId})`,
        rowsOf: 'steps',
        ...empty,
        blockers: result.blockers.map((b) => describeBlocker(b)),
      };
    case 'completed':
      return {
        requestId,
        outcome: 'done',
        heading: `erased (${requestId}${result.resumed ? ', resumed' : ''})`,
        rowsOf: 'steps',
        rows: result.steps.map((s) =>
          s.skipped ? { subject: s.stepId, rows: s.rows, byEarlierAttempt: true } : { subject: s.stepId, rows: s.rows },
        ),
        blockers: [],
        notes: result.holds.map((h) => describeHold(h, model)),
      };
    default:
      return result satisfies never;
  }
}

export function rectificationReport(result: RectificationResult, requestId: string): RequestReport {
  if (result.status === 'not-found') return notFoundReport(requestId);
  return {
    requestId,
    outcome: 'done',
    heading: `rectified (${requestId})`,
    rowsOf: 'collections',
    ...empty,
    rows: result.steps.map((s) => ({ subject: s.collection, rows: s.rows })),
  };
}

export function restrictionReport(result: RestrictionResult, requestId: string, lift: boolean): RequestReport {
  if (result.status === 'not-found') return notFoundReport(requestId);
  if (result.steps.length === 0) {
    // The person's data is only in collections with no mark: nothing was written, so nothing is "restricted".
    return {
      requestId,
      outcome: 'nothing-written',
      heading: `nothing ${lift ? 'unrestricted' : 'restricted'} (${requestId}): no restriction mark is declared for ${result.unmarked.join(', ')}; add restriction: { field, value } to these collections`,
      rowsOf: 'collections',
      ...empty,
    };
  }
  return {
    requestId,
    outcome: 'done',
    heading: `${lift ? 'restriction lifted' : 'restricted'} (${requestId})`,
    rowsOf: 'collections',
    ...empty,
    rows: result.steps.map((s) => ({ subject: s.collection, rows: s.rows })),
    notes: result.unmarked.length > 0 ? [`no restriction mark declared for: ${result.unmarked.join(', ')}`] : [],
  };
}

/** A dry run: the plan, and how many rows of the person each collection holds (collections without any left out). */
export function previewReport(preview: RequestPreview, requestId: string): RequestReport {
  return {
    requestId,
    outcome: preview.found ? 'done' : 'not-found',
    heading: preview.found ? 'Rows of this person (dry run, nothing changed)' : 'No data found for this person.',
    rowsOf: 'counted',
    ...empty,
    rows: Object.entries(preview.rows)
      .filter(([, rows]) => rows > 0)
      .map(([subject, rows]) => ({ subject, rows })),
    preface: formatPlan(preview.plan),
  };
}

/** Width of the subject column: step ids are longer than collection names. */
const SUBJECT_WIDTH: Record<RequestReport['rowsOf'], number> = { steps: 48, collections: 40, counted: 40 };

/** The report as text lines: the heading, then one indented line per row, blocker and note. */
export function formatReport(report: RequestReport): string {
  const width = SUBJECT_WIDTH[report.rowsOf];
  const rows = report.rows.map((r) =>
    report.rowsOf === 'counted'
      ? `  ${r.subject.padEnd(width)} ${r.rows}`
      : `  ${r.subject.padEnd(width)} ${r.rows} row(s)${r.byEarlierAttempt ? ', by an earlier attempt' : ''}`,
  );
  // A dry run that found nobody ends with its heading; any other heading introduces what follows.
  const heading = report.rowsOf === 'counted' ? (report.outcome === 'done' ? `${report.heading}:` : report.heading) : `${report.heading}:`;
  const lines = [heading, ...report.blockers.map((b) => `  - ${b}`), ...rows, ...report.notes.map((n) => `  ${n}`)];
  return `${report.preface === undefined ? '' : `${report.preface}\n`}${lines.join('\n')}\n`;
}

// What a retention rule compiles to: per collection, the clock its rows count from, the period, the action and what keeps rows.
import type { Duration, FieldAnonymiser, RetentionAction, RetentionTrigger } from '../policy/index.js';

/** One reference followed from a row to the row whose field holds its date (`customer_id` → `accounts.customers.id`). */
export interface ClockHop {
  /** The reference field of the row the hop starts from. */
  readonly field: string;
  readonly dataset: string;
  /** The referenced collection, qualified (`dataset.collection`). */
  readonly collection: string;
  /** The referenced field (usually its primary key). */
  readonly key: string;
}

/** Where a row's date for one trigger is read: a field of the row itself, or of a row reached through references. */
export interface RetentionClock {
  readonly trigger: RetentionTrigger;
  /** As the manifest writes it (`closed_at`, `customer_id.closed_at`), or the parent's clock for an undated collection. */
  readonly spec: string;
  /** References followed, in order; empty when the row holds the date itself. */
  readonly hops: readonly ClockHop[];
  /** The date field in the last collection reached. */
  readonly field: string;
}

/**
 * What `anonymise` does to one field: null it, write a fixed value, keep the first half of an IP address, or apply the
 * field's declared `anonymise:` operator (`dated`: the field holds a date, so a month is written as its first instant).
 */
export type FieldOperator =
  | { readonly field: string; readonly operator: 'null' }
  | { readonly field: string; readonly operator: 'fixed'; readonly value: string | number | boolean | null }
  | { readonly field: string; readonly operator: 'truncate-ip' }
  | { readonly field: string; readonly operator: 'generalise'; readonly spec: FieldAnonymiser; readonly dated?: true };

/** A legal hold the rows pass under when their period ends (`then:`): they stay until it ends, then go. */
export interface HoldAfter {
  readonly hold: string;
  /** Absent: the collection holds no date for the hold's trigger (a problem names it) and the rows stay. */
  readonly clock?: RetentionClock | undefined;
  /** Absent: the hold lasts until the periods the law imposes expire; it never ends on its own. */
  readonly duration?: Duration | undefined;
  readonly durationText?: string | undefined;
}

/** One rule applied to one collection: rows whose clock plus `duration` is at or before `now` expire. */
export interface RetentionCondition {
  readonly rule: string;
  readonly dataset: string;
  /** Qualified (`dataset.collection`). */
  readonly collection: string;
  readonly action: RetentionAction;
  readonly duration: Duration;
  readonly durationText: string;
  readonly clock: RetentionClock;
  /**
   * ISO instant: `now` less the period. A row dated at or before it has expired (months count on the calendar, so a row
   * dated on the 31st may expire a day or two either side of it: the per-row test adds the period to the row's date).
   */
  readonly cutoff: string;
  /** For `anonymise`: what happens to each field that is not kept; empty for `delete`. */
  readonly operators: readonly FieldOperator[];
  readonly then?: HoldAfter | undefined;
  /** Rows restricted (GDPR art. 18) carry this value in this field: they are kept and reported, never swept. */
  readonly restriction?: { readonly field: string; readonly value: string | number | boolean } | undefined;
  /**
   * `extendedBy`: the person may have consented to keep their rows longer. No consent can be read per row, so rows past
   * the base period are kept (never deleted under a consent they may have given) until the extension's own end, if any.
   */
  readonly extension?:
    { readonly consent: string; readonly duration?: Duration | undefined; readonly durationText?: string | undefined } | undefined;
  /** What the condition does not take into account, said in the plan. */
  readonly notes: readonly string[];
}

/** A rule, or a rule on one collection, that cannot be turned into a condition: said with its manifest place and why. */
export interface RetentionProblem {
  readonly rule: string;
  /** Qualified collection, when the problem is one collection's. */
  readonly collection?: string | undefined;
  /** The manifest path to fix (`datasets.accounts.collections.customers.timestamps`). */
  readonly place: string;
  readonly reason: string;
  readonly fix: string;
}

/** Data a rule says is never stored: no condition to run, and the collections that store it anyway (lint CUS078). */
export interface TransientRule {
  readonly rule: string;
  readonly categories: readonly string[];
  readonly storedIn: readonly string[];
}

/** `compileRetention`'s result: conditions sorted by rule then collection, so the manifest's order never changes them. */
export interface CompiledRetention {
  /** The instant the cut-offs were computed for, ISO. */
  readonly now: string;
  readonly conditions: readonly RetentionCondition[];
  readonly problems: readonly RetentionProblem[];
  readonly transient: readonly TransientRule[];
}

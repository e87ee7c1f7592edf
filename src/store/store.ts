// The Store interface: Custos's own state (execution journals, legal-hold records), independent of the provider's datastores.
import type { AuditLog } from '../audit/log.js';
import type { ApiKeys, DeskSecrets, Outbox, RequestStore, StaffSessions, Users } from './desk/desk.js';
import type { OwnRecords } from './desk/own-records.js';
import type { RegisterStore } from './desk/registers.js';

export const RUN_STATUSES = ['running', 'completed', 'blocked', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface NewRun {
  readonly id: string;
  readonly action: string;
  /**
   * The plan, serialised: a resumed run replays this, never a fresh plan. Many requests share one plan (the same action
   * on the same identity keys), so the store keeps each distinct plan once.
   */
  readonly plan: unknown;
  /**
   * What the plan resolved to for this request (the person's identities and selections), serialised; replayed with the
   * plan. Kept only while the run may resume: a run that has ended (`finish`, `record`) keeps none, since it names the
   * person.
   */
  readonly resolution?: unknown;
  readonly startedAt: Date;
}

export interface StepRecord {
  readonly stepId: string;
  /** What the step was about to write, recorded before writing so a resumed step replays the same values. */
  readonly intent?: unknown;
  readonly done: boolean;
  readonly result?: unknown;
  /**
   * Rows the step wrote in a store transaction that an attempt journaled just before committing it, while not done: if
   * that commit happened, a replay finds nothing left to write and reports these rows instead.
   */
  readonly attempted?: number | undefined;
}

/** Rows each step of one store transaction wrote, journaled before the transaction commits. */
export interface StepAttempt {
  readonly stepId: string;
  readonly rows: number;
}

/** Steps marked done together (one store transaction's worth), and legal-hold records to register with them. */
export interface Completion {
  readonly steps: readonly { readonly stepId: string; readonly result?: unknown }[];
  readonly holds?: readonly HoldRecord[];
}

export interface RunRecord {
  readonly id: string;
  readonly action: string;
  readonly plan: unknown;
  readonly resolution?: unknown;
  readonly status: RunStatus;
  readonly startedAt: Date;
  readonly finishedAt?: Date | undefined;
  readonly result?: unknown;
  readonly steps: ReadonlyMap<string, StepRecord>;
}

/** Step-by-step record of destructive work, so a crashed run resumes without repeating a finished step. */
export interface Journal {
  /**
   * Creates the run with the intents of its steps already decided, in one write; or returns the existing run with this
   * id untouched (resume).
   */
  open(
    run: NewRun,
    intents?: readonly { readonly stepId: string; readonly intent: unknown }[],
  ): Promise<{ readonly run: RunRecord; readonly resumed: boolean }>;
  get(runId: string): Promise<RunRecord | undefined>;
  /** Records several steps' intents in one write. */
  recordIntents(runId: string, intents: readonly { readonly stepId: string; readonly intent: unknown }[]): Promise<void>;
  /**
   * Records, in one write made inside a store transaction before it commits, the rows its steps wrote (`attempted`),
   * with the completion of steps committed earlier when given.
   */
  recordAttempt(runId: string, attempt: readonly StepAttempt[], earlier?: Completion): Promise<void>;
  /** Marks steps done together, with the legal-hold records they produced, in one write. */
  completeSteps(runId: string, completion: Completion): Promise<void>;
  /** Ends the run, with the completion of its last steps when given, in one write; its resolution is dropped. */
  finish(runId: string, status: Exclude<RunStatus, 'running'>, result: unknown, at: Date, last?: Completion): Promise<void>;
  /**
   * Records a run that has nothing to resume (access, portability, a request that found nobody or was blocked) in one
   * write, once it is over, without its resolution. Returns false, writing nothing, when the id already belongs to a run
   * of another action.
   */
  record(
    run: Omit<NewRun, 'resolution'> & {
      readonly status: Exclude<RunStatus, 'running'>;
      readonly result: unknown;
      readonly finishedAt: Date;
    },
  ): Promise<boolean>;
}

/** Rows kept under a legal hold after erasure, and when the hold ends. */
export interface HoldRecord {
  readonly dataset: string;
  readonly collection: string;
  /**
   * The kept rows: primary-key values of one row, as JSON (`{"id":41}`); or, with `from`, the selection that finds all
   * of them (a JSON array of selections, which the erasure left intact).
   */
  readonly key: string;
  readonly hold: string;
  /**
   * ISO date after which retention removes the record (for a selection, the latest end of its rows). Absent for a hold
   * kept until the periods the law imposes expire: it never ends on its own, and is released by hand.
   */
  readonly until?: string | undefined;
  /**
   * For a selection: the field each row's hold runs from; that row's hold ends the hold's duration after it (at `until`
   * when the field is empty). Absent for one row, and for a selection whose rows all end at `until`.
   */
  readonly from?: string | undefined;
  readonly runId: string;
}

/** True when the record covers a selection of rows (its key is a JSON array of selections), not one row. */
export function isSelectionHold(h: Pick<HoldRecord, 'key'>): boolean {
  return h.key.startsWith('[');
}

/** Hold records are written with the run that keeps the rows (`Journal.finish`); the registry reads them. */
export interface HoldRegistry {
  /** Holds ending on or before `date` (for retention sweeps). */
  endingBy(date: Date): Promise<readonly HoldRecord[]>;
  /** Holds still in force on `date`: ending after its day, or never ending on their own (what a retention sweep keeps). */
  inForce(date: Date): Promise<readonly HoldRecord[]>;
  forRun(runId: string): Promise<readonly HoldRecord[]>;
}

/** The process that holds a request's lease, as another process sees it. */
export interface LeaseHolder {
  /** When the lease runs out unless its holder renews it. */
  readonly expiresAt: Date;
}

/**
 * Request leases: a request id is run by one process at a time. A lease names its owner (a token per run) and runs out
 * unless renewed, so a request whose process died can be resumed; one held by a process of this host that has ended
 * (`ownerHasEnded`) is taken over at once. Times are the wall clock: leases coordinate real processes, whatever clock a
 * request runs on.
 */
export interface RequestLeases {
  /** Takes the request id for `owner` for `ttlMs`; when another owner holds it, returns that holder and changes nothing. */
  take(
    requestId: string,
    owner: string,
    ttlMs: number,
  ): Promise<{ readonly taken: true } | { readonly taken: false; readonly holder: LeaseHolder }>;
  /** Extends the owner's lease by `ttlMs` from now; false when the owner no longer holds it. */
  renew(requestId: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up (nothing when the owner no longer holds it). */
  release(requestId: string, owner: string): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly journal: Journal;
  readonly holds: HoldRegistry;
  readonly leases: RequestLeases;
  /** The audit trail, on the store's own database (its tables migrated with the store's); closed with the store. */
  readonly audit: AuditLog;
  /** The request desk's requests, with their versions and transitions. */
  readonly requests: RequestStore;
  readonly outbox: Outbox;
  /** Staff who sign in to the console, with their TOTP state. */
  readonly users: Users;
  /** Their sessions. */
  readonly staffSessions: StaffSessions;
  readonly apiKeys: ApiKeys;
  /** The desk's hashed tokens and codes, rate counts and sealed identity proofs. */
  readonly secrets: DeskSecrets;
  /** The registers: authority requests, confidentiality incidents, complaints (K7, K5.4). */
  readonly registers: RegisterStore;
  /** Custos's own records past their periods (K5.5), counted and removed by a retention sweep. */
  readonly ownRecords: OwnRecords;
  /**
   * Resolves once the store is connected and migrated; rejects with why it cannot be used (a server out of reach, a
   * store a newer Custos migrated). Every operation waits for it too: a server calls it to fail at start.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

// The shape of the words of the console's oversight pages (dashboard, audit trail, users, API keys, registers,
// documents), and of the codes every console page shows in words: a missing word in a language is a type error.
import type { ActorKind, AuditAction, ChainProblemKind, SubjectKind } from '../../../audit/index.js';
import type { DeskTemplate } from '../../../desk/index.js';
import type { ErasureStrategy, Language, Severity } from '../../../policy/index.js';
import type { OutboxStatus } from '../../../store/index.js';
import type { ActorRole, NOTIFICATION_RECIPIENTS, RegisterKind, RegisterStatus, RequestRun, RunOutcome } from '../../../workflow/index.js';
import type { DaysLeftBand } from '../dashboard.js';

/** The closed word lists of Custos as the console says them (a page never shows the code itself). */
/** What a run does: access, portability, rectify, erase, restrict, lift-restriction. */
export type RightsAction = RequestRun['operation'];

export interface CodeWords {
  /** What a run does (the plan's and the results' headings). */
  readonly operations: Readonly<Record<RightsAction, string>>;
  readonly outcomes: Readonly<Record<RunOutcome, string>>;
  /** What an operation other than an erasure does to every collection it reaches. */
  readonly copies: Readonly<Record<Exclude<RightsAction, 'erase'>, string>>;
  /** What an erasure does to a collection's rows. */
  readonly erasure: {
    readonly untouched: string;
    readonly delete: string;
    readonly unlink: (field: string) => string;
    readonly keep: (holds: string) => string;
    readonly keepPlain: string;
  };
  readonly strategies: Readonly<Record<ErasureStrategy, string>>;
  /** The desk's templates, and any other a mailer may queue. */
  readonly templates: Readonly<Record<DeskTemplate, string>> & Readonly<Record<string, string>>;
  readonly delivery: Readonly<Record<OutboxStatus, string>>;
  readonly languages: Readonly<Record<Language, string>>;
  /** Who moved a request (its timeline). */
  readonly actorRoles: Readonly<Record<ActorRole, string>>;
  /** Who acted (the audit trail). */
  readonly actorKinds: Readonly<Record<ActorKind, string>>;
  readonly auditActions: Readonly<Record<AuditAction, string>>;
  readonly subjects: Readonly<Record<SubjectKind, string>>;
  readonly registerStatuses: Readonly<Record<RegisterStatus, string>>;
  readonly recipients: Readonly<Record<(typeof NOTIFICATION_RECIPIENTS)[number], string>>;
  readonly severities: Readonly<Record<Severity, string>>;
  /** An API key's scopes; a scope without words is shown as it is. */
  readonly scopes: Readonly<Record<string, string>>;
  readonly yes: string;
  readonly no: string;
}

export interface OversightWords {
  readonly codes: CodeWords;
  readonly dashboard: {
    readonly title: string;
    readonly open: (n: number) => string;
    readonly overdue: (n: number) => string;
    readonly byStatus: string;
    readonly byStatusText: (open: number) => string;
    readonly byDaysLeft: string;
    readonly byDaysLeftText: (overdue: number) => string;
    readonly bands: Readonly<Record<DaysLeftBand, string>>;
    readonly weekly: string;
    readonly weeklyText: (received: number, completed: number) => string;
    readonly received: string;
    readonly completed: string;
    readonly week: string;
    readonly median: (days: number, n: number) => string;
    readonly noMedian: string;
    readonly table: string;
    readonly status: string;
    readonly count: string;
    readonly band: string;
  };
  readonly audit: {
    readonly title: string;
    readonly intro: string;
    readonly verify: string;
    readonly valid: (entries: number) => string;
    readonly broken: (seq: number, what: string) => string;
    readonly problems: Readonly<Record<ChainProblemKind, string>>;
    readonly seq: string;
    readonly at: string;
    readonly actor: string;
    readonly action: string;
    readonly subjects: string;
    readonly older: string;
    readonly newest: string;
    readonly empty: string;
  };
  readonly users: {
    readonly title: string;
    readonly email: string;
    readonly role: string;
    readonly state: string;
    readonly active: string;
    readonly disabled: string;
    readonly totp: string;
    readonly yes: string;
    readonly no: string;
    readonly actions: string;
    readonly disable: (email: string) => string;
    readonly changeRole: (email: string) => string;
    readonly save: string;
    readonly addHeading: string;
    readonly add: string;
    readonly added: (email: string) => string;
    readonly password: string;
    readonly passwordOnce: string;
    readonly changed: string;
    readonly refused: string;
  };
  readonly keys: {
    readonly title: string;
    readonly intro: string;
    readonly scopes: string;
    readonly create: string;
    readonly created: string;
    readonly warning: string;
    readonly prefix: string;
    readonly createdAt: string;
    readonly lastUsed: string;
    readonly state: string;
    readonly active: string;
    readonly revoked: (day: string) => string;
    readonly revoke: (prefix: string) => string;
    readonly revokedDone: string;
    readonly none: string;
    readonly pickScope: string;
  };
  readonly registers: {
    readonly title: string;
    readonly kinds: Readonly<Record<RegisterKind, string>>;
    readonly record: Readonly<Record<RegisterKind, string>>;
    readonly id: string;
    readonly opened: string;
    readonly status: string;
    readonly due: string;
    readonly left: string;
    readonly hoursLeft: (n: number) => string;
    readonly daysLeft: (n: number) => string;
    readonly overdue: string;
    readonly noClock: string;
    readonly none: string;
    readonly fields: Readonly<Record<string, string>>;
    readonly hints: Readonly<Record<string, string>>;
    readonly risks: Readonly<Record<'none' | 'risk' | 'high-risk', string>>;
    readonly submit: string;
    readonly errorSummary: string;
    readonly entryTitle: (kind: string, id: string) => string;
    readonly clockHeading: string;
    readonly notifications: string;
    readonly sent: (at: string) => string;
    readonly owed: string;
    readonly change: string;
    readonly newStatus: string;
    readonly saveStatus: string;
    readonly conflict: string;
    readonly recorded: string;
    readonly changed: string;
    readonly details: string;
  };
  readonly retention: {
    readonly title: string;
    readonly intro: (at: string) => string;
    readonly planHeading: string;
    readonly planIntro: string;
    readonly rule: string;
    readonly collection: string;
    readonly action: string;
    readonly actions: Readonly<Record<'delete' | 'anonymise', string>>;
    /** The rule's period in words, before the field its date is read from (`closed_at`). */
    readonly period: (period: string) => string;
    readonly due: string;
    readonly range: string;
    readonly kept: string;
    readonly held: (rows: number, holds: string) => string;
    readonly heldUntil: (day: string) => string;
    readonly heldForever: (rows: number) => string;
    readonly restricted: (rows: number) => string;
    readonly extended: (rows: number) => string;
    readonly referenced: (rows: number) => string;
    readonly notCountable: string;
    readonly nothingKept: string;
    readonly problemsHeading: string;
    readonly noRules: string;
    readonly forecastHeading: string;
    readonly forecastText: (total: number, rules: number, dueNow: number) => string;
    readonly forecastEmpty: string;
    readonly otherRules: string;
    readonly week: string;
    readonly total: string;
    readonly table: string;
    readonly historyHeading: string;
    readonly historyEmpty: string;
    readonly historyCut: (entries: number) => string;
    readonly at: string;
    readonly status: string;
    readonly statuses: Readonly<Record<'done' | 'failed' | 'paused', string>>;
    readonly rows: string;
    readonly batches: string;
    readonly longest: string;
    readonly ms: (n: number) => string;
  };
  readonly documents: {
    readonly title: string;
    readonly notice: (language: string) => string;
    readonly ropa: string;
    readonly map: string;
    readonly mapAlt: string;
    readonly lint: string;
    readonly lintClean: string;
    readonly lintUnknown: string;
    readonly where: string;
    readonly rule: string;
    readonly severity: string;
    readonly message: string;
    readonly fix: string;
  };
}

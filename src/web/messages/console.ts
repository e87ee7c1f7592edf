// The shape of the staff console's words (a part of each language's table): the layout, the guard's pages, sign-in,
// TOTP enrolment, the queue, a request's page and the outbox. A missing word is a type error.
import type { RequestEventType, RequestStatus, StaffRole } from '../../workflow/index.js';

/** The console's sections, in the navigation's order (layout.tsx says which permission opens each). */
export const CONSOLE_SECTIONS = ['dashboard', 'queue', 'registers', 'retention', 'outbox', 'audit', 'users', 'keys', 'documents'] as const;
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number];

export interface ConsoleMessages {
  readonly layout: {
    readonly brand: string;
    readonly navigation: string;
    readonly sections: Readonly<Record<ConsoleSection, string>>;
    readonly signedInAs: (email: string, role: string) => string;
    readonly signOut: string;
  };
  readonly roles: Readonly<Record<StaffRole, string>>;
  readonly guard: {
    readonly forbiddenTitle: string;
    readonly forbidden: (role: string) => string;
    readonly csrf: string;
    readonly back: string;
    readonly notFoundTitle: string;
    readonly notFound: string;
  };
  readonly signIn: {
    readonly title: string;
    readonly email: string;
    readonly password: string;
    readonly totp: string;
    readonly totpHint: string;
    readonly submit: string;
    readonly refused: string;
    readonly throttled: string;
    readonly totpRequired: string;
    readonly ended: Readonly<Record<'idle' | 'absolute' | 'signed-out', string>>;
  };
  readonly totp: {
    readonly title: string;
    readonly intro: string;
    readonly mustEnrol: string;
    readonly start: string;
    readonly scan: string;
    readonly qr: string;
    readonly secret: string;
    readonly code: string;
    readonly confirm: string;
    readonly wrong: string;
    readonly done: string;
    readonly already: string;
  };
  readonly queue: {
    readonly title: string;
    readonly overdue: (n: number) => string;
    readonly thisWeek: (n: number) => string;
    readonly showOverdue: string;
    readonly showThisWeek: string;
    readonly filters: string;
    readonly kind: string;
    readonly status: string;
    readonly jurisdiction: string;
    readonly due: string;
    readonly any: string;
    readonly open: string;
    readonly dueOverdue: string;
    readonly dueThisWeek: string;
    readonly apply: string;
    readonly caption: string;
    readonly reference: string;
    readonly received: string;
    readonly dueOn: string;
    readonly left: string;
    readonly daysLate: (n: number) => string;
    readonly dueToday: string;
    readonly daysLeft: (n: number) => string;
    readonly closed: string;
    readonly lateTag: string;
    readonly soonTag: string;
    readonly none: string;
    readonly paging: string;
    readonly next: string;
    readonly previous: string;
    readonly statuses: Readonly<Record<RequestStatus, string>>;
  };
  readonly request: {
    readonly title: (reference: string) => string;
    readonly audited: string;
    readonly summary: string;
    readonly identities: string;
    readonly extended: string;
    readonly verification: string;
    readonly verified: string;
    readonly notVerified: string;
    readonly awaitingProof: string;
    readonly proofs: (n: number) => string;
    /** A link to one proof: its number, its file type (PDF, JPEG, PNG) and its size in kilobytes. */
    readonly proofOpen: (n: number, type: string, kilobytes: number) => string;
    readonly proofAudited: string;
    readonly plan: string;
    readonly planIntro: string;
    readonly planNone: string;
    readonly collection: string;
    readonly rows: string;
    readonly whatHappens: string;
    readonly fields: string;
    readonly notFound: string;
    readonly unreachable: string;
    readonly results: string;
    readonly resultsNone: string;
    readonly run: (operation: string, outcome: string) => string;
    readonly running: string;
    readonly holds: string;
    readonly hold: string;
    readonly until: string;
    readonly untilReleased: string;
    readonly timeline: string;
    readonly when: string;
    readonly who: string;
    readonly what: string;
    readonly why: string;
    readonly messages: string;
    readonly messagesNone: string;
    readonly template: string;
    readonly delivery: string;
    readonly actions: string;
    readonly actionsNone: string;
    readonly reason: string;
    readonly reasonRequired: string;
    readonly done: string;
    readonly refused: Readonly<Record<'conflict' | 'precondition' | 'invalid', string>>;
    readonly action: Readonly<Record<ConsoleAction, { readonly heading: string; readonly button: string; readonly hint?: string }>>;
    readonly events: Readonly<Record<RequestEventType, string>>;
  };
  readonly outbox: {
    readonly title: string;
    readonly intro: string;
    readonly caption: string;
    readonly request: string;
    readonly language: string;
    readonly queued: string;
    readonly sent: string;
    readonly attempts: string;
    readonly none: string;
  };
}

/** The decisions a request's page offers as forms, each shown when the request accepts it and the role may. */
export const CONSOLE_ACTIONS = ['approve', 'deny', 'extend', 'ask-proof', 'mark-verified', 'rerun', 'complete', 'cancel'] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

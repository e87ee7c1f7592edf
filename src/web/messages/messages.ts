// The shape of a language's table for the web pages: every word they print, so a missing translation is a type error.
import type { NextStep } from '../../desk/index.js';
import type { RequestKind, RequestStatus } from '../../workflow/index.js';
import type { ConsoleMessages } from './console.js';

/** The request kinds a person files from the privacy center's form (the others come through staff or the API). */
export const FORM_KINDS = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'account-closure',
  'restriction',
  'objection',
] as const satisfies readonly RequestKind[];
export type FormKind = (typeof FORM_KINDS)[number];

/** Where a form's field failed, as the page says it beside the field. */
export const FIELD_PROBLEMS = ['required', 'email', 'choice', 'too-long'] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];

/** A refusal of the desk, as the person reads it on a page. */
export const PAGE_PROBLEMS = [
  'wrong-code',
  'code-spent',
  'code-expired',
  'too-many',
  'not-waiting',
  'no-request',
  'link-gone',
  'cross-site',
  'proof-type',
  'proof-size',
  'proof-missing',
  'already-processed',
  'not-blocked',
] as const;
export type PageProblem = (typeof PAGE_PROBLEMS)[number];

export interface WebMessages {
  readonly layout: {
    readonly skip: string;
    readonly languages: string;
    readonly privacyCenter: string;
    readonly footer: (org: string) => string;
    readonly notice: string;
  };
  readonly home: {
    readonly title: string;
    readonly intro: (org: string) => string;
    readonly jurisdiction: string;
    readonly show: string;
    readonly rightsHeading: (place: string) => string;
    readonly deadline: (duration: string) => string;
    readonly extension: (duration: string) => string;
    readonly noExtension: string;
    readonly ask: string;
    readonly askLink: string;
    readonly documents: string;
    readonly notice: string;
    readonly cookies: string;
    readonly follow: string;
  };
  readonly kinds: Readonly<Record<FormKind, { readonly title: string; readonly text: string }>>;
  readonly kindName: Readonly<Record<RequestKind, string>>;
  readonly form: {
    readonly title: string;
    readonly intro: string;
    readonly errorSummary: string;
    readonly jurisdiction: string;
    readonly kind: string;
    readonly email: string;
    readonly emailHint: string;
    readonly rectification: string;
    readonly target: string;
    readonly targetNone: string;
    readonly value: string;
    readonly objection: string;
    readonly purpose: string;
    readonly purposeNone: string;
    readonly submit: string;
    readonly problems: Readonly<Record<FieldProblem, string>>;
  };
  readonly status: {
    readonly title: string;
    readonly keep: string;
    readonly reference: string;
    readonly kind: string;
    readonly state: string;
    readonly received: string;
    readonly due: string;
    readonly extended: string;
    readonly nextHeading: string;
    readonly timeline: string;
    readonly statuses: Readonly<Record<RequestStatus, string>>;
    readonly next: Readonly<Record<NextStep, string>>;
    readonly codeHeading: string;
    readonly codeIntro: string;
    readonly code: string;
    readonly confirm: string;
    readonly resend: string;
    readonly codeSent: string;
    readonly codeNotSent: string;
    readonly verified: string;
    readonly blockersHeading: string;
    readonly blockersIntro: string;
    readonly askAgain: string;
    readonly askAgainIntro: string;
    readonly askedAgain: string;
    readonly proofHeading: string;
    readonly proofIntro: (megabytes: number) => string;
    readonly proofPromise: string;
    readonly proofFile: string;
    readonly proofSend: string;
    readonly proofSent: string;
    readonly cancelHeading: string;
    readonly cancelReason: string;
    readonly cancel: string;
    readonly cancelled: string;
  };
  readonly download: {
    readonly title: string;
    readonly once: (until: string) => string;
    readonly zip: string;
    readonly json: string;
    readonly button: string;
    readonly goneTitle: string;
    readonly gone: string;
  };
  readonly problems: Readonly<Record<Exclude<PageProblem, 'proof-size'>, string>> & {
    readonly attemptsLeft: (n: number) => string;
    readonly 'proof-size': (megabytes: number) => string;
  };
  readonly notFound: string;
  /** The staff console's words (console.ts). */
  readonly console: ConsoleMessages;
}

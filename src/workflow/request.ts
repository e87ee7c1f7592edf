// A rights request as the desk holds it: who asked what, by which channel, under which law, where it stands, and its runs.
import { CustosError } from '../errors.js';
import type { Jurisdiction } from '../policy/index.js';
import type { Rectification, RightsAction } from '../rights/index.js';
import { deadlineTerms, type DeadlineTerms } from './deadlines.js';
import {
  INTAKE_CHANNELS,
  isOneOf,
  POST_MORTEM_DIRECTIVES,
  REQUEST_KINDS,
  type Actor,
  type IntakeChannel,
  type PostMortemDirective,
  type RequestKind,
  type RequestStatus,
  type RunOutcome,
} from './kinds.js';

type NoDetails = Readonly<Record<never, never>>;

/** What each kind of request carries beyond who asked. */
export interface RequestDetailsByKind {
  readonly access: NoDetails;
  readonly portability: NoDetails;
  /** The corrections asked for: a category key or `dataset.collection.field`, and the new value. */
  readonly rectification: { readonly changes: readonly Rectification[] };
  readonly erasure: NoDetails;
  readonly 'account-closure': NoDetails;
  readonly restriction: NoDetails;
  readonly 'restriction-lift': NoDetails;
  /** The purpose id (from the manifest) the person objects to. */
  readonly objection: { readonly purpose: string };
  /** The consent purpose id being withdrawn. */
  readonly 'withdraw-consent': { readonly consent: string };
  /** What the deceased asked for, when their directives say. */
  readonly 'post-mortem': { readonly directive?: PostMortemDirective | undefined };
}

/** One run of the rights engine made for a request. Resuming a failed run adds an attempt with the same run id. */
export interface RequestRun {
  readonly runId: string;
  readonly operation: RightsAction;
  readonly startedAt: Date;
  /** Absent while it runs. */
  readonly outcome?: RunOutcome | undefined;
}

/** A time the request waited for proof of identity; `to` is absent while it still waits. */
export interface ClockPause {
  readonly from: Date;
  readonly to?: Date | undefined;
}

export interface DeadlineExtension {
  readonly at: Date;
  readonly by: Actor;
  /** Told to the person with the extension. */
  readonly reason: string;
}

interface RequestCommon {
  readonly id: string;
  readonly channel: IntakeChannel;
  /** The jurisdiction's id: a preset (`gdpr`) or the manifest's own. */
  readonly jurisdiction: string;
  readonly receivedAt: Date;
  readonly status: RequestStatus;
  /** Identity values by identity key (`email` → [...]), as claimed: personal data, never logged. */
  readonly identities: Readonly<Record<string, readonly string[]>>;
  /** The jurisdiction's deadline rules when the request arrived: later manifest changes do not move its due day. */
  readonly terms: DeadlineTerms;
  readonly pauses: readonly ClockPause[];
  readonly extension?: DeadlineExtension | undefined;
  /** When receipt was confirmed to the person. */
  readonly acknowledgedAt?: Date | undefined;
  readonly runs: readonly RequestRun[];
  /** The latest run failed and the request is back to `approved`, waiting to be run again or resumed. */
  readonly lastRunFailed: boolean;
  /** When it was completed, denied or cancelled. */
  readonly closedAt?: Date | undefined;
  /** The language the person is written to in (one of the manifest's); the desk sets it at intake. */
  readonly language?: string | undefined;
  /**
   * The operation an officer chose at approval for a kind that may run more than one (objection: restrict or erase;
   * post-mortem: access or erase); absent where the kind runs one.
   */
  readonly operation?: RightsAction | undefined;
}

export type RightsRequestOf<K extends RequestKind> = RequestCommon & { readonly kind: K; readonly details: RequestDetailsByKind[K] };

/** A person's request at the desk. It owns the runs made for it; it is not a run. */
export type RightsRequest = { [K in RequestKind]: RightsRequestOf<K> }[RequestKind];

export interface NewRightsRequest {
  readonly id: string;
  readonly kind: string;
  readonly channel: string;
  readonly jurisdiction: Jurisdiction;
  readonly receivedAt: Date;
  readonly identities: Readonly<Record<string, readonly string[]>>;
  /** Per kind: `changes` (rectification), `purpose` (objection), `consent` (withdraw-consent), `directive` (post-mortem). */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** Request ids name runs and files: letters, digits, `-`, `_`, `.`, no leading dot, at most 128 characters. */
const REQUEST_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

function invalid(message: string, field: string): CustosError {
  return new CustosError({ code: 'invalid-input', message, details: { field } });
}

function text(details: Readonly<Record<string, unknown>>, field: string, fix: string): string {
  const value = details[field];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw invalid(`details.${field} is required: ${fix}`, `details.${field}`);
}

const DETAIL_READERS: { readonly [K in RequestKind]: (details: Readonly<Record<string, unknown>>) => RequestDetailsByKind[K] } = {
  access: () => ({}),
  portability: () => ({}),
  rectification: (details) => ({ changes: readChanges(details['changes']) }),
  erasure: () => ({}),
  'account-closure': () => ({}),
  restriction: () => ({}),
  'restriction-lift': () => ({}),
  objection: (details) => ({ purpose: text(details, 'purpose', 'the id of the purpose objected to (e.g. marketing)') }),
  'withdraw-consent': (details) => ({ consent: text(details, 'consent', 'the id of the consent purpose withdrawn (e.g. newsletter)') }),
  'post-mortem': (details) => {
    const directive = details['directive'];
    if (directive === undefined) return {};
    if (isOneOf(POST_MORTEM_DIRECTIVES, directive)) return { directive };
    throw invalid(`details.directive must be one of ${POST_MORTEM_DIRECTIVES.join(', ')}`, 'details.directive');
  },
};

function readChanges(raw: unknown): readonly Rectification[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw invalid(
      'details.changes is required: at least one { target, value } (target: a category or dataset.collection.field)',
      'details.changes',
    );
  return Object.freeze(
    raw.map((change: unknown, i): Rectification => {
      const c = (typeof change === 'object' && change !== null ? change : {}) as Record<string, unknown>;
      const target = c['target'];
      const value = c['value'];
      if (typeof target !== 'string' || target.trim() === '' || typeof value !== 'string')
        throw invalid(`details.changes[${i}] must be { target, value } with text for both`, `details.changes[${i}]`);
      return Object.freeze({ target: target.trim(), value });
    }),
  );
}

function readIdentities(raw: Readonly<Record<string, readonly string[]>>): Readonly<Record<string, readonly string[]>> {
  const out: Record<string, readonly string[]> = {};
  for (const [key, values] of Object.entries(raw)) {
    // The error names the key, never a value: values are the person's e-mail, phone, customer number.
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || v.trim() === ''))
      throw invalid(`identity "${key}" must be a list of non-empty values`, `identities.${key}`);
    if (values.length > 0) out[key] = Object.freeze([...values]);
  }
  if (Object.keys(out).length === 0) throw invalid('a request names the person by at least one identity value (e.g. email)', 'identities');
  return Object.freeze(out);
}

/**
 * A request as it arrives: checked, stamped with its jurisdiction's deadline terms, status `received`. Throws
 * `invalid-input` naming the field and the fix; the message never repeats an identity value.
 */
export function receiveRequest(input: NewRightsRequest): RightsRequest {
  if (!REQUEST_ID.test(input.id))
    throw invalid('the request id must be 1 to 128 letters, digits, "-", "_" or ".", not starting with "." (e.g. req-2028-01-31-1)', 'id');
  if (!isOneOf(REQUEST_KINDS, input.kind)) throw invalid(`kind must be one of ${REQUEST_KINDS.join(', ')}`, 'kind');
  if (!isOneOf(INTAKE_CHANNELS, input.channel)) throw invalid(`channel must be one of ${INTAKE_CHANNELS.join(', ')}`, 'channel');
  if (Number.isNaN(input.receivedAt.getTime())) throw invalid('receivedAt must be a valid instant', 'receivedAt');
  const kind = input.kind;
  const common: RequestCommon = {
    id: input.id,
    channel: input.channel,
    jurisdiction: input.jurisdiction.id,
    receivedAt: new Date(input.receivedAt.getTime()),
    status: 'received',
    identities: readIdentities(input.identities),
    terms: deadlineTerms(input.jurisdiction),
    pauses: Object.freeze([]),
    runs: Object.freeze([]),
    lastRunFailed: false,
  };
  const details = Object.freeze(DETAIL_READERS[kind](input.details ?? {}));
  return Object.freeze({ ...common, kind, details }) as RightsRequest;
}

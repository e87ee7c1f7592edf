// What the console, the API and the person may read: a request with its history, lists, due and overdue requests, a status page.
import type { OutboxMessage, OutboxStatus, RequestFilter, RequestPage, StoredRequest } from '../store/index.js';
import {
  allowedEvents,
  CLOSED_STATUSES,
  deadlineOf,
  dueWithin,
  overdue,
  REQUEST_STATUSES,
  type RequestDeadline,
  type RequestEventType,
  type RequestKind,
  type RequestStatus,
  type RightsRequest,
  type Transition,
} from '../workflow/index.js';
import type { DeskCore } from './core.js';
import { loadRequest } from './moves.js';
import { blockersOfReason } from './runs.js';
import { languageOf } from './messages.js';
import { localize } from '../policy/index.js';

/** A request as staff see it: with its deadline, history, the events it accepts and its proofs (never their bytes). */
export interface RequestDetail {
  readonly request: RightsRequest;
  readonly version: number;
  readonly deadline: RequestDeadline;
  readonly history: readonly Transition[];
  readonly allowed: readonly RequestEventType[];
  readonly proofs: readonly { readonly id: string; readonly mediaType: string; readonly size: number; readonly uploadedAt: Date }[];
  /** The messages sent (or queued) to the person, newest first: template and state, never their params (codes, links). */
  readonly messages: readonly SentMessage[];
}

export interface SentMessage {
  readonly id: string;
  readonly template: string;
  readonly language: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly queuedAt: Date;
  readonly sentAt?: Date | undefined;
}

/** A message as staff may see it: what was sent and how it went, without its params or recipient. */
export const sentMessage = (m: OutboxMessage): SentMessage => ({
  id: m.id,
  template: m.template,
  language: m.language,
  status: m.status,
  attempts: m.attempts,
  queuedAt: m.queuedAt,
  ...(m.sentAt === undefined ? {} : { sentAt: m.sentAt }),
});

export async function requestDetail(core: DeskCore, id: string): Promise<RequestDetail> {
  const stored = await loadRequest(core, id);
  const [history, proofs, messages] = await Promise.all([
    core.store.requests.history(id),
    core.store.secrets.proofs(id),
    core.store.outbox.list({ requestId: id }, { limit: 500 }),
  ]);
  return {
    request: stored.request,
    version: stored.version,
    deadline: deadlineOf(stored.request, core.clock.now()),
    history,
    allowed: allowedEvents(stored.request),
    proofs: proofs.map(({ id: proofId, mediaType, size, uploadedAt }) => ({ id: proofId, mediaType, size, uploadedAt })),
    messages: messages.items.map(sentMessage),
  };
}

/** What the person should do or expect next, a word the privacy center and the mail templates translate. */
export const NEXT_STEPS = [
  'confirm-identity',
  'enter-code',
  'send-proof',
  'wait-for-decision',
  'in-progress',
  'settle-blockers',
  'see-answer',
  'none',
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export const NEXT_STEP: Readonly<Record<RequestStatus, NextStep>> = Object.freeze({
  received: 'confirm-identity',
  'awaiting-verification': 'enter-code',
  'awaiting-proof': 'send-proof',
  verified: 'wait-for-decision',
  'awaiting-approval': 'wait-for-decision',
  approved: 'in-progress',
  running: 'in-progress',
  completed: 'see-answer',
  denied: 'see-answer',
  cancelled: 'none',
});

/** What a person may see of their request: no staff names, no ids but the request's, no identities. */
export interface RequestStatusView {
  readonly requestId: string;
  readonly kind: RequestKind;
  readonly status: RequestStatus;
  /** Each status the request reached, with when (the first is `received`). */
  readonly timeline: readonly { readonly status: RequestStatus; readonly at: Date }[];
  readonly receivedOn: string;
  readonly due: string;
  readonly extended: boolean;
  readonly next: NextStep;
  /**
   * An account closure the last run found blocked: the manifest's precondition ids (`accounts.closure.preconditions`),
   * which a page puts in words in its own language; empty otherwise.
   */
  readonly blockers: readonly string[];
  /** The same blockers in words, in the request's language (the manifest's description of each precondition). */
  readonly blockersInWords: readonly string[];
}

export async function statusView(core: DeskCore, stored: StoredRequest): Promise<RequestStatusView> {
  const { request } = stored;
  const history = await core.store.requests.history(request.id);
  const deadline = deadlineOf(request, core.clock.now());
  const blockers = (request.status === 'approved' && request.lastRunFailed && blockersOfReason(history.at(-1)?.reason)) || [];
  return {
    requestId: request.id,
    kind: request.kind,
    status: request.status,
    timeline: [
      { status: 'received' as const, at: request.receivedAt },
      ...history.filter((t) => t.to !== t.from).map((t) => ({ status: t.to, at: t.at })),
    ],
    receivedOn: deadline.receivedOn,
    due: deadline.due,
    extended: deadline.extended,
    // A closure found blocked waits on the person, not on the provider: the next step says what to do.
    next: blockers.length > 0 ? 'settle-blockers' : NEXT_STEP[request.status],
    blockers,
    blockersInWords: blockers.map((id) => {
      const precondition = core.model.accounts.closure?.preconditions.find((p) => p.id === id);
      return (precondition && localize(precondition.description, languageOf(core, request))) || id;
    }),
  };
}

const OPEN = REQUEST_STATUSES.filter((s) => !(CLOSED_STATUSES as readonly string[]).includes(s));

/** Every open request due before `day` (`YYYY-MM-DD`), page by page from the store. */
async function openDueBefore(core: DeskCore, day: string): Promise<RightsRequest[]> {
  const out: RightsRequest[] = [];
  let after: string | undefined;
  do {
    const page: RequestPage = await core.store.requests.list({ statuses: OPEN, dueBefore: day }, { after, limit: 500 });
    out.push(...page.items.map((s) => s.request));
    after = page.next;
  } while (after !== undefined);
  return out;
}

const dayAfter = (now: Date, days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Open requests due from today to 7 days ahead, the soonest first. */
export async function dueThisWeek(core: DeskCore): Promise<readonly RightsRequest[]> {
  const now = core.clock.now();
  // The stored due day may be a day early under the UK pause (it moves while the desk waits): read a day more.
  return dueWithin(await openDueBefore(core, dayAfter(now, 9)), now, 7);
}

/** Open requests past their due day, the longest overdue first. */
export async function overdueRequests(core: DeskCore): Promise<readonly RightsRequest[]> {
  const now = core.clock.now();
  return overdue(await openDueBefore(core, dayAfter(now, 1)), now);
}

export const listRequests = (core: DeskCore, filter?: RequestFilter, page?: { after?: string; limit?: number }) =>
  core.store.requests.list(filter, page);

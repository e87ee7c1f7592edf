// The request state machine: which event moves a request from which status to which, who may send it, what it records.
import { CustosError } from '../errors.js';
import type { RightsAction } from '../rights/index.js';
import { approvalRefusal, DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from './approval.js';
import { extensionRefusal } from './deadlines.js';
import { isOneOf, KIND_OPERATIONS, requestPhrase, type Actor, type ActorRole, type RequestStatus } from './kinds.js';
import type { ClockPause, RequestRun, RightsRequest } from './request.js';

export const REQUEST_EVENTS = [
  'ask-verification',
  'verify',
  'ask-proof',
  'submit',
  'approve',
  'start-run',
  'run-succeeded',
  'run-failed',
  'complete',
  'deny',
  'cancel',
  'extend',
  'acknowledge',
] as const;
export type RequestEventType = (typeof REQUEST_EVENTS)[number];

/** `start-run` names the rights-engine run; `complete` answers a kind that has no run (withdraw-consent). */
export type RequestEvent =
  | { readonly type: 'start-run'; readonly runId: string; readonly operation: RightsAction }
  | { readonly type: Exclude<RequestEventType, 'start-run'> };

type Moves = Readonly<Partial<Record<RequestEventType, RequestStatus>>>;

/** Events that leave the status as it is, allowed while a request is open. */
const bookkeeping = (status: RequestStatus): Moves => ({ extend: status, acknowledge: status });
const closing: Moves = { deny: 'denied', cancel: 'cancelled' };

/**
 * Every allowed move. A running request can be neither denied nor cancelled: its run must end first (a failed run
 * brings it back to `approved`, where it can be run again or resumed). Account holders are verified by logging in, so a
 * request can be verified as it arrives.
 */
export const TRANSITIONS: Readonly<Record<RequestStatus, Moves>> = Object.freeze({
  received: { 'ask-verification': 'awaiting-verification', verify: 'verified', ...closing, ...bookkeeping('received') },
  'awaiting-verification': {
    verify: 'verified',
    'ask-proof': 'awaiting-proof',
    ...closing,
    ...bookkeeping('awaiting-verification'),
  },
  'awaiting-proof': { verify: 'verified', ...closing, ...bookkeeping('awaiting-proof') },
  verified: { submit: 'awaiting-approval', 'ask-proof': 'awaiting-proof', ...closing, ...bookkeeping('verified') },
  'awaiting-approval': { approve: 'approved', ...closing, ...bookkeeping('awaiting-approval') },
  approved: { 'start-run': 'running', complete: 'completed', ...closing, ...bookkeeping('approved') },
  running: { 'run-succeeded': 'completed', 'run-failed': 'approved', ...bookkeeping('running') },
  completed: {},
  denied: {},
  cancelled: {},
});

/** Who may send each event. Approval is decided by the approval policy: an officer always, the system for its kinds. */
export const EVENT_ROLES: Readonly<Record<RequestEventType, readonly ActorRole[]>> = Object.freeze({
  'ask-verification': ['system', 'agent', 'officer'],
  verify: ['system', 'agent', 'officer'],
  'ask-proof': ['agent', 'officer'],
  submit: ['system', 'agent', 'officer'],
  approve: ['system', 'officer'],
  'start-run': ['system', 'agent', 'officer'],
  'run-succeeded': ['system', 'agent', 'officer'],
  'run-failed': ['system', 'agent', 'officer'],
  complete: ['agent', 'officer'],
  deny: ['agent', 'officer'],
  cancel: ['requester', 'agent', 'officer'],
  extend: ['agent', 'officer'],
  acknowledge: ['system', 'agent', 'officer'],
});

/** Events that need a reason: a denial and an extension are explained to the person, a cancellation is on record. */
export const REASON_REQUIRED: ReadonlySet<RequestEventType> = new Set(['deny', 'extend', 'cancel']);

export interface TransitionContext {
  readonly actor: Actor;
  readonly at: Date;
  readonly reason?: string | undefined;
  /** Default: DEFAULT_APPROVAL_POLICY. */
  readonly approval?: ApprovalPolicy | undefined;
}

/** One move, as the request's history keeps it. */
export interface Transition {
  readonly requestId: string;
  readonly event: RequestEventType;
  readonly from: RequestStatus;
  readonly to: RequestStatus;
  readonly actor: Actor;
  readonly at: Date;
  readonly reason?: string | undefined;
  readonly runId?: string | undefined;
}

export type TransitionResult =
  | { readonly ok: true; readonly request: RightsRequest; readonly transition: Transition }
  | { readonly ok: false; readonly error: CustosError };

/**
 * The events a request accepts in its current status: a kind the rights engine runs is started, never marked complete
 * by hand, and a kind it does not run (withdraw-consent) the reverse.
 */
export function allowedEvents(request: RightsRequest): readonly RequestEventType[] {
  const moves = TRANSITIONS[request.status];
  const runs = KIND_OPERATIONS[request.kind].length > 0;
  return REQUEST_EVENTS.filter((event) => moves[event] !== undefined && event !== (runs ? 'complete' : 'start-run'));
}

function refusal(request: RightsRequest, event: string): CustosError {
  const allowed = allowedEvents(request);
  return new CustosError({
    code: 'conflict',
    message:
      allowed.length === 0
        ? `Request ${request.id} is ${request.status}: nothing more can happen to it (${event} refused)`
        : `Request ${request.id} is ${request.status}: it cannot take ${event} now; allowed: ${allowed.join(', ')}`,
    details: { requestId: request.id, status: request.status, event, allowed },
  });
}

function runRefusal(request: RightsRequest, runId: string, operation: RightsAction): CustosError | undefined {
  const allowed: readonly RightsAction[] = KIND_OPERATIONS[request.kind];
  const invalid = (message: string): CustosError =>
    new CustosError({
      code: 'invalid-input',
      message: `Request ${request.id}: ${message}`,
      details: { requestId: request.id, runId, operation },
    });
  if (!allowed.includes(operation)) return invalid(`${requestPhrase(request.kind)} runs ${allowed.join(' or ')}, not ${operation}`);
  if (runId.trim() === '') return invalid('a run needs a run id');
  const earlier = request.runs.filter((r) => r.runId === runId);
  const last = earlier.at(-1);
  // The same run id resumes a failed run (its journal replays finished steps): only that run, with its operation.
  if (last !== undefined && (last.outcome !== 'failed' || last.operation !== operation))
    return invalid(`run ${runId} ran ${last.operation}; resume it with ${last.operation}, or start a new run id`);
  return undefined;
}

function guard(request: RightsRequest, event: RequestEvent, ctx: TransitionContext): CustosError | undefined {
  switch (event.type) {
    case 'start-run':
      return runRefusal(request, event.runId, event.operation);
    case 'extend':
      return extensionRefusal(request, ctx.at);
    case 'approve': // checked with the actor's role, by the approval policy
    case 'ask-verification':
    case 'verify':
    case 'ask-proof':
    case 'submit':
    case 'complete':
    case 'run-succeeded':
    case 'run-failed':
    case 'deny':
    case 'cancel':
    case 'acknowledge':
      return undefined;
    default:
      return event satisfies never;
  }
}

const endPause = (pauses: readonly ClockPause[], at: Date): readonly ClockPause[] =>
  Object.freeze(pauses.map((p) => (p.to === undefined ? Object.freeze({ from: p.from, to: at }) : p)));

const endRun = (runs: readonly RequestRun[], outcome: 'succeeded' | 'failed'): readonly RequestRun[] =>
  Object.freeze(runs.map((r, i) => (i === runs.length - 1 ? Object.freeze({ ...r, outcome }) : r)));

/** What an event records on the request besides its status. */
function effects(request: RightsRequest, event: RequestEvent, ctx: TransitionContext, reason: string | undefined): Partial<RightsRequest> {
  const { at } = ctx;
  switch (event.type) {
    case 'ask-proof':
      return { pauses: Object.freeze([...request.pauses, Object.freeze({ from: at })]) };
    case 'verify':
      return { pauses: endPause(request.pauses, at) };
    case 'deny':
    case 'cancel':
      return { pauses: endPause(request.pauses, at), closedAt: at };
    case 'start-run':
      return {
        runs: Object.freeze([...request.runs, Object.freeze({ runId: event.runId, operation: event.operation, startedAt: at })]),
        lastRunFailed: false,
      };
    case 'run-succeeded':
      return { runs: endRun(request.runs, 'succeeded'), lastRunFailed: false, closedAt: at };
    case 'run-failed':
      return { runs: endRun(request.runs, 'failed'), lastRunFailed: true };
    case 'complete':
      return { closedAt: at };
    case 'extend':
      return { extension: Object.freeze({ at, by: ctx.actor, reason: reason ?? '' }) };
    case 'acknowledge':
      return { acknowledgedAt: request.acknowledgedAt ?? at };
    case 'ask-verification':
    case 'submit':
    case 'approve':
      return {};
    default:
      return event satisfies never;
  }
}

/**
 * Applies `event` to `request`: the new request and the Transition to keep, or a refusal — `conflict` naming the
 * status and the events allowed in it, `forbidden` for an actor who may not send it, `invalid-input` for a missing
 * reason or a bad run, `precondition-failed` for an extension the law refuses. The request given is never changed.
 */
export function transition(request: RightsRequest, event: RequestEvent, ctx: TransitionContext): TransitionResult {
  const fail = (error: CustosError): TransitionResult => ({ ok: false, error });
  if (!isOneOf(REQUEST_EVENTS, event.type))
    return fail(
      new CustosError({
        code: 'invalid-input',
        message: `"${String(event.type)}" is no request event; use one of ${REQUEST_EVENTS.join(', ')}`,
        details: { requestId: request.id },
      }),
    );
  const to = TRANSITIONS[request.status][event.type];
  if (to === undefined || !allowedEvents(request).includes(event.type)) return fail(refusal(request, event.type));
  if (event.type === 'approve') {
    const refused = approvalRefusal(ctx.approval ?? DEFAULT_APPROVAL_POLICY, request.kind, ctx.actor);
    if (refused) return fail(refused);
  } else if (!EVENT_ROLES[event.type].includes(ctx.actor.role))
    return fail(
      new CustosError({
        code: 'forbidden',
        message: `${ctx.actor.role} ${ctx.actor.id} cannot ${event.type} request ${request.id}; ${EVENT_ROLES[event.type].join(' or ')} can`,
        details: { requestId: request.id, event: event.type, role: ctx.actor.role },
      }),
    );
  const reason = ctx.reason?.trim() || undefined;
  if (REASON_REQUIRED.has(event.type) && reason === undefined)
    return fail(
      new CustosError({
        code: 'invalid-input',
        message: `A reason is required to ${event.type} request ${request.id}${event.type === 'cancel' ? '' : ': it is told to the person'}`,
        details: { requestId: request.id, event: event.type, field: 'reason' },
      }),
    );
  if (Number.isNaN(ctx.at.getTime()) || ctx.at.getTime() < request.receivedAt.getTime())
    return fail(
      new CustosError({
        code: 'invalid-input',
        message: `Request ${request.id}: ${event.type} must be dated on or after its receipt (${request.receivedAt.toISOString()})`,
        details: { requestId: request.id, event: event.type, field: 'at' },
      }),
    );
  const refused = guard(request, event, ctx);
  if (refused) return fail(refused);
  const next = Object.freeze({ ...request, ...effects(request, event, ctx, reason), status: to }) as RightsRequest;
  const record: Transition = Object.freeze({
    requestId: request.id,
    event: event.type,
    from: request.status,
    to,
    actor: ctx.actor,
    at: ctx.at,
    reason,
    runId: event.type === 'start-run' ? event.runId : undefined,
  });
  return { ok: true, request: next, transition: record };
}

/** The system actor that takes automatic steps. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ role: 'system', id: 'custos' });

/**
 * Takes the steps the desk takes by itself: a verified request goes to approval, and on to `approved` when its kind is
 * approved automatically. Returns the request as it then stands and the transitions taken (none when nothing applies).
 */
export function advanceAutomatically(
  request: RightsRequest,
  options: { readonly at: Date; readonly approval?: ApprovalPolicy | undefined },
): { readonly request: RightsRequest; readonly transitions: readonly Transition[] } {
  const approval = options.approval ?? DEFAULT_APPROVAL_POLICY;
  const taken: Transition[] = [];
  let current = request;
  const step = (event: RequestEvent): void => {
    const result = transition(current, event, { actor: SYSTEM_ACTOR, at: options.at, approval });
    if (!result.ok) return;
    current = result.request;
    taken.push(result.transition);
  };
  if (current.status === 'verified') step({ type: 'submit' });
  if (current.status === 'awaiting-approval' && approval[current.kind] === 'automatic') step({ type: 'approve' });
  return { request: current, transitions: taken };
}

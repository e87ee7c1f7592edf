// One move of a request: workflow transitions applied, saved over the version read, audited by ids, proofs destroyed on close.
import { CustosError } from '../errors.js';
import type { AuditAction, AuditActor } from '../audit/index.js';
import type { NewOutboxMessage, StoredRequest } from '../store/index.js';
import {
  advanceAutomatically,
  deadlineOf,
  isOpenStatus,
  transition,
  type Actor,
  type RequestEvent,
  type RequestEventType,
  type RightsRequest,
  type Transition,
} from '../workflow/index.js';
import type { DeskCore } from './core.js';
import { destroyProofs } from './proofs.js';
import { queueRun } from './queue-run.js';

/** The audit word each transition is recorded under. */
export const EVENT_ACTIONS = Object.freeze({
  'ask-verification': 'request.verification-asked',
  verify: 'request.verified',
  'ask-proof': 'request.proof-asked',
  submit: 'request.submitted',
  approve: 'request.approved',
  'start-run': 'request.run',
  'run-succeeded': 'request.completed',
  'run-failed': 'request.run-failed',
  complete: 'request.completed',
  deny: 'request.denied',
  cancel: 'request.cancelled',
  extend: 'request.extended',
  acknowledge: 'request.acknowledged',
} as const satisfies Readonly<Record<RequestEventType, AuditAction>>);

/** Who acted, as the audit trail names them: staff by login id, the person by the request, Custos as the system. */
export function auditActor(actor: Actor): AuditActor {
  switch (actor.role) {
    case 'officer':
    case 'agent':
      return { kind: 'staff', id: actor.id };
    case 'system':
      return { kind: 'system', id: actor.id };
    case 'requester':
      return { kind: 'person', id: 'requester' };
    default:
      return actor.role satisfies never;
  }
}

export async function loadRequest(core: DeskCore, id: string): Promise<StoredRequest> {
  const stored = await core.store.requests.get(id);
  if (stored) return stored;
  throw new CustosError({ code: 'not-found', message: `no request ${id} at the desk`, details: { requestId: id } });
}

export interface Move {
  readonly event: RequestEvent;
  readonly actor: Actor;
  readonly reason?: string | undefined;
}

/** The due day a request is listed under, as it stands now. */
export const dueOf = (request: RightsRequest, now: Date): string => deadlineOf(request, now).due;

/**
 * Applies `moves` in order (the first refusal is thrown, nothing saved), then with `advance` the steps the desk takes by
 * itself (submit, automatic approval); saves the request over the version read (`conflict` if it changed meanwhile),
 * audits each transition by ids, destroys the request's identity proofs once it is closed, and queues the run of an
 * approved request.
 */
export async function applyMoves(
  core: DeskCore,
  stored: StoredRequest,
  moves: readonly Move[],
  options: {
    readonly advance?: boolean;
    readonly patch?: Partial<RightsRequest>;
    /** Messages the change sends (or how to write them from the request it leaves), queued in the same write as the change. */
    readonly messages?: readonly (NewOutboxMessage | undefined)[] | ((after: RightsRequest) => readonly (NewOutboxMessage | undefined)[]);
  } = {},
): Promise<StoredRequest> {
  const at = core.clock.now();
  let request: RightsRequest = options.patch ? (Object.freeze({ ...stored.request, ...options.patch }) as RightsRequest) : stored.request;
  const taken: Transition[] = [];
  for (const move of moves) {
    const result = transition(request, move.event, { actor: move.actor, at, reason: move.reason, approval: core.options.approval });
    if (!result.ok) throw result.error;
    request = result.request;
    taken.push(result.transition);
  }
  if (options.advance) {
    const advanced = advanceAutomatically(request, { at, approval: core.options.approval });
    request = advanced.request;
    taken.push(...advanced.transitions);
  }
  const said = typeof options.messages === 'function' ? options.messages(request) : (options.messages ?? []);
  const messages = said.filter((m) => m !== undefined);
  const saved = await core.store.requests.update(request, {
    expectedVersion: stored.version,
    due: dueOf(request, at),
    transitions: taken,
    messages,
  });
  if (taken.length > 0)
    await core.store.audit.appendAll(
      taken.map((t) => ({
        actor: auditActor(t.actor),
        action: EVENT_ACTIONS[t.event],
        subjects: { request: t.requestId, ...(t.runId === undefined ? {} : { run: t.runId }) },
        details: { from: t.from, to: t.to },
      })),
    );
  if (!isOpenStatus(request.status)) await destroyProofs(core, request.id);
  // An approval (by an officer, or automatic) sends the run: the job carries the request id only.
  if (taken.some((t) => t.event === 'approve')) await queueRun(core, request.id);
  return saved;
}

// The request state machine: every allowed move, every refused one with the status and the allowed events, reasons, roles, runs.
import { describe, expect, it } from 'vitest';
import { resolveApprovalPolicy } from './approval.js';
import { REQUEST_STATUSES, type Actor, type RequestKind, type RequestStatus } from './kinds.js';
import type { RightsRequest } from './request.js';
import {
  advanceAutomatically,
  allowedEvents,
  REQUEST_EVENTS,
  transition,
  type RequestEvent,
  type RequestEventType,
  type TransitionContext,
} from './transitions.js';
import { agent, officer, request, requester, system } from './requests.test-support.js';

const T0 = new Date('2028-01-31T15:00:00Z');
const later = (hours: number): Date => new Date(T0.getTime() + hours * 3_600_000);

function apply(req: RightsRequest, event: RequestEvent, ctx: Partial<TransitionContext> = {}): RightsRequest {
  const result = transition(req, event, { actor: officer, at: later(1), reason: 'Stated reason', ...ctx });
  if (!result.ok) throw result.error;
  return result.request;
}

/** The events that bring a fresh request to each status. */
const PATHS: Readonly<Record<RequestStatus, readonly RequestEvent[]>> = {
  received: [],
  'awaiting-verification': [{ type: 'ask-verification' }],
  'awaiting-proof': [{ type: 'ask-verification' }, { type: 'ask-proof' }],
  verified: [{ type: 'verify' }],
  'awaiting-approval': [{ type: 'verify' }, { type: 'submit' }],
  approved: [{ type: 'verify' }, { type: 'submit' }, { type: 'approve' }],
  running: [{ type: 'verify' }, { type: 'submit' }, { type: 'approve' }, { type: 'start-run', runId: 'run-1', operation: 'access' }],
  completed: [
    { type: 'verify' },
    { type: 'submit' },
    { type: 'approve' },
    { type: 'start-run', runId: 'run-1', operation: 'access' },
    { type: 'run-succeeded' },
  ],
  denied: [{ type: 'deny' }],
  cancelled: [{ type: 'cancel' }],
};

function inStatus(status: RequestStatus, kind: RequestKind = 'access'): RightsRequest {
  const details = kind === 'withdraw-consent' ? { consent: 'newsletter' } : kind === 'objection' ? { purpose: 'marketing' } : {};
  return PATHS[status].reduce((req, event) => apply(req, event), request({ kind, details }));
}

function eventOf(type: RequestEventType): RequestEvent {
  return type === 'start-run' ? { type, runId: 'run-2', operation: 'access' } : { type };
}

/** The specification: every move the desk allows, for a request the rights engine runs (access). */
const MOVES: readonly (readonly [RequestStatus, RequestEventType, RequestStatus])[] = [
  ['received', 'ask-verification', 'awaiting-verification'],
  ['received', 'verify', 'verified'],
  ['awaiting-verification', 'verify', 'verified'],
  ['awaiting-verification', 'ask-proof', 'awaiting-proof'],
  ['awaiting-proof', 'verify', 'verified'],
  ['verified', 'ask-proof', 'awaiting-proof'],
  ['verified', 'submit', 'awaiting-approval'],
  ['awaiting-approval', 'approve', 'approved'],
  ['approved', 'start-run', 'running'],
  ['running', 'run-succeeded', 'completed'],
  ['running', 'run-failed', 'approved'],
  ...(['received', 'awaiting-verification', 'awaiting-proof', 'verified', 'awaiting-approval', 'approved'] as const).flatMap(
    (from) =>
      [
        [from, 'deny', 'denied'],
        [from, 'cancel', 'cancelled'],
      ] as const,
  ),
  ...(['received', 'awaiting-verification', 'awaiting-proof', 'verified', 'awaiting-approval', 'approved', 'running'] as const).flatMap(
    (from) =>
      [
        [from, 'extend', from],
        [from, 'acknowledge', from],
      ] as const,
  ),
];

describe('transition: allowed moves', () => {
  it.each(MOVES)('%s --%s--> %s, recorded with who, when and why', (from, event, to) => {
    const before = inStatus(from);
    const result = transition(before, eventOf(event), { actor: officer, at: later(2), reason: 'Stated reason' });
    if (!result.ok) throw result.error;
    expect(result.request.status).toBe(to);
    expect(result.transition).toMatchObject({ requestId: 'req-1', event, from, to, actor: officer, at: later(2) });
    expect(before.status).toBe(from); // the request given is left as it was
  });

  it('refuses every other event in every status with a conflict naming the status and the allowed events', () => {
    const allowed = new Set(MOVES.map(([from, event]) => `${from} ${event}`));
    let refused = 0;
    for (const status of REQUEST_STATUSES) {
      const req = inStatus(status);
      for (const event of REQUEST_EVENTS) {
        if (allowed.has(`${status} ${event}`)) continue;
        const result = transition(req, eventOf(event), { actor: officer, at: later(2), reason: 'Stated reason' });
        expect(result.ok, `${status} ${event}`).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe('conflict');
        expect(result.error.details).toEqual({ requestId: 'req-1', status, event, allowed: allowedEvents(req) });
        refused += 1;
      }
    }
    expect(refused).toBe(REQUEST_STATUSES.length * REQUEST_EVENTS.length - MOVES.length);
  });

  it('says what may happen instead', () => {
    const result = transition(
      inStatus('awaiting-approval'),
      { type: 'start-run', runId: 'run-1', operation: 'access' },
      { actor: officer, at: later(2) },
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toBe(
        'Request req-1 is awaiting-approval: it cannot take start-run now; allowed: approve, deny, cancel, extend, acknowledge',
      );
    const done = transition(inStatus('completed'), { type: 'cancel' }, { actor: officer, at: later(2), reason: 'Changed mind' });
    if (!done.ok) expect(done.error.message).toBe('Request req-1 is completed: nothing more can happen to it (cancel refused)');
    expect(done.ok).toBe(false);
  });

  it('completes a withdrawal of consent without a run, and refuses to start one for it', () => {
    const approved = inStatus('approved', 'withdraw-consent');
    expect(allowedEvents(approved)).toEqual(['complete', 'deny', 'cancel', 'extend', 'acknowledge']);
    const completed = apply(approved, { type: 'complete' }, { at: later(3) });
    expect(completed).toMatchObject({ status: 'completed', closedAt: later(3), runs: [] });
    expect(transition(approved, { type: 'start-run', runId: 'r', operation: 'erase' }, { actor: officer, at: later(3) }).ok).toBe(false);
    expect(transition(inStatus('approved'), { type: 'complete' }, { actor: officer, at: later(3) }).ok).toBe(false);
  });
});

describe('reasons', () => {
  it.each(['deny', 'cancel', 'extend'] as const)('%s needs a reason, and keeps it', (type) => {
    const req = inStatus('verified');
    for (const reason of [undefined, '', '   ']) {
      const result = transition(req, { type }, { actor: officer, at: later(2), reason });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toMatch(new RegExp(`^A reason is required to ${type} request req-1`));
      expect(result.error.details['field']).toBe('reason');
    }
    const result = transition(req, { type }, { actor: officer, at: later(2), reason: '  Identity not proven  ' });
    if (!result.ok) throw result.error;
    expect(result.transition.reason).toBe('Identity not proven');
  });

  it('are optional elsewhere', () => {
    const result = transition(inStatus('received'), { type: 'verify' }, { actor: agent, at: later(2) });
    expect(result.ok && result.transition.reason).toBeUndefined();
  });
});

describe('who may act', () => {
  const approve = (req: RightsRequest, actor: Actor, approval = resolveApprovalPolicy()) =>
    transition(req, { type: 'approve' }, { actor, at: later(2), approval });

  it('lets the system approve access on its own, and only an officer approve an erasure', () => {
    expect(approve(inStatus('awaiting-approval', 'access'), system).ok).toBe(true);
    const erasure = inStatus('awaiting-approval', 'erasure');
    for (const actor of [system, agent]) {
      const result = approve(erasure, actor);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('forbidden');
        expect(result.error.message).toBe(
          `An erasure request needs a privacy officer's approval; ${actor.role} ${actor.id} cannot approve it`,
        );
      }
    }
    expect(approve(erasure, officer).ok).toBe(true);
  });

  it('follows an overridden policy: erasures approved automatically, access by an officer', () => {
    const policy = resolveApprovalPolicy({ erasure: 'automatic', access: 'officer' });
    expect(approve(inStatus('awaiting-approval', 'erasure'), system, policy).ok).toBe(true);
    expect(approve(inStatus('awaiting-approval', 'access'), system, policy).ok).toBe(false);
  });

  it('lets the person cancel their request but not approve or verify it', () => {
    expect(transition(inStatus('received'), { type: 'cancel' }, { actor: requester, at: later(2), reason: 'No longer needed' }).ok).toBe(
      true,
    );
    for (const event of [{ type: 'verify' }, { type: 'deny' }] as const) {
      const result = transition(inStatus('received'), event, { actor: requester, at: later(2), reason: 'x' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/^requester requester cannot (verify|deny) request req-1; /);
    }
  });
});

describe('advanceAutomatically', () => {
  it('takes a verified access request to approved, as the system', () => {
    const { request: req, transitions } = advanceAutomatically(inStatus('verified', 'access'), { at: later(5) });
    expect(req.status).toBe('approved');
    expect(transitions.map((t) => [t.from, t.to, t.actor.role])).toEqual([
      ['verified', 'awaiting-approval', 'system'],
      ['awaiting-approval', 'approved', 'system'],
    ]);
  });

  it('leaves an erasure awaiting an officer, and a request not yet verified alone', () => {
    expect(advanceAutomatically(inStatus('verified', 'erasure'), { at: later(5) }).request.status).toBe('awaiting-approval');
    const untouched = advanceAutomatically(inStatus('awaiting-proof', 'access'), { at: later(5) });
    expect(untouched.transitions).toEqual([]);
    expect(untouched.request.status).toBe('awaiting-proof');
  });
});

describe('runs', () => {
  it('a failed run returns the request to approved, marked, and resumes under the same run id', () => {
    const failed = apply(inStatus('running'), { type: 'run-failed' }, { at: later(4) });
    expect(failed).toMatchObject({ status: 'approved', lastRunFailed: true });
    expect(failed.runs).toEqual([{ runId: 'run-1', operation: 'access', startedAt: later(1), outcome: 'failed' }]);
    const resumed = apply(failed, { type: 'start-run', runId: 'run-1', operation: 'access' }, { at: later(6) });
    expect(resumed).toMatchObject({ status: 'running', lastRunFailed: false });
    const done = apply(resumed, { type: 'run-succeeded' }, { at: later(7) });
    expect(done).toMatchObject({ status: 'completed', closedAt: later(7), lastRunFailed: false });
    expect(done.runs.map((r) => [r.runId, r.outcome])).toEqual([
      ['run-1', 'failed'],
      ['run-1', 'succeeded'],
    ]);
  });

  it('runs only what the kind allows', () => {
    const wrong = transition(
      inStatus('approved', 'access'),
      { type: 'start-run', runId: 'run-9', operation: 'erase' },
      { actor: system, at: later(2) },
    );
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toBe('Request req-1: an access request runs access, not erase');
  });

  it('lets an objection end in a restriction or an erasure, as the officer decides, never an access', () => {
    for (const operation of ['restrict', 'erase'] as const) {
      const running = apply(inStatus('approved', 'objection'), { type: 'start-run', runId: `run-${operation}`, operation });
      expect(running.runs).toEqual([{ runId: `run-${operation}`, operation, startedAt: later(1) }]);
    }
    const access = transition(
      inStatus('approved', 'objection'),
      { type: 'start-run', runId: 'r', operation: 'access' },
      { actor: system, at: later(2) },
    );
    expect(access.ok).toBe(false);
  });

  it('resumes a failed run only with its own operation', () => {
    const restricting = apply(inStatus('approved', 'objection'), { type: 'start-run', runId: 'run-1', operation: 'restrict' });
    const failed = apply(restricting, { type: 'run-failed' }, { at: later(3) });
    const changed = transition(failed, { type: 'start-run', runId: 'run-1', operation: 'erase' }, { actor: system, at: later(4) });
    expect(changed.ok).toBe(false);
    if (!changed.ok)
      expect(changed.error.message).toBe('Request req-1: run run-1 ran restrict; resume it with restrict, or start a new run id');
    const erasing = transition(failed, { type: 'start-run', runId: 'run-2', operation: 'erase' }, { actor: system, at: later(4) });
    expect(erasing.ok && erasing.request.runs.map((r) => [r.runId, r.operation, r.outcome])).toEqual([
      ['run-1', 'restrict', 'failed'],
      ['run-2', 'erase', undefined],
    ]);
  });

  it('refuses an event dated before the request arrived', () => {
    const result = transition(inStatus('received'), { type: 'verify' }, { actor: agent, at: new Date('2028-01-01T00:00:00Z') });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toBe('Request req-1: verify must be dated on or after its receipt (2028-01-31T15:00:00.000Z)');
  });

  it('never names the person in a refusal', () => {
    for (const status of REQUEST_STATUSES) {
      const result = transition(inStatus(status), { type: 'approve' }, { actor: requester, at: later(2) });
      if (!result.ok) expect(JSON.stringify([result.error.message, result.error.details])).not.toContain('ada@example.com');
    }
  });
});

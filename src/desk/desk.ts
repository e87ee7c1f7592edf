// The request desk: intake, verification, proofs, decisions and runs of rights requests, tying workflow, store, jobs, vault and rights.
import type { Clock } from '../clock.js';
import { CustosError } from '../errors.js';
import type { JobQueue, WorkOptions } from '../jobs/index.js';
import type { PolicyModel } from '../policy/index.js';
import type { RightsAction } from '../rights/index.js';
import type { NewOutboxMessage, RequestFilter, RequestPage, StoredRequest } from '../store/index.js';
import type { Vault } from '../vault/index.js';
import { deadlineOf, KIND_OPERATIONS, SYSTEM_ACTOR, type Actor, type IntakeChannel, type RightsRequest } from '../workflow/index.js';
import type { DeskCore } from './core.js';
import { intake, type Submission } from './intake.js';
import { composeMessage, contactOf, isoDuration } from './messages.js';
import { applyMoves, auditActor, dueOf, loadRequest } from './moves.js';
import { resolveDeskOptions, type DeskOptions } from './options.js';
import { download, downloadState, purgeExpiredPackages, type Download, type DownloadState } from './packages.js';
import { previewPlan, type PlanPreview } from './preview.js';
import { openProof, storeProof } from './proofs.js';
import {
  dueThisWeek,
  listRequests,
  overdueRequests,
  requestDetail,
  statusView,
  type RequestDetail,
  type RequestStatusView,
} from './queries.js';
import { queueRun } from './queue-run.js';
import { runJobHandler, runRequest, type RunOptions } from './runs.js';
import { newToken } from './secrets.js';
import type { AppAssertion } from './secrets.js';
import { requestOfToken, sendCode, verifyAssertion, verifyCode } from './verification.js';

/** What intake answers: the request's id, the person's status token (shown once), and whether a code was sent. */
export interface Receipt {
  readonly id: string;
  /** 256 random bits: the person follows the request with it; the desk keeps only its hash. */
  readonly statusToken: string;
  /** False when the request names no e-mail address, or the address had too many codes this hour (ask again later). */
  readonly codeSent: boolean;
}

export interface Desk {
  /** A person's request from the web form or the API: stored, a code sent when it names an e-mail address. */
  submit(input: Submission, from?: { readonly ip?: string }): Promise<Receipt>;
  /** Staff registering a request that came by e-mail or post (any channel), on the person's behalf. */
  register(input: Submission, actor: Actor): Promise<Receipt>;
  /** Sends a new code (the last one stops working), limited per e-mail address and per IP. */
  resendCode(statusToken: string, ip: string): Promise<void>;
  verifyCode(statusToken: string, code: string, ip: string): Promise<RequestStatusView>;
  /** An account holder signed in to the provider's app: its signed assertion verifies them. */
  verifyAssertion(requestId: string, assertion: AppAssertion): Promise<RequestStatusView>;
  /** Staff verified the person another way (a letter, a checked document): the reason is on record. */
  markVerified(id: string, actor: Actor, reason: string): Promise<StoredRequest>;
  askForProof(id: string, actor: Actor, reason: string): Promise<StoredRequest>;
  uploadProof(statusToken: string, bytes: Uint8Array, mediaType: string): Promise<{ readonly proofId: string }>;
  /** A proof's bytes for staff checking it (audited as a view of personal data). */
  viewProof(id: string, proofId: string, actor: Actor): Promise<{ readonly bytes: Buffer; readonly mediaType: string }>;
  /** An officer's approval; `operation` chooses for a kind that may run more than one (objection, post-mortem). */
  approve(id: string, actor: Actor, options?: { readonly operation?: RightsAction; readonly reason?: string }): Promise<StoredRequest>;
  deny(id: string, actor: Actor, reason: string): Promise<StoredRequest>;
  extend(id: string, actor: Actor, reason: string): Promise<StoredRequest>;
  cancel(id: string, actor: Actor, reason: string): Promise<StoredRequest>;
  /**
   * The person settled what blocked their account closure (paid, cancelled a service) and asks for it to run again:
   * only an approved closure whose last run found blockers; the run checks them afresh.
   */
  askAgain(statusToken: string): Promise<RequestStatusView>;
  /** The person withdraws their own request. */
  cancelByRequester(statusToken: string, reason: string): Promise<RequestStatusView>;
  /** Completes a kind that runs nothing (withdraw-consent) once staff recorded it. */
  complete(id: string, actor: Actor, reason?: string): Promise<StoredRequest>;
  /** Sends an approved request's run again (after a failed run). */
  rerun(id: string, actor: Actor): Promise<void>;
  /** The `request.run` job's work, for `deskJobs` (and a test that runs it in place). */
  runRequest(requestId: string, options?: RunOptions): Promise<void>;
  /**
   * The plan of a verified, awaiting-approval or approved request before it runs, with a dry-run count of the person's
   * rows per collection; audited as a view of their data (`person-data.viewed`).
   */
  preview(id: string, viewer: Actor, signal?: AbortSignal): Promise<PlanPreview>;
  /** A request with its history; with `viewer`, the view of its identities is audited as `person-data.viewed`. */
  get(id: string, viewer?: Actor): Promise<RequestDetail>;
  list(filter?: RequestFilter, page?: { after?: string; limit?: number }): Promise<RequestPage>;
  statusFor(statusToken: string): Promise<RequestStatusView>;
  /** What the person sees of a request, by its id (for the provider's app, which filed it), with the channel it came by. */
  statusById(id: string): Promise<RequestStatusView & { readonly channel: IntakeChannel }>;
  dueThisWeek(): Promise<readonly RightsRequest[]>;
  overdue(): Promise<readonly RightsRequest[]>;
  /** Whether a download link still works, without using it: a page says so before the person downloads. */
  downloadState(token: string): Promise<DownloadState>;
  /** The package once for its single-use token; `not-found` after. */
  download(token: string): Promise<Download>;
  /** Removes packages whose download link expired unused (a server calls it on a timer): how many. */
  purgeExpiredPackages(): Promise<number>;
  /** What the desk was opened with (the job handler reads it). */
  readonly core: DeskCore;
}

export interface OpenDeskInput {
  readonly model: PolicyModel;
  readonly store: DeskCore['store'];
  readonly jobs: JobQueue;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly options: DeskOptions;
}

const PERSON_CHANNELS: readonly IntakeChannel[] = ['web', 'api'];
const STAFF_CHANNELS: readonly IntakeChannel[] = ['email', 'post', 'web', 'api'];

/** Opens the desk; options are resolved once (`config` errors name the option). */
export function openDesk(input: OpenDeskInput): Desk {
  const core: DeskCore = Object.freeze({ ...input, options: resolveDeskOptions(input.model, input.options) });
  /** A staff decision and the message it sends the person, saved in one write. */
  const move = async (
    id: string,
    actor: Actor,
    event: 'deny' | 'extend' | 'cancel' | 'ask-proof',
    reason: string,
    message: (after: RightsRequest) => NewOutboxMessage | undefined,
  ) =>
    applyMoves(core, await loadRequest(core, id), [{ event: { type: event }, actor, reason }], { messages: (after) => [message(after)] });

  async function receive(submission: Submission, channels: readonly IntakeChannel[], actor: Actor, ip: string | undefined) {
    const at = core.clock.now();
    const request = intake(core.model, submission, channels, at);
    const created = await core.store.requests.create(request, dueOf(request, at));
    const { token, hash } = newToken();
    await core.store.secrets.addToken({ hash, purpose: 'status', requestId: request.id, createdAt: at });
    await core.store.audit.append({
      actor: auditActor(actor),
      action: 'request.created',
      subjects: { request: request.id },
      details: { kind: request.kind, channel: request.channel, jurisdiction: request.jurisdiction },
    });
    const waiting = await applyMoves(core, created, [{ event: { type: 'ask-verification' }, actor: SYSTEM_ACTOR }]);
    // Without an e-mail address the person confirms who they are through the app, or staff by other means.
    let codeSent = false;
    if (contactOf(core.model, request) !== undefined)
      try {
        await sendCode(core, waiting, ip ?? 'unknown');
        codeSent = true;
      } catch (error) {
        // The request is kept: the person asks for a code again later with its status token.
        if (!(error instanceof CustosError && error.code === 'rate-limited')) throw error;
      }
    return { id: request.id, statusToken: token, codeSent };
  }

  return {
    core,
    submit: (submission, from = {}) => receive(submission, PERSON_CHANNELS, { role: 'requester', id: 'requester' }, from.ip),
    register(submission, actor) {
      if (actor.role !== 'agent' && actor.role !== 'officer')
        throw new CustosError({
          code: 'forbidden',
          message: `${actor.role} ${actor.id} cannot register requests; staff can`,
          details: { role: actor.role },
        });
      return receive(submission, STAFF_CHANNELS, actor, undefined);
    },
    resendCode: async (statusToken, ip) => sendCode(core, await requestOfToken(core, statusToken), ip),
    verifyCode: async (statusToken, code, ip) => statusView(core, await verifyCode(core, statusToken, code, ip)),
    verifyAssertion: async (requestId, assertion) => statusView(core, await verifyAssertion(core, requestId, assertion)),
    markVerified: async (id, actor, reason) =>
      applyMoves(core, await loadRequest(core, id), [{ event: { type: 'verify' }, actor, reason }], { advance: true }),
    askForProof: (id, actor, reason) =>
      move(id, actor, 'ask-proof', reason, (after) =>
        composeMessage(core, after, 'proof-needed', { requestId: id, kind: after.kind, reason: reason.trim() }),
      ),
    async uploadProof(statusToken, bytes, mediaType) {
      const stored = await requestOfToken(core, statusToken);
      if (stored.request.status !== 'awaiting-proof')
        throw new CustosError({
          code: 'conflict',
          message: `request ${stored.request.id} is ${stored.request.status}: no proof of identity was asked for`,
          details: { requestId: stored.request.id, status: stored.request.status },
        });
      const proof = await storeProof(core, stored.request.id, bytes, mediaType);
      return { proofId: proof.id };
    },
    viewProof: (id, proofId, actor) => openProof(core, id, proofId, actor),
    async approve(id, actor, options = {}) {
      const stored = await loadRequest(core, id);
      const operations: readonly RightsAction[] = KIND_OPERATIONS[stored.request.kind];
      if (options.operation !== undefined && !operations.includes(options.operation))
        throw new CustosError({
          code: 'invalid-input',
          message: `a ${stored.request.kind} request runs ${operations.join(' or ') || 'nothing'}, not ${options.operation}`,
          details: { field: 'operation', requestId: id },
        });
      if (options.operation === undefined && operations.length > 1)
        throw new CustosError({
          code: 'invalid-input',
          message: `operation is required to approve a ${stored.request.kind} request: choose ${operations.join(' or ')}`,
          details: { field: 'operation', requestId: id },
        });
      return applyMoves(core, stored, [{ event: { type: 'approve' }, actor, reason: options.reason }], {
        patch: options.operation === undefined ? undefined : { operation: options.operation },
      });
    },
    deny: (id, actor, reason) =>
      move(id, actor, 'deny', reason, (after) =>
        composeMessage(core, after, 'denied', { requestId: id, kind: after.kind, reason: reason.trim() }),
      ),
    extend: (id, actor, reason) =>
      move(id, actor, 'extend', reason, (after) => {
        // extend is refused where the law allows no extension, so the terms name one here.
        const extension = after.terms.extension;
        return extension === undefined
          ? undefined
          : composeMessage(core, after, 'extended', {
              requestId: id,
              kind: after.kind,
              dueDate: deadlineOf(after, core.clock.now()).due,
              extension: isoDuration(extension),
              reason: reason.trim(),
            });
      }),
    cancel: (id, actor, reason) =>
      move(id, actor, 'cancel', reason, (after) => composeMessage(core, after, 'cancelled', { requestId: id, kind: after.kind })),
    async cancelByRequester(statusToken, reason) {
      const stored = await requestOfToken(core, statusToken);
      const saved = await applyMoves(core, stored, [{ event: { type: 'cancel' }, actor: { role: 'requester', id: 'requester' }, reason }]);
      return statusView(core, saved);
    },
    async askAgain(statusToken) {
      const stored = await requestOfToken(core, statusToken);
      const view = await statusView(core, stored);
      if (stored.request.kind !== 'account-closure' || view.blockers.length === 0)
        throw new CustosError({
          code: 'conflict',
          message: `request ${stored.request.id} is ${stored.request.status}: only an account closure found blocked is run again at the person's asking`,
          details: { requestId: stored.request.id, status: stored.request.status },
        });
      await queueRun(core, stored.request.id);
      return view;
    },
    complete: async (id, actor, reason) => applyMoves(core, await loadRequest(core, id), [{ event: { type: 'complete' }, actor, reason }]),
    async rerun(id, actor) {
      const { request } = await loadRequest(core, id);
      if (request.status !== 'approved' || (actor.role !== 'agent' && actor.role !== 'officer'))
        throw new CustosError({
          code: request.status !== 'approved' ? 'conflict' : 'forbidden',
          message: `request ${id} is ${request.status}: only staff run again an approved request`,
          details: { requestId: id, status: request.status },
        });
      await queueRun(core, id);
    },
    runRequest: (requestId, options) => runRequest(core, requestId, options),
    preview: (id, viewer, signal) => previewPlan(core, id, viewer, signal),
    async get(id, viewer) {
      const detail = await requestDetail(core, id);
      if (viewer) await core.store.audit.append({ actor: auditActor(viewer), action: 'person-data.viewed', subjects: { request: id } });
      return detail;
    },
    list: (filter, page) => listRequests(core, filter, page),
    statusFor: async (statusToken) => statusView(core, await requestOfToken(core, statusToken)),
    async statusById(id) {
      const stored = await loadRequest(core, id);
      return { ...(await statusView(core, stored)), channel: stored.request.channel };
    },
    dueThisWeek: () => dueThisWeek(core),
    overdue: () => overdueRequests(core),
    download: (token) => download(core, token),
    downloadState: (token) => downloadState(core, token),
    purgeExpiredPackages: () => purgeExpiredPackages(core),
  };
}

/**
 * Works the desk's jobs on its queue until `options.signal` aborts or the queue closes: `request.run` runs (or resumes)
 * the request its payload names. `onProgress` sees each run's steps (for a server's metrics).
 */
export function deskJobs(desk: Desk, options: WorkOptions & { readonly onProgress?: RunOptions['onProgress'] } = {}): Promise<void> {
  const { onProgress, ...work } = options;
  return desk.core.jobs.work('request.run', runJobHandler(desk.core, onProgress), work);
}

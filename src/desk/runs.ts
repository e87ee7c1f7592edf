// A request's run, as a `request.run` job: start (or resume) the rights-engine run, record it, complete and tell the person.
import { CustosError, toCustosError } from '../errors.js';
import type { JobContext } from '../jobs/index.js';
import {
  executeErasure,
  executeRectification,
  executeRestriction,
  normalizeIdentities,
  type ExecutionContext,
  type Identities,
  type ClosureBlocker,
  type ProgressEvent,
  type RightsAction,
} from '../rights/index.js';
import { writeAccessPackage, writePortabilityDocument } from '../rights/package/index.js';
import type { Language } from '../policy/index.js';
import type { NewOutboxMessage, StoredRequest } from '../store/index.js';
import { isOpenStatus, KIND_OPERATIONS, SYSTEM_ACTOR, type RightsRequest } from '../workflow/index.js';
import type { DeskCore } from './core.js';
import { blockersInWords, composeMessage, downloadUrlOf } from './messages.js';
import { applyMoves, loadRequest } from './moves.js';
import { issueDownload, packagePath, writePrivateFile } from './packages.js';
import { personMessages } from './person-messages.js';

/** What a run ended with, for the request and the person's message: a package to hand over, or what blocks a closure. */
type RunEnd =
  | { readonly kind: 'done'; readonly download?: { readonly token: string; readonly expiresAt: Date } | undefined }
  | { readonly kind: 'blocked'; readonly blockers: readonly ClosureBlocker[] };

/** The run-failed reason of a blocked closure: `closure-blocked: <precondition id>, …` (manifest ids, no personal data). */
export const CLOSURE_BLOCKED = 'closure-blocked';
const closureBlockedReason = (blockers: readonly ClosureBlocker[]): string => `${CLOSURE_BLOCKED}: ${blockers.map((b) => b.id).join(', ')}`;

/** The precondition ids a run-failed reason names, or undefined when the reason is not a blocked closure. */
export function blockersOfReason(reason: string | undefined): readonly string[] | undefined {
  if (reason === undefined || !reason.startsWith(CLOSURE_BLOCKED)) return undefined;
  return reason
    .slice(CLOSURE_BLOCKED.length + 1)
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** Failures a later attempt of the job may get past: the run is left `running`, and the retry resumes it. */
const TRANSIENT = new Set(['request-busy', 'store-unavailable', 'aborted', 'closed']);

export interface RunOptions {
  readonly signal?: AbortSignal | undefined;
  /** No retry follows this attempt: a failure is recorded on the request instead of left to a retry. */
  readonly lastAttempt?: boolean | undefined;
  readonly onProgress?: ((event: ProgressEvent) => void | Promise<void>) | undefined;
}

/** The run id of a request's next run: the request id first, then `<id>.2`, `<id>.3`… */
const nextRunId = (request: RightsRequest): string => (request.runs.length === 0 ? request.id : `${request.id}.${request.runs.length + 1}`);

/**
 * Runs an approved request, or resumes a running one whose process died (its journal replays the finished steps); does
 * nothing for a request already closed, so a job that runs twice completes the request once.
 */
export async function runRequest(core: DeskCore, requestId: string, options: RunOptions = {}): Promise<void> {
  const stored = await core.store.requests.get(requestId);
  if (!stored || !isOpenStatus(stored.request.status)) return;
  const started = await start(core, stored);
  if (!started) return;
  const { request, runId, operation } = started;
  const pool = core.options.pool();
  const ctx: ExecutionContext = {
    model: core.model,
    pool,
    store: core.store,
    clock: core.clock,
    pseudonymKey: core.options.pseudonymKey,
    signal: options.signal,
    onProgress: options.onProgress,
  };
  let end: RunEnd;
  try {
    const identities = normalizeIdentities(core.model, new Map(Object.entries(request.identities)));
    end = await execute(core, ctx, request, runId, operation, identities);
  } catch (error) {
    const failure = toCustosError(error);
    if ((TRANSIENT.has(failure.code) || options.signal?.aborted) && !options.lastAttempt) throw error;
    await finish(core, requestId, { event: 'run-failed', reason: failure.code });
    return;
  } finally {
    await pool.close();
  }
  // The request's end and the message that tells the person are one write: never answered without the message.
  if (end.kind === 'blocked') {
    const blocked = composeMessage(core, request, 'closure-blocked', { requestId, blockers: blockersInWords(core, request, end.blockers) });
    await finish(core, requestId, { event: 'run-failed', reason: closureBlockedReason(end.blockers), messages: [blocked] });
    return;
  }
  const completed = composeMessage(core, request, 'completed', {
    requestId,
    kind: request.kind,
    ...(end.download && { downloadUrl: downloadUrlOf(core, end.download.token), downloadExpiresAt: end.download.expiresAt.toISOString() }),
  });
  await finish(core, requestId, { event: 'run-succeeded', messages: [completed] });
}

/** Moves an approved request to running (a new run, or the same run id to resume a failed one that is still journaled). */
async function start(
  core: DeskCore,
  stored: StoredRequest,
): Promise<{ request: RightsRequest; runId: string; operation: RightsAction } | undefined> {
  const { request } = stored;
  if (request.status === 'running') {
    // Its process died mid-run: the same run resumes from its journal.
    const last = request.runs.at(-1);
    return last && { request, runId: last.runId, operation: last.operation };
  }
  if (request.status !== 'approved') return undefined;
  const operation: RightsAction | undefined = request.operation ?? KIND_OPERATIONS[request.kind][0];
  if (operation === undefined) return undefined; // withdraw-consent: completed by hand
  const last = request.runs.at(-1);
  const open =
    last && last.outcome === 'failed' && last.operation === operation && (await core.store.journal.get(last.runId))?.status === 'running';
  const runId = open ? last.runId : nextRunId(request);
  const saved = await applyMoves(core, stored, [{ event: { type: 'start-run', runId, operation }, actor: SYSTEM_ACTOR }]);
  return { request: saved.request, runId, operation };
}

/** Ends the run on the request as it stands now (someone may have extended it meanwhile). */
async function finish(
  core: DeskCore,
  requestId: string,
  end: { event: 'run-succeeded' | 'run-failed'; reason?: string; messages?: readonly (NewOutboxMessage | undefined)[] },
): Promise<StoredRequest> {
  const stored = await loadRequest(core, requestId);
  if (stored.request.status !== 'running') return stored;
  const moves = [{ event: { type: end.event }, actor: SYSTEM_ACTOR, reason: end.reason }] as const;
  return applyMoves(core, stored, moves, { messages: end.messages ?? [] });
}

async function execute(
  core: DeskCore,
  ctx: ExecutionContext,
  request: RightsRequest,
  runId: string,
  operation: RightsAction,
  identities: Identities,
): Promise<RunEnd> {
  const run = { id: runId, identities };
  const lang = (request.language ?? core.model.languages[0]) as Language | undefined;
  switch (operation) {
    case 'access': {
      const out = await packagePath(core, runId, 'zip');
      const messages = await personMessages(core, request, lang ?? 'en');
      const result = await writeAccessPackage(ctx, run, { out, lang, messages });
      if (!result.found) return notFound();
      return done(await issueDownload(core, request.id, out));
    }
    case 'portability': {
      const document = await writePortabilityDocument(ctx, run, { messages: await personMessages(core, request, lang ?? 'en') });
      if (!document.found) return notFound();
      const out = await packagePath(core, runId, 'json');
      await writePrivateFile(out, document.json);
      return done(await issueDownload(core, request.id, out));
    }
    case 'erase': {
      const result = await executeErasure(ctx, run);
      switch (result.status) {
        case 'not-found':
          return notFound();
        case 'blocked':
          return { kind: 'blocked', blockers: result.blockers };
        case 'completed':
          return done();
        default:
          return result satisfies never;
      }
    }
    case 'rectify': {
      if (request.kind !== 'rectification') throw wrongKind(request, operation);
      const result = await executeRectification(ctx, run, request.details.changes);
      return result.status === 'not-found' ? notFound() : done();
    }
    case 'restrict':
    case 'lift-restriction': {
      const result = await executeRestriction(ctx, run, { lift: operation === 'lift-restriction' });
      return result.status === 'not-found' ? notFound() : done();
    }
    default:
      return operation satisfies never;
  }
}

const done = (download?: { readonly token: string; readonly expiresAt: Date }): RunEnd => ({ kind: 'done', download });
/** Nobody found: the request is answered all the same (the provider holds nothing on this person). */
const notFound = (): RunEnd => done();

const wrongKind = (request: RightsRequest, operation: RightsAction): CustosError =>
  new CustosError({
    code: 'internal',
    message: `request ${request.id} is ${request.kind}: it cannot run ${operation}`,
    details: { requestId: request.id, operation },
  });

/** The `request.run` job's handler: the payload is the request id only. */
export function runJobHandler(core: DeskCore, onProgress?: RunOptions['onProgress']) {
  return async (job: JobContext): Promise<void> => {
    const requestId = job.payload['requestId'];
    if (typeof requestId !== 'string')
      throw new CustosError({ code: 'invalid-input', message: 'a request.run job carries { requestId }', details: { jobId: job.id } });
    await runRequest(core, requestId, { signal: job.signal, lastAttempt: job.attempt > core.options.runRetries, onProgress });
  };
}

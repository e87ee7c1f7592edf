// The staff console's routes under /console: sign-in, sign-out, TOTP enrolment, the queue, a request's page with its
// actions, the outbox. Every route declares its access (`guarded`); the server registers the access hook beside them.
import fastifyFormbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { queueFilter, sentMessage as sentMessageOf, type Desk } from '../../desk/index.js';
import { isCustosError } from '../../errors.js';
import {
  deadlineOf,
  daysLeft,
  extensionRefusal,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  roleAllows,
  type Actor,
  type RightsRequest,
} from '../../workflow/index.js';
import type { RunRecord } from '../../store/index.js';
import { withLang } from '../layout.js';
import { CONSOLE_ACTIONS, webMessagesFor, type ConsoleAction } from '../messages/index.js';
import { isSameOrigin } from '../origin.js';
import type { ConsoleAuth } from './auth.js';
import {
  consoleContextOf,
  consoleErrorHandler,
  guarded,
  pageContextOf,
  safeNext,
  sendPage,
  SIGN_IN_REASONS,
  type SignInReason,
} from './guard.js';
import { landingFor, type ConsoleAccess } from './layout.js';
import { OutboxPage } from './pages/outbox.js';
import { QueuePage, type QueueFilters } from './pages/queue.js';
import { REASONED, RequestPage, type RunResult } from './pages/request.js';
import { SignInPage, TotpPage, type Notice } from './pages/sign-in.js';

export interface ConsoleOptions {
  readonly desk: Desk;
  readonly clock: Clock;
  readonly auth: ConsoleAuth;
  /** The server's error handler, for every error that is not a refusal of access (it logs faults, answers JSON). */
  readonly fallback: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => FastifyReply;
}

/** Who may take each action: deciding is `requests:approve`, the rest `requests:manage` (as the staff API). */
export const ACTION_ACCESS: Readonly<Record<ConsoleAction, ConsoleAccess>> = Object.freeze({
  approve: 'requests:approve',
  deny: 'requests:approve',
  extend: 'requests:manage',
  'ask-proof': 'requests:manage',
  'mark-verified': 'requests:manage',
  rerun: 'requests:manage',
  complete: 'requests:manage',
  cancel: 'requests:manage',
});

const QUEUE_QUERY = z.object({
  kind: z.enum(REQUEST_KINDS).optional().catch(undefined),
  status: z
    .enum([...REQUEST_STATUSES, 'open'])
    .optional()
    .catch(undefined),
  jurisdiction: z.string().max(64).optional().catch(undefined),
  due: z.enum(['overdue', 'this-week']).optional().catch(undefined),
  after: z.string().max(512).optional().catch(undefined),
  /** The cursors of the pages before this one, oldest first (the previous link pops the last). */
  back: z.string().max(8192).optional().catch(undefined),
});
const PAGE_SIZE = 50;
/** Pages the previous link can walk back through before it starts again from the first. */
const MAX_BACK = 40;
const FLASH = z.enum([...CONSOLE_ACTIONS, 'enrolled']);

export async function registerConsole(app: FastifyInstance, { desk, clock, auth, fallback }: ConsoleOptions): Promise<void> {
  const model = desk.core.model;
  await app.register(fastifyFormbody, { bodyLimit: 16_384 });

  const pageOf = (request: FastifyRequest, reply: FastifyReply) => pageContextOf(model, request, reply);
  const contextOf = (request: FastifyRequest, reply: FastifyReply) => consoleContextOf(model, request, reply);
  app.setErrorHandler(consoleErrorHandler(model, fallback));

  /** Who acts at the desk: an officer when the role may decide, else an agent; the account's id, never an e-mail. */
  const actorOf = (request: FastifyRequest): Actor => {
    const member = request.staff!.member;
    return { role: roleAllows(member.role, 'requests:approve') ? 'officer' : 'agent', id: member.id };
  };

  app.get('/console', guarded('signed-in'), async (request, reply) =>
    reply.redirect(withLang(landingFor(request.staff!.member.role), pageOf(request, reply).lang), 303),
  );

  // Sign-in: public, but only from our own pages (a login CSRF would sign a victim in to the attacker's account).
  const signInPage = (request: FastifyRequest, reply: FastifyReply, email: string, notice: Notice | undefined, status: number) => {
    const ctx = pageOf(request, reply);
    const next = safeNext((request.query as Record<string, unknown>)['next']);
    const action = withLang(`/console/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`, ctx.lang);
    return sendPage(reply, <SignInPage ctx={ctx} action={action} email={email} notice={notice} />, status);
  };
  app.get('/console/sign-in', guarded('public'), async (request, reply) => {
    const ended = (request.query as Record<string, unknown>)['ended'];
    const reason = (SIGN_IN_REASONS as readonly unknown[]).includes(ended) ? (ended as SignInReason) : undefined;
    const t = pageOf(request, reply).t.console.signIn;
    return signInPage(request, reply, '', reason ? { text: t.ended[reason], bad: reason !== 'signed-out' } : undefined, 200);
  });
  app.post('/console/sign-in', guarded('public'), async (request, reply) => {
    const t = pageOf(request, reply).t.console.signIn;
    if (!isSameOrigin(request)) return signInPage(request, reply, '', { text: t.refused, bad: true }, 403);
    const email = formText(request.body, 'email', 254);
    const password = formText(request.body, 'password', 1024);
    const totp = formText(request.body, 'totp', 6);
    const outcome = await auth.signIn(request, reply, { email, password, ...(totp === '' ? {} : { totp }) });
    if (!outcome.ok) {
      const text = outcome.reason === 'throttled' ? t.throttled : outcome.reason === 'totp-required' ? t.totpRequired : t.refused;
      return signInPage(request, reply, email, { text, bad: true }, outcome.reason === 'throttled' ? 429 : 401);
    }
    const lang = pageOf(request, reply).lang;
    if (outcome.stage === 'totp-enrolment') return reply.redirect(withLang('/console/totp', lang), 303);
    const next = safeNext((request.query as Record<string, unknown>)['next']);
    return reply.redirect(withLang(next ?? landingFor(outcome.role), lang), 303);
  });
  app.post('/console/sign-out', guarded('session'), async (request, reply) => {
    const lang = pageOf(request, reply).lang;
    await auth.signOut(request, reply);
    return reply.redirect(withLang('/console/sign-in?ended=signed-out', lang), 303);
  });

  // TOTP enrolment: any session (an administrator's that must enrol first too).
  const totpPage = async (request: FastifyRequest, reply: FastifyReply, notice?: Notice, status = 200) => {
    const ctx = contextOf(request, reply);
    const state = await auth.enrolment(request, 'show');
    const mustEnrol = request.staff!.session.stage === 'totp-enrolment';
    return sendPage(reply, <TotpPage ctx={ctx} state={state} mustEnrol={mustEnrol} notice={notice} />, status);
  };
  app.get('/console/totp', guarded('session'), async (request, reply) => {
    const done = (request.query as Record<string, unknown>)['done'] === 'enrolled';
    return totpPage(request, reply, done ? { text: contextOf(request, reply).t.console.totp.done } : undefined);
  });
  app.post('/console/totp/start', guarded('session'), async (request, reply) => {
    await auth.enrolment(request, 'new');
    return reply.redirect(withLang('/console/totp', pageOf(request, reply).lang), 303);
  });
  app.post('/console/totp/confirm', guarded('session'), async (request, reply) => {
    const lang = pageOf(request, reply).lang;
    if (await auth.confirmEnrolment(request, reply, formText(request.body, 'code', 6)))
      return reply.redirect(withLang('/console/totp?done=enrolled', lang), 303);
    return totpPage(request, reply, { text: webMessagesFor(lang).console.totp.wrong, bad: true }, 400);
  });

  app.get('/console/requests', guarded('requests:read'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    const query = QUEUE_QUERY.parse(request.query ?? {});
    const filters: QueueFilters = { kind: query.kind, status: query.status, jurisdiction: query.jurisdiction || undefined, due: query.due };
    const now = clock.now();
    // The banner counts what its links list (the same filters), counted by the store without reading a request.
    const [page, overdue, week] = await Promise.all([
      desk.list(queueFilter(filters, now), { ...(query.after ? { after: query.after } : {}), limit: PAGE_SIZE }),
      desk.core.store.requests.count(queueFilter({ due: 'overdue' }, now)),
      desk.core.store.requests.count(queueFilter({ due: 'this-week' }, now)),
    ]);
    const back = (query.back ?? '').split(' ').filter((c) => c !== '');
    const link = (after: string | undefined, trail: readonly string[]) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
      if (after) params.set('after', after);
      if (trail.length > 0) params.set('back', trail.join(' '));
      params.set('lang', ctx.lang);
      return `/console/requests?${params.toString()}`;
    };
    const here = query.after ?? '';
    return sendPage(
      reply,
      <QueuePage
        ctx={ctx}
        view={{
          filters,
          rows: page.items.map(({ request: r }) => ({
            id: r.id,
            kind: r.kind,
            status: r.status,
            jurisdiction: r.jurisdiction,
            receivedAt: r.receivedAt,
            due: deadlineOf(r, now).due,
            daysLeft: daysLeft(r, now),
          })),
          overdue,
          dueThisWeek: week,
          jurisdictions: model.jurisdictions.map((j) => j.id),
          next: page.next ? link(page.next, [...back, here].slice(-MAX_BACK)) : undefined,
          previous: query.after ? link(back.at(-1) || undefined, back.slice(0, -1)) : undefined,
        }}
      />,
    );
  });

  const ID = z.object({ id: z.string().min(1).max(128) });
  const requestPage = async (request: FastifyRequest, reply: FastifyReply, id: string, notice?: Notice, status = 200) => {
    const ctx = contextOf(request, reply);
    const actor = actorOf(request);
    const detail = await desk.get(id, actor);
    const now = clock.now();
    const plan =
      detail.allowed.includes('approve') || ['verified', 'awaiting-approval', 'approved'].includes(detail.request.status)
        ? await desk.preview(id, actor).catch((error: unknown) => {
            if (isCustosError(error) && error.code === 'precondition-failed') return undefined;
            throw error;
          })
        : undefined;
    const role = request.staff!.member.role;
    const offered = (action: ConsoleAction): boolean => {
      const access = ACTION_ACCESS[action];
      if (access !== 'signed-in' && !roleAllows(role, access)) return false;
      const r = detail.request;
      switch (action) {
        case 'rerun':
          return r.status === 'approved' && r.lastRunFailed;
        case 'mark-verified':
          return detail.allowed.includes('verify');
        case 'extend':
          return detail.allowed.includes('extend') && extensionRefusal(r, now) === undefined;
        default:
          return detail.allowed.includes(action);
      }
    };
    const verified =
      detail.history.some((t) => t.event === 'verify') ||
      ['verified', 'awaiting-approval', 'approved', 'running', 'completed'].includes(detail.request.status);
    return sendPage(
      reply,
      <RequestPage
        ctx={ctx}
        view={{
          detail,
          plan,
          results: await resultsOf(desk, detail.request.runs),
          actions: CONSOLE_ACTIONS.filter(offered),
          verified,
          proofsOpen: roleAllows(role, 'requests:manage'),
        }}
        notice={notice}
      />,
      status,
    );
  };
  app.get('/console/requests/:id', { ...guarded('requests:read'), schema: { params: ID } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const done = FLASH.safeParse((request.query as Record<string, unknown>)['done']);
    const t = pageOf(request, reply).t.console.request;
    return requestPage(request, reply, id, done.success ? { text: t.done } : undefined);
  });

  // A proof the person sent, opened to check it: audited by the desk as a view of the person's data, never cached.
  const PROOF = z.object({ id: z.string().min(1).max(128), proofId: z.string().min(1).max(128) });
  app.get('/console/requests/:id/proofs/:proofId', { ...guarded('requests:manage'), schema: { params: PROOF } }, async (request, reply) => {
    const { id, proofId } = request.params as z.infer<typeof PROOF>;
    const { bytes, mediaType } = await desk.viewProof(id, proofId, actorOf(request));
    return reply.type(mediaType).header('cache-control', 'no-store').header('content-disposition', 'inline').send(bytes);
  });

  for (const action of CONSOLE_ACTIONS)
    app.post(`/console/requests/:id/${action}`, { ...guarded(ACTION_ACCESS[action]), schema: { params: ID } }, async (request, reply) => {
      const { id } = request.params as { id: string };
      const lang = pageOf(request, reply).lang;
      const t = webMessagesFor(lang).console.request;
      const reason = formText(request.body, 'reason', 2000);
      if (REASONED.has(action) && reason === '') return requestPage(request, reply, id, { text: t.reasonRequired, bad: true }, 400);
      const actor = actorOf(request);
      try {
        await decide(desk, action, id, actor, reason);
      } catch (error) {
        if (!isCustosError(error) || !['conflict', 'precondition-failed', 'invalid-input'].includes(error.code)) throw error;
        const text =
          error.code === 'conflict'
            ? t.refused.conflict
            : error.code === 'precondition-failed'
              ? t.refused.precondition
              : t.refused.invalid;
        return requestPage(
          request,
          reply,
          id,
          { text, bad: true },
          error.code === 'conflict' ? 409 : error.code === 'precondition-failed' ? 412 : 400,
        );
      }
      return reply.redirect(withLang(`/console/requests/${encodeURIComponent(id)}?done=${action}`, lang), 303);
    });

  app.get('/console/outbox', guarded('requests:read'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    const after = (request.query as Record<string, unknown>)['after'];
    const page = await desk.core.store.outbox.list(
      {},
      { ...(typeof after === 'string' && after !== '' ? { after } : {}), limit: PAGE_SIZE },
    );
    const rows = page.items.map((m) => ({ ...sentMessageOf(m), requestId: m.requestId }));
    const next = page.next ? `/console/outbox?${new URLSearchParams({ after: page.next, lang: ctx.lang }).toString()}` : undefined;
    return sendPage(reply, <OutboxPage ctx={ctx} rows={rows} next={next} />);
  });
}

/** The desk call of an action (the workflow checks it against the request's status; a refusal is said on the page). */
async function decide(desk: Desk, action: ConsoleAction, id: string, actor: Actor, reason: string): Promise<unknown> {
  switch (action) {
    case 'approve':
      return desk.approve(id, actor);
    case 'deny':
      return desk.deny(id, actor, reason);
    case 'extend':
      return desk.extend(id, actor, reason);
    case 'ask-proof':
      return desk.askForProof(id, actor, reason);
    case 'mark-verified':
      return desk.markVerified(id, actor, reason);
    case 'rerun':
      return desk.rerun(id, actor);
    case 'complete':
      return desk.complete(id, actor, reason === '' ? undefined : reason);
    case 'cancel':
      return desk.cancel(id, actor, reason);
    default:
      return action satisfies never;
  }
}

const formText = (body: unknown, field: string, max: number): string => {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
};

/**
 * What each run of the request did, from the journal: an export's rows per collection (its result's `collections`), an
 * erasure's or restriction's rows per step, and the hold records the run registered.
 */
async function resultsOf(desk: Desk, runs: readonly RightsRequest['runs'][number][]): Promise<RunResult[]> {
  const { journal, holds } = desk.core.store;
  return Promise.all(
    runs.map(async (run) => {
      const [record, kept] = await Promise.all([journal.get(run.runId), holds.forRun(run.runId)]);
      return {
        runId: run.runId,
        operation: run.operation,
        outcome: run.outcome,
        collections: record ? rowsOf(record) : [],
        holds: kept.map((h) => ({ collection: `${h.dataset}.${h.collection}`, hold: h.hold, until: h.until })),
      };
    }),
  );
}

const RESULT_COLLECTIONS = z.object({ collections: z.record(z.string(), z.number()) });
const STEP_ROWS = z.object({ rows: z.number() });

function rowsOf(record: RunRecord): { collection: string; rows: number }[] {
  const exported = RESULT_COLLECTIONS.safeParse(record.result);
  if (exported.success) return Object.entries(exported.data.collections).map(([collection, rows]) => ({ collection, rows }));
  return [...record.steps.values()].flatMap((step) => {
    const rows = STEP_ROWS.safeParse(step.result);
    const count = rows.success ? rows.data.rows : step.attempted;
    return count === undefined ? [] : [{ collection: step.stepId, rows: count }];
  });
}

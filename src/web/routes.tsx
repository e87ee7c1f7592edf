// The privacy center's pages: home, notice, request form, status (code, resend, proof, ask again, withdraw), download.
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { PROOF_MEDIA_TYPES, type Desk } from '../desk/index.js';
import { CustosError } from '../errors.js';
import type { Language, PolicyModel } from '../policy/index.js';
import { renderNotice } from '../render/index.js';
import { requestLanguage } from './language.js';
import { htmlPage, type PageContext } from './layout.js';
import { webMessagesFor, type PageProblem } from './messages/index.js';
import { isSameOrigin } from './origin.js';
import { DownloadPage, MessagePage } from './pages/download.js';
import { HomePage } from './pages/home.js';
import { RequestFormPage } from './pages/request-form.js';
import { StatusPage, type Flash } from './pages/status.js';
import { checkForm, emailKeyOf, formValues, kindsFor, submissionOf } from './request-form.js';
import { WEB_STYLESHEET } from './style.js';

export interface PrivacyCenterOptions {
  readonly desk: Desk;
  /** Per address and per route on the status, code, proof and download pages (the server's `publicRateLimit`). */
  readonly rateLimit: { readonly max: number; readonly windowMs: number };
}

const FLASHES = ['verified', 'code-sent', 'code-not-sent', 'asked-again', 'proof-sent', 'cancelled'] as const;
type FlashKey = (typeof FLASHES)[number];
/** Any string reaches the desk, which answers alike for a token that never was and one that is no longer. */
const TOKEN = z.object({ token: z.string().min(1).max(128) });

/** Registers the pages on `app` (encapsulated: the form and multipart parsers stay inside). */
export async function registerPrivacyCenter(app: FastifyInstance, { desk, rateLimit }: PrivacyCenterOptions): Promise<void> {
  const model = desk.core.model;
  const strict = { rateLimit: { max: rateLimit.max, timeWindow: rateLimit.windowMs } };
  const maxProofBytes = desk.core.options.maxProofBytes;
  await app.register(fastifyFormbody, { bodyLimit: 16_384 });
  await app.register(fastifyMultipart, { limits: { files: 1, fileSize: maxProofBytes, fields: 4 } });
  const notices = new Map<Language, string>();

  /** The page's language, remembered in the `lang` cookie (the only cookie these pages set) when `?lang=` chose it. */
  const contextOf = (request: FastifyRequest, reply: FastifyReply, self?: string): PageContext => {
    const page = requestLanguage(model, request, reply);
    return { model, lang: page.lang, t: webMessagesFor(page.lang), self: self ?? page.self, home: '/privacy' };
  };
  const send = (reply: FastifyReply, tree: ComponentChildren, status = 200) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(htmlPage(tree));
  const problemPage = (reply: FastifyReply, ctx: PageContext, problem: Exclude<PageProblem, 'proof-size'>, status: number) =>
    send(reply, <MessagePage ctx={ctx} title={ctx.t.problems[problem]} text={ctx.t.layout.privacyCenter} />, status);
  const refuseCrossSite = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isSameOrigin(request)) await problemPage(reply, contextOf(request, reply), 'cross-site', 403);
  };
  const post = { preHandler: refuseCrossSite };

  app.get('/', async (request, reply) => reply.redirect(`/privacy${new URL(request.url, 'http://x').search}`));
  app.get('/privacy/style.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(WEB_STYLESHEET),
  );
  app.get('/privacy/notice', async (request, reply) => {
    const { lang } = contextOf(request, reply);
    if (!notices.has(lang)) notices.set(lang, renderNotice(model, { lang, format: 'html' }));
    return reply.type('text/html; charset=utf-8').send(notices.get(lang));
  });

  app.get('/privacy', async (request, reply) => {
    const ctx = contextOf(request, reply);
    return send(reply, <HomePage ctx={ctx} jurisdiction={jurisdictionOf(model, request.query)} />);
  });

  app.get('/privacy/request', async (request, reply) => {
    const ctx = contextOf(request, reply);
    const jurisdiction = jurisdictionOf(model, request.query);
    const query = request.query as Record<string, unknown>;
    const values = formValues({}, { jurisdiction: jurisdiction.id, kind: typeof query['kind'] === 'string' ? query['kind'] : '' });
    return send(
      reply,
      <RequestFormPage ctx={ctx} jurisdiction={jurisdiction} kinds={kindsFor(model, jurisdiction)} values={values} problems={{}} />,
    );
  });

  app.post('/privacy/request', post, async (request, reply) => {
    const ctx = contextOf(request, reply, '/privacy/request');
    const values = formValues(request.body);
    const jurisdiction = model.jurisdictions.find((j) => j.id === values.jurisdiction) ?? jurisdictionOf(model, {});
    const emailKey = emailKeyOf(model);
    let problems = checkForm(model, values);
    if (Object.keys(problems).length === 0 && emailKey !== undefined) {
      try {
        const receipt = await desk.submit(submissionOf(emailKey, values, ctx.lang), { ip: request.ip });
        const flash: FlashKey = receipt.codeSent ? 'code-sent' : 'code-not-sent';
        return reply.redirect(`/privacy/status/${encodeURIComponent(receipt.statusToken)}?lang=${ctx.lang}&done=${flash}`, 303);
      } catch (error) {
        // The form checked what the desk checks; a refusal left is the e-mail's (a value of the wrong form for the key).
        if (!(error instanceof CustosError && error.code === 'invalid-input')) throw error;
        problems = { email: 'email' };
      }
    }
    const page = (
      <RequestFormPage ctx={ctx} jurisdiction={jurisdiction} kinds={kindsFor(model, jurisdiction)} values={values} problems={problems} />
    );
    return send(reply, page, 400);
  });

  /** The status page, with a line on what just happened; a token that follows no request is a 404 page. */
  const statusPage = async (request: FastifyRequest, reply: FastifyReply, token: string, flash?: Flash, status = 200) => {
    const ctx = contextOf(request, reply, `/privacy/status/${encodeURIComponent(token)}`);
    try {
      const view = await desk.statusFor(token);
      const base = `/privacy/status/${encodeURIComponent(token)}`;
      return send(
        reply,
        <StatusPage ctx={ctx} view={view} base={base} flash={flash} maxProofMegabytes={megabytes(maxProofBytes)} />,
        status,
      );
    } catch (error) {
      if (error instanceof CustosError && error.code === 'not-found') return problemPage(reply, ctx, 'no-request', 404);
      throw error;
    }
  };
  const flashOf = (ctx: PageContext, key: unknown): Flash | undefined => {
    const s = ctx.t.status;
    const words: Record<FlashKey, string> = {
      verified: s.verified,
      'code-sent': s.codeSent,
      'code-not-sent': s.codeNotSent,
      'asked-again': s.askedAgain,
      'proof-sent': s.proofSent,
      cancelled: s.cancelled,
    };
    return (FLASHES as readonly unknown[]).includes(key) ? { text: words[key as FlashKey], bad: key === 'code-not-sent' } : undefined;
  };
  /** Runs a desk call for a status form: success redirects to the page (303); a refusal shows it in the page's words. */
  const act = async (request: FastifyRequest, reply: FastifyReply, work: (token: string) => Promise<unknown>, done: FlashKey) => {
    const token = (request.params as { token: string }).token;
    const ctx = contextOf(request, reply);
    try {
      await work(token);
      return reply.redirect(`/privacy/status/${encodeURIComponent(token)}?lang=${ctx.lang}&done=${done}`, 303);
    } catch (error) {
      const refused = refusalOf(ctx, error, megabytes(maxProofBytes));
      if (refused === undefined) throw error;
      return statusPage(request, reply, token, { text: refused.text, bad: true }, refused.status);
    }
  };

  app.get('/privacy/status/:token', { config: strict, schema: { params: TOKEN } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    return statusPage(request, reply, token, flashOf(contextOf(request, reply), (request.query as Record<string, unknown>)['done']));
  });
  app.post('/privacy/status/:token/code', { ...post, config: strict, schema: { params: TOKEN } }, async (request, reply) =>
    act(request, reply, (token) => desk.verifyCode(token, formText(request.body, 'code'), request.ip), 'verified'),
  );
  app.post('/privacy/status/:token/resend', { ...post, config: strict, schema: { params: TOKEN } }, async (request, reply) =>
    act(request, reply, (token) => desk.resendCode(token, request.ip), 'code-sent'),
  );
  app.post('/privacy/status/:token/again', { ...post, config: strict, schema: { params: TOKEN } }, async (request, reply) =>
    act(request, reply, (token) => desk.askAgain(token), 'asked-again'),
  );
  app.post('/privacy/status/:token/cancel', { ...post, config: strict, schema: { params: TOKEN } }, async (request, reply) =>
    act(
      request,
      reply,
      (token) => desk.cancelByRequester(token, formText(request.body, 'reason') || 'withdrawn from the privacy center'),
      'cancelled',
    ),
  );
  app.post('/privacy/status/:token/proof', { ...post, config: strict, schema: { params: TOKEN } }, async (request, reply) =>
    act(
      request,
      reply,
      async (token) => {
        const file = request.isMultipart() ? await request.file() : undefined;
        if (!file || file.filename === '') throw pageProblem('proof-missing');
        if (!(PROOF_MEDIA_TYPES as readonly string[]).includes(file.mimetype)) throw pageProblem('proof-type');
        const bytes = await file.toBuffer().catch(() => {
          throw pageProblem('proof-size');
        });
        return desk.uploadProof(token, bytes, file.mimetype);
      },
      'proof-sent',
    ),
  );

  app.get('/privacy/download/:token', { config: strict, schema: { params: TOKEN } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const ctx = contextOf(request, reply);
    const state = await desk.downloadState(token);
    const action = `/privacy/download/${encodeURIComponent(token)}?lang=${ctx.lang}`;
    return send(reply, <DownloadPage ctx={ctx} state={state} action={action} />, state.state === 'gone' ? 410 : 200);
  });
  app.post('/privacy/download/:token', { ...post, config: strict, schema: { params: TOKEN } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    try {
      const got = await desk.download(token);
      return reply
        .header('content-type', got.mediaType)
        .header('content-length', String(got.size))
        .header('content-disposition', `attachment; filename="${got.fileName}"`)
        .header('cache-control', 'no-store')
        .send(got.stream);
    } catch (error) {
      if (!(error instanceof CustosError && error.code === 'not-found')) throw error;
      const ctx = contextOf(request, reply);
      return send(reply, <DownloadPage ctx={ctx} state={{ state: 'gone' }} action="" />, 410);
    }
  });
}

/** The jurisdiction a query names (`?jurisdiction=`), else the manifest's first. */
function jurisdictionOf(model: PolicyModel, query: unknown) {
  const asked = (query as Record<string, unknown> | undefined)?.['jurisdiction'];
  const first = model.jurisdictions[0];
  if (!first) throw new CustosError({ code: 'config', message: 'the manifest names no jurisdiction: the privacy center needs one' });
  return model.jurisdictions.find((j) => j.id === asked) ?? first;
}

const formText = (body: unknown, field: string): string => {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value.trim().slice(0, 1000) : '';
};

const megabytes = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

/** A form's own refusal (a missing file), told apart from the desk's by its details. */
const pageProblem = (problem: PageProblem): CustosError =>
  new CustosError({ code: 'invalid-input', message: `the proof form: ${problem}`, details: { pageProblem: problem } });

/** The desk's refusals of a status form, as the person reads them, with the page's status; undefined for a fault. */
function refusalOf(ctx: PageContext, error: unknown, maxProofMegabytes: number): { text: string; status: number } | undefined {
  if (!(error instanceof CustosError)) return undefined;
  const p = ctx.t.problems;
  const own = error.details['pageProblem'];
  if (typeof own === 'string')
    return { text: own === 'proof-size' ? p['proof-size'](maxProofMegabytes) : p[own as Exclude<PageProblem, 'proof-size'>], status: 400 };
  switch (error.code) {
    case 'unauthorized': {
      const left = error.details['attemptsLeft'];
      return { text: `${p['wrong-code']} ${typeof left === 'number' ? p.attemptsLeft(left) : ''}`.trim(), status: 401 };
    }
    case 'rate-limited':
      return { text: p['too-many'], status: 429 };
    case 'precondition-failed':
      return { text: p['code-expired'], status: 412 };
    case 'conflict':
      return { text: p['not-blocked'], status: 409 };
    case 'not-found':
      return { text: p['no-request'], status: 404 };
    case 'invalid-input':
      return { text: p['proof-missing'], status: 400 };
    default:
      return undefined;
  }
}

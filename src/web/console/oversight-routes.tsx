// The console's oversight pages: dashboard, retention (plan, forecast, past sweeps), audit trail (with "verify the
// chain"), users and roles, API keys, the registers, documents. Registered inside the server's access-checked context:
// each route declares its permission as the API's do, so the same hook signs in, refuses a role without it, and checks
// the CSRF token of every form.
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyChain } from '../../audit/index.js';
import type { Desk, Registers, RegisterView } from '../../desk/index.js';
import { CustosError, isCustosError } from '../../errors.js';
import type { Diagnostic } from '../../policy/index.js';
import { renderDataMap, renderNotice, renderRopa } from '../../render/index.js';
import type { ApiKey, StaffUser } from '../../store/index.js';
import { REGISTER_KINDS, STAFF_ROLES, roleAllows, type Permission, type RegisterKind, type StaffRole } from '../../workflow/index.js';
import { dashboardOf, dashboardSince } from './dashboard.js';
import { consoleContextOf, consoleErrorHandler, guarded, sendPage } from './guard.js';
import type { ConsoleContext } from './layout.js';
import { AuditPage } from './pages/audit.js';
import { DashboardPage } from './pages/dashboard.js';
import { DocumentsPage } from './pages/documents.js';
import { KeysPage, UsersPage, type Outcome } from './pages/people.js';
import { RetentionPage } from './pages/retention.js';
import { REGISTER_SEGMENTS, RegisterEntryPage, RegisterFormPage, RegistersPage } from './pages/registers.js';
import { retentionPageOf, type ReadRetention } from './retention.js';
import { fieldOfRefusal, formValuesOf, registerInputOf } from './register-forms.js';
import { oversightWordsFor } from './words/index.js';

/** What an admin does to accounts and keys, audited: the server hands in the functions its staff API calls. */
export interface OversightServices {
  readonly accounts: {
    add(input: { readonly email: string; readonly role: StaffRole }, actorId: string): Promise<{ user: StaffUser; password: string }>;
    disable(id: string, actorId: string): Promise<unknown>;
    changeRole(id: string, role: StaffRole, actorId: string): Promise<unknown>;
  };
  readonly keys: {
    create(scopes: readonly string[], actorId: string): Promise<{ key: string; record: ApiKey }>;
    revoke(id: string, actorId: string): Promise<unknown>;
  };
  /** The scopes a key may be given. */
  readonly keyScopes: readonly string[];
}

export interface OversightOptions {
  readonly desk: Desk;
  readonly registers?: Registers | undefined;
  readonly services: OversightServices;
  /** Reads the next sweep's plan and the forecast for the retention page (the server's, over the retention engine). */
  readonly readRetention: ReadRetention;
  /** The manifest's diagnostics when the server was started (the documents page lists them); absent: unknown. */
  readonly diagnostics?: readonly Diagnostic[] | undefined;
}

const SEGMENT_KINDS = Object.fromEntries(REGISTER_KINDS.map((k) => [REGISTER_SEGMENTS[k], k])) as Record<string, RegisterKind>;

export async function registerOversightPages(app: FastifyInstance, options: OversightOptions): Promise<void> {
  const { desk, services } = options;
  const model = desk.core.model;
  const store = desk.core.store;
  await app.register(fastifyFormbody, { bodyLimit: 65_536 });

  const contextOf = (request: FastifyRequest, reply: FastifyReply) => consoleContextOf(model, request, reply);
  const actorOf = (request: FastifyRequest): string => request.staff?.member.id ?? '';
  const may = (request: FastifyRequest, permission: Permission) => !!request.staff && roleAllows(request.staff.member.role, permission);
  const wordsOf = (ctx: ConsoleContext) => oversightWordsFor(ctx.lang);
  const back = (ctx: ConsoleContext, path: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${ctx.lang}`;

  app.setErrorHandler(consoleErrorHandler(model));

  // The dashboard.
  app.get('/console/dashboard', guarded('requests:read'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    const now = desk.core.clock.now();
    const data = dashboardOf(await store.requests.activity(dashboardSince(now)), now);
    return sendPage(reply, <DashboardPage ctx={ctx} w={wordsOf(ctx)} data={data} />);
  });

  // Retention: the plan and the forecast read the provider's stores at the page's instant, once each per page view.
  app.get('/console/retention', guarded('retention:read'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    const data = await retentionPageOf(options.readRetention, desk.core.clock.now());
    return sendPage(reply, <RetentionPage ctx={ctx} w={wordsOf(ctx)} data={data} />);
  });

  // The audit trail: a page of entries, and the chain verified on demand.
  const auditPage = async (request: FastifyRequest, reply: FastifyReply, verify: boolean) => {
    const ctx = contextOf(request, reply);
    const asked = Number((request.query as Record<string, unknown>)['before']);
    const before = Number.isInteger(asked) && asked > 1 ? asked : undefined;
    const end = before ?? ((await store.audit.head())?.seq ?? 0) + 1;
    const from = Math.max(1, end - 50);
    const entries = end <= 1 ? [] : (await store.audit.read(from, end - from)).filter((e) => e.seq < end).reverse();
    const verified = verify ? await verifyChain(store.audit) : undefined;
    const page = (
      <AuditPage
        ctx={ctx}
        w={wordsOf(ctx)}
        entries={entries}
        next={from > 1 ? from : undefined}
        first={before === undefined}
        verified={verified}
        mayVerify={may(request, 'audit:verify')}
      />
    );
    return sendPage(reply, page);
  };
  app.get('/console/audit', guarded('audit:read'), async (request, reply) => auditPage(request, reply, false));
  app.post('/console/audit/verify', guarded('audit:verify'), async (request, reply) => auditPage(request, reply, true));

  // Users and roles.
  const usersPage = async (request: FastifyRequest, reply: FastifyReply, outcome?: Outcome, status = 200) => {
    const ctx = contextOf(request, reply);
    const users = await store.users.list();
    return sendPage(reply, <UsersPage ctx={ctx} w={wordsOf(ctx)} users={users} selfId={actorOf(request)} outcome={outcome} />, status);
  };
  const refusedText = (ctx: ConsoleContext, error: unknown): Outcome => {
    if (isCustosError(error) && ['conflict', 'not-found', 'invalid-input'].includes(error.code))
      return { text: `${wordsOf(ctx).users.refused}: ${error.message}`, bad: true };
    throw error;
  };
  app.get('/console/users', guarded('staff:manage'), async (request, reply) => usersPage(request, reply));
  app.post('/console/users', guarded('staff:manage'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    const body = formOf(request.body);
    const role = (STAFF_ROLES as readonly string[]).includes(body['role'] ?? '') ? (body['role'] as StaffRole) : undefined;
    const email = (body['email'] ?? '').trim();
    if (!role || email.length < 3) return usersPage(request, reply, { text: wordsOf(ctx).users.refused, bad: true }, 400);
    try {
      const { user, password } = await services.accounts.add({ email, role }, actorOf(request));
      const u = wordsOf(ctx).users;
      return usersPage(request, reply, {
        text: u.added(user.email),
        secret: { label: u.passwordOnce, value: password, warning: u.password },
      });
    } catch (error) {
      return usersPage(request, reply, refusedText(ctx, error), 409);
    }
  });
  app.post('/console/users/:id/disable', guarded('staff:manage'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    try {
      await services.accounts.disable(String((request.params as { id: string }).id), actorOf(request));
      return usersPage(request, reply, { text: wordsOf(ctx).users.changed });
    } catch (error) {
      return usersPage(request, reply, refusedText(ctx, error), 409);
    }
  });
  app.post('/console/users/:id/role', guarded('staff:manage'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    const role = formOf(request.body)['role'] ?? '';
    try {
      if (!(STAFF_ROLES as readonly string[]).includes(role)) throw invalidChoice('role');
      await services.accounts.changeRole(String((request.params as { id: string }).id), role as StaffRole, actorOf(request));
      return usersPage(request, reply, { text: wordsOf(ctx).users.changed });
    } catch (error) {
      return usersPage(request, reply, refusedText(ctx, error), 409);
    }
  });

  // API keys: the key is in the answer to the form that created it, and nowhere else.
  const keysPage = async (request: FastifyRequest, reply: FastifyReply, outcome?: Outcome, status = 200) => {
    const ctx = contextOf(request, reply);
    const keys = await store.apiKeys.list();
    return sendPage(reply, <KeysPage ctx={ctx} w={wordsOf(ctx)} keys={keys} scopes={services.keyScopes} outcome={outcome} />, status);
  };
  app.get('/console/keys', guarded('staff:manage'), async (request, reply) => keysPage(request, reply));
  app.post('/console/keys', guarded('staff:manage'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    const k = wordsOf(ctx).keys;
    const raw = (request.body as Record<string, unknown> | undefined)?.['scopes'];
    const scopes = (Array.isArray(raw) ? raw : [raw]).filter((s): s is string => typeof s === 'string' && services.keyScopes.includes(s));
    if (scopes.length === 0) return keysPage(request, reply, { text: k.pickScope, bad: true }, 400);
    const { key } = await services.keys.create(scopes, actorOf(request));
    return keysPage(request, reply, { text: k.created, secret: { label: k.created, value: key, warning: k.warning } }, 201);
  });
  app.post('/console/keys/:id/revoke', guarded('staff:manage'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    try {
      await services.keys.revoke(String((request.params as { id: string }).id), actorOf(request));
      return keysPage(request, reply, { text: wordsOf(ctx).keys.revokedDone });
    } catch (error) {
      return keysPage(request, reply, refusedText(ctx, error), 404);
    }
  });

  // The registers.
  const registers = options.registers;
  if (registers) {
    const kindOf = (request: FastifyRequest): RegisterKind | undefined => SEGMENT_KINDS[(request.params as { kind: string }).kind];
    app.get('/console/registers', guarded('requests:read'), async (request, reply) => {
      const ctx = contextOf(request, reply);
      const lists = {} as Record<RegisterKind, readonly RegisterView[]>;
      for (const kind of REGISTER_KINDS) lists[kind] = (await registers.list({ kinds: [kind] }, { limit: 100 })).items;
      return sendPage(reply, <RegistersPage ctx={ctx} w={wordsOf(ctx)} lists={lists} mayRecord={may(request, 'registers:manage')} />);
    });
    app.get('/console/registers/:kind/new', guarded('registers:manage'), async (request, reply) => {
      const kind = kindOf(request);
      if (!kind) return reply.callNotFound();
      const ctx = contextOf(request, reply);
      return sendPage(reply, <RegisterFormPage ctx={ctx} w={wordsOf(ctx)} kind={kind} values={formValuesOf(kind, {})} problems={{}} />);
    });
    app.post('/console/registers/:kind', guarded('registers:manage'), async (request, reply) => {
      const kind = kindOf(request);
      if (!kind) return reply.callNotFound();
      const values = formValuesOf(kind, request.body);
      try {
        const view = await registers.record(kind, registerInputOf(kind, values), actorOf(request));
        const ctx = contextOf(request, reply);
        return reply.redirect(back(ctx, `/console/registers/${REGISTER_SEGMENTS[kind]}/${view.entry.id}?done=recorded`), 303);
      } catch (error) {
        if (!(isCustosError(error) && error.code === 'invalid-input')) throw error;
        const ctx = contextOf(request, reply);
        const field = fieldOfRefusal(kind, error.details['field']) ?? REGISTER_FORMS_FIRST[kind];
        const page = <RegisterFormPage ctx={ctx} w={wordsOf(ctx)} kind={kind} values={values} problems={{ [field]: error.message }} />;
        return sendPage(reply, page, 400);
      }
    });
    const entryPage = async (request: FastifyRequest, reply: FastifyReply, flash?: { text: string; bad: boolean }, status = 200) => {
      const kind = kindOf(request);
      if (!kind) return reply.callNotFound();
      const ctx = contextOf(request, reply);
      try {
        const view = await registers.get((request.params as { id: string }).id, kind);
        const r = wordsOf(ctx).registers;
        const done = (request.query as Record<string, unknown>)['done'];
        const shown =
          flash ??
          (done === 'recorded' ? { text: r.recorded, bad: false } : done === 'changed' ? { text: r.changed, bad: false } : undefined);
        const page = (
          <RegisterEntryPage ctx={ctx} w={wordsOf(ctx)} view={view} mayChange={may(request, 'registers:manage')} flash={shown} />
        );
        return sendPage(reply, page, status);
      } catch (error) {
        if (isCustosError(error) && error.code === 'not-found') return reply.callNotFound();
        throw error;
      }
    };
    app.get('/console/registers/:kind/:id', guarded('requests:read'), async (request, reply) => entryPage(request, reply));
    app.post('/console/registers/:kind/:id', guarded('registers:manage'), async (request, reply) => {
      const body = formOf(request.body);
      const id = (request.params as { id: string }).id;
      try {
        await registers.get(id, kindOf(request));
        await registers.change(id, { status: body['status'] }, { expectedVersion: Number(body['version']), staffId: actorOf(request) });
        const ctx = contextOf(request, reply);
        return reply.redirect(back(ctx, `/console/registers/${(request.params as { kind: string }).kind}/${id}?done=changed`), 303);
      } catch (error) {
        if (!(isCustosError(error) && (error.code === 'conflict' || error.code === 'invalid-input'))) throw error;
        return entryPage(request, reply, { text: error.message, bad: true }, error.code === 'conflict' ? 409 : 400);
      }
    });
  }

  // Documents.
  const maps = new Map<string, string>();
  app.get('/console/documents', guarded('signed-in'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    return sendPage(reply, <DocumentsPage ctx={ctx} w={wordsOf(ctx)} diagnostics={options.diagnostics} />);
  });
  app.get('/console/documents/notice/:lang', guarded('signed-in'), async (request, reply) => {
    const lang = model.languages.find((l) => l === (request.params as { lang: string }).lang);
    if (!lang) return reply.callNotFound();
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderNotice(model, { lang, format: 'html' }));
  });
  app.get('/console/documents/ropa', guarded('signed-in'), async (request, reply) => {
    const ctx = contextOf(request, reply);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderRopa(model, { lang: ctx.lang, format: 'html' }));
  });
  app.get('/console/documents/map.svg', guarded('signed-in'), async (_request, reply) => {
    if (!maps.has('svg')) maps.set('svg', await renderDataMap(model, { format: 'svg' }));
    return reply.type('image/svg+xml').header('cache-control', 'no-store').send(maps.get('svg'));
  });
}

const REGISTER_FORMS_FIRST: Readonly<Record<RegisterKind, string>> = {
  incident: 'description',
  'authority-request': 'authority',
  complaint: 'subject',
};

const formOf = (body: unknown): Readonly<Record<string, string>> =>
  Object.fromEntries(
    Object.entries(typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}).filter(
      (kv): kv is [string, string] => typeof kv[1] === 'string',
    ),
  );

const invalidChoice = (field: string): CustosError =>
  new CustosError({ code: 'invalid-input', message: `${field} must be one of ${STAFF_ROLES.join(', ')}`, details: { field } });

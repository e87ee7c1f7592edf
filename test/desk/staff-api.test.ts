// The staff HTTP API over a real desk on nimbus-cloud (SQLite): who may call what (401, 403 by role, CSRF), the queue's
// filters and pages, a detail view that lands in the audit trail, a plan whose dry-run counts are the person's real rows,
// decisions (Quebec refuses an extension), an outbox that never shows a code, the audit chain verified, users and keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCustomer, nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { handWrittenPersonRows } from '../../bench/baseline/nimbus.js';
import { buildServer, storeStaffAccounts, totpCode, type CustosServer } from '../../src/server/index.js';
import { PASSWORD, staffFixture } from '../../src/server/testing.test-support.js';
import type { StaffRole } from '../../src/workflow/index.js';
import { deskWorld, type DeskWorld } from './world.js';

const CUSTOMERS = 30;

let w: DeskWorld;
let server: CustosServer;
let adminTotpSecret: string;

beforeAll(async () => {
  w = await deskWorld('staff-api', CUSTOMERS);
  const fixture = await staffFixture();
  adminTotpSecret = fixture.adminTotpSecret;
  const { directory, sessions } = storeStaffAccounts(w.store, w.vault);
  for (const { totp, ...member } of Object.values(fixture.members)) {
    await w.store.users.create({ ...member, disabled: false, createdAt: w.clock.now() });
    if (totp) await directory.confirmTotp(member.id, totp);
  }
  server = await buildServer({ directory, sessions, desk: w.desk, clock: w.clock, rateLimit: false });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await w?.cleanup();
});

interface Caller {
  readonly cookie: string;
  readonly csrf: string;
}
const callers = new Map<StaffRole, Caller>();

async function as(role: StaffRole): Promise<Caller> {
  const known = callers.get(role);
  if (known) return known;
  const totp = role === 'admin' ? { totp: totpCode(adminTotpSecret, w.clock.now()) } : {};
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/staff/login',
    payload: { email: `${role}@nimbus.example`, password: PASSWORD, ...totp },
  });
  expect(response.statusCode, response.body).toBe(200);
  const session = response.cookies.find((c) => c.name.endsWith('custos_session'))!;
  const caller = { cookie: `${session.name}=${session.value}`, csrf: (response.json() as { csrfToken: string }).csrfToken };
  callers.set(role, caller);
  return caller;
}

const get = async (role: StaffRole | undefined, url: string) =>
  server.app.inject({ method: 'GET', url, headers: role ? { cookie: (await as(role)).cookie } : {} });
async function post(role: StaffRole | undefined, url: string, payload?: object, options: { csrf?: boolean } = {}) {
  const caller = role ? await as(role) : undefined;
  const headers: Record<string, string> = caller ? { cookie: caller.cookie } : {};
  if (caller && options.csrf !== false) headers['x-csrf-token'] = caller.csrf;
  return server.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
}

let nextCustomer = 2;
const openCustomer = (): number => {
  while (nextCustomer <= CUSTOMERS) {
    const n = nextCustomer++;
    if (nimbusCustomer(n).closure !== 'closed') return n;
  }
  throw new Error('the sample has no open account left');
};

/** A request an officer registers, received by `channel`; its id. */
async function registered(body: { kind?: string; jurisdiction?: string; channel?: string; email?: string } = {}): Promise<string> {
  const response = await post('officer', '/api/staff/requests', {
    kind: body.kind ?? 'access',
    jurisdiction: body.jurisdiction ?? 'gdpr',
    channel: body.channel ?? 'post',
    identities: { email: [body.email ?? nimbusEmail(openCustomer())] },
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

describe('who may call the staff API', () => {
  it('answers 401 to anonymous callers and 403 to roles without the permission, and never moves the request', async () => {
    const id = await registered({ kind: 'erasure' });
    for (const url of ['/api/staff/requests', `/api/staff/requests/${id}`, '/api/staff/audit', '/api/staff/users', '/api/staff/outbox'])
      expect((await get(undefined, url)).statusCode, url).toBe(401);
    expect((await post(undefined, `/api/staff/requests/${id}/approve`)).statusCode).toBe(401);

    // An analyst reads the queue, the request and its plan, and decides nothing.
    expect((await get('analyst', '/api/staff/requests')).statusCode).toBe(200);
    expect((await get('analyst', `/api/staff/requests/${id}`)).statusCode).toBe(200);
    for (const [path, body] of [
      ['approve', undefined],
      ['deny', { reason: 'no' }],
      ['extend', { reason: 'many archives' }],
      ['rerun', undefined],
      ['mark-verified', { reason: 'letter checked' }],
    ] as const) {
      const refused = await post('analyst', `/api/staff/requests/${id}/${path}`, body);
      expect(refused.statusCode, path).toBe(403);
      expect(refused.json().error.message).toMatch(/^The analyst role does not include requests:(approve|manage)\.$/);
    }
    // An auditor reads the trail and nothing of the requests.
    expect((await get('auditor', '/api/staff/requests')).statusCode).toBe(403);
    expect((await get('auditor', `/api/staff/requests/${id}`)).statusCode).toBe(403);
    expect((await get('auditor', '/api/staff/outbox')).statusCode).toBe(403);
    expect((await get('auditor', '/api/staff/audit')).statusCode).toBe(200);
    // An officer decides and does not manage staff or keys.
    expect((await get('officer', '/api/staff/users')).statusCode).toBe(403);
    expect((await post('officer', '/api/staff/keys', { scopes: ['requests:read'] })).statusCode).toBe(403);
    expect((await post('officer', '/api/staff/audit/verify')).statusCode).toBe(403);

    const detail = (await get('officer', `/api/staff/requests/${id}`)).json();
    expect(detail.request.status).toBe('awaiting-verification');
    expect(detail.history.map((t: { event: string }) => t.event)).toEqual(['ask-verification']);
  });

  it('refuses a change without the CSRF token of the session', async () => {
    const id = await registered();
    const missing = await post('officer', `/api/staff/requests/${id}/cancel`, { reason: 'duplicate' }, { csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'csrf' } });
    const register = await post('officer', '/api/staff/requests', { kind: 'access' }, { csrf: false });
    expect(register.statusCode).toBe(403);
    expect((await get('officer', `/api/staff/requests/${id}`)).json().request.status).toBe('awaiting-verification');
  });

  it('names the invalid field in a 400', async () => {
    const id = await registered();
    const web = await post('officer', '/api/staff/requests', {
      kind: 'access',
      jurisdiction: 'gdpr',
      channel: 'web',
      identities: { email: [nimbusEmail(2)] },
    });
    expect(web.statusCode).toBe(400);
    expect(web.json().error).toMatchObject({ code: 'invalid-input', field: 'body.channel' });
    const unknownKey = await post('officer', '/api/staff/requests', {
      kind: 'access',
      jurisdiction: 'gdpr',
      channel: 'email',
      identities: { passport: ['X1'] },
    });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error).toMatchObject({ field: 'body.identities.passport' });
    expect(unknownKey.body).not.toContain('X1');
    const noReason = await post('officer', `/api/staff/requests/${id}/deny`, {});
    expect(noReason.json().error).toMatchObject({ code: 'invalid-input', field: 'body.reason' });
    expect((await get('officer', '/api/staff/requests?limit=0')).json().error.field).toBe('query.limit');
    expect((await get('officer', '/api/staff/requests?after=nonsense')).json().error).toMatchObject({
      code: 'invalid-input',
      field: 'after',
    });
    expect((await post('admin', '/api/staff/keys', { scopes: ['requests:delete'] })).json().error.field).toBe('body.scopes.0');
  });
});

describe('the queue', () => {
  it('pages by due day without losing or repeating a request, and filters by channel, kind, jurisdiction and due', async () => {
    for (let i = 0; i < 3; i++) await registered({ channel: 'email' });
    await registered({ kind: 'erasure', jurisdiction: 'quebec' });
    const all = (await get('officer', '/api/staff/requests?limit=200')).json();
    expect(all.next).toBeUndefined();
    const seen: string[] = [];
    let url = '/api/staff/requests?limit=2';
    for (;;) {
      const page = (await get('officer', url)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r: { id: string }) => r.id));
      if (!page.next) break;
      url = `/api/staff/requests?limit=2&after=${encodeURIComponent(page.next)}`;
    }
    expect(seen).toEqual(all.items.map((r: { id: string }) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    const dues = all.items.map((r: { due: string }) => r.due);
    expect(dues).toEqual([...dues].sort());

    const byEmail = (await get('officer', '/api/staff/requests?channel=email')).json().items as { channel: string }[];
    expect(byEmail.length).toBeGreaterThanOrEqual(3);
    expect(byEmail.every((r) => r.channel === 'email')).toBe(true);
    const quebec = (await get('officer', '/api/staff/requests?jurisdiction=quebec&kind=erasure')).json().items;
    expect(quebec.length).toBeGreaterThanOrEqual(1);
    expect(quebec.every((r: { jurisdiction: string; kind: string }) => r.jurisdiction === 'quebec' && r.kind === 'erasure')).toBe(true);
    const item = all.items[0];
    expect(item).toMatchObject({
      status: expect.any(String),
      due: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      daysLeft: expect.any(Number),
    });
    expect(JSON.stringify(all)).not.toContain('@');

    // Nothing is overdue today; 40 days on, every open request is, and none is due this week.
    expect((await get('officer', '/api/staff/requests?due=overdue')).json().items).toEqual([]);
    // Sessions end when the clock jumps 40 days: each side of the jump signs in afresh.
    w.clock.advance(40 * 86_400_000);
    callers.clear();
    try {
      const overdue = (await get('officer', '/api/staff/requests?due=overdue&limit=200')).json().items as { daysLeft: number }[];
      expect(overdue.length).toBeGreaterThanOrEqual(4);
      expect(overdue.every((r) => r.daysLeft < 0)).toBe(true);
      const due = (await get('officer', '/api/staff/requests/due')).json();
      expect(due.overdue.count).toBe(overdue.length);
      expect(due.dueThisWeek.count).toBe(0);
    } finally {
      // A minute on from where it was: the admin's TOTP code of that minute was already spent.
      w.clock.advance(-40 * 86_400_000 + 60_000);
      callers.clear();
    }
  });
});

describe('a request', () => {
  it('shows its detail with identities, history and messages, and records the view in the audit trail', async () => {
    const email = nimbusEmail(openCustomer());
    const id = await registered({ channel: 'email', email });
    const before = (await w.store.audit.head())?.seq ?? 0;
    const detail = await get('officer', `/api/staff/requests/${id}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.identities).toEqual({ email: [email] });
    expect(body.request).toMatchObject({ id, channel: 'email', status: 'awaiting-verification' });
    expect(body.verification).toMatchObject({ verified: false, awaitingProof: false, proofs: [] });
    expect(body.messages.map((m: { template: string }) => m.template)).toEqual(['verification-code']);
    expect(body.allowed).toContain('verify');
    const code = (await w.messages(id)).find((m) => m.template === 'verification-code')!.params['code']!;
    expect(detail.body).not.toContain(code);
    const viewed = await w.store.audit.read(before + 1, 10);
    expect(viewed).toMatchObject([
      { action: 'person-data.viewed', actor: { kind: 'staff', id: 'staff-officer' }, subjects: { request: id } },
    ]);
    expect(JSON.stringify(viewed)).not.toContain(email);
    expect((await get('officer', '/api/staff/requests/req-20990101-nothingxx')).statusCode).toBe(404);
  });

  it("shows the plan of a verified erasure with dry-run counts equal to the person's real rows, changing nothing", async () => {
    const n = openCustomer();
    const email = nimbusEmail(n);
    const id = await registered({ kind: 'erasure', email });
    const early = await get('analyst', `/api/staff/requests/${id}/plan`);
    expect(early.statusCode).toBe(412);
    expect(early.json().error.message).toMatch(/awaiting-verification: its plan is shown once the person is verified/);

    const verified = await post('officer', `/api/staff/requests/${id}/mark-verified`, { reason: 'signed letter checked' });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().status).toBe('awaiting-approval');
    const truth = await handWrittenPersonRows(w.data, email);
    const before = (await w.store.audit.head())!.seq;
    const response = await get('analyst', `/api/staff/requests/${id}/plan`);
    expect(response.statusCode, response.body).toBe(200);
    const plan = response.json();
    expect(plan.operations.map((o: { operation: string }) => o.operation)).toEqual(['erase']);
    const [erase] = plan.operations;
    expect(erase.found).toBe(true);
    const counts = Object.fromEntries(erase.collections.map((c: { collection: string; rows: number }) => [c.collection, c.rows]));
    const compared = Object.keys(truth).filter((collection) => collection in counts);
    expect(compared).toEqual(expect.arrayContaining(['accounts.customers', 'accounts.orders', 'accounts.invoices']));
    for (const collection of compared) expect(counts[collection], collection).toBe(truth[collection]!.length);
    expect(erase.text).toMatch(/^Plan: erase for identities email/);
    const invoices = erase.collections.find((c: { collection: string }) => c.collection === 'accounts.invoices');
    expect(invoices.actions.join(' ')).toMatch(/keep rows|delete rows|set /);
    expect(await handWrittenPersonRows(w.data, email)).toEqual(truth);
    expect(await w.store.audit.read(before + 1, 10)).toMatchObject([
      { action: 'person-data.viewed', actor: { id: 'staff-analyst' }, subjects: { request: id }, details: { view: 'plan' } },
    ]);
  }, 60_000);

  it('refuses an extension under Quebec with the reason, extends under GDPR, and denies with a reason', async () => {
    const qc = await registered({ jurisdiction: 'quebec' });
    const refused = await post('officer', `/api/staff/requests/${qc}/extend`, { reason: 'many archives' });
    expect(refused.statusCode).toBe(412);
    expect(refused.json().error).toMatchObject({ code: 'precondition-failed' });
    expect(refused.json().error.message).toMatch(/quebec allows no extension/);

    const eu = await registered();
    const due = (await get('officer', `/api/staff/requests/${eu}`)).json().request.due;
    const extended = await post('officer', `/api/staff/requests/${eu}/extend`, { reason: 'many archives' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ id: eu, extended: true });
    expect(extended.json().due > due).toBe(true);

    const denied = await post('officer', `/api/staff/requests/${qc}/deny`, { reason: 'manifestly unfounded' });
    expect(denied.json()).toMatchObject({ id: qc, status: 'denied', daysLeft: null });
    const again = await post('officer', `/api/staff/requests/${qc}/deny`, { reason: 'twice' });
    expect(again.statusCode).toBe(409);
  });

  it('approves an erasure once it awaits approval, and refuses to run again a request not approved', async () => {
    const id = await registered({ kind: 'erasure' });
    await post('officer', `/api/staff/requests/${id}/mark-verified`, { reason: 'known customer, called back' });
    const approved = await post('officer', `/api/staff/requests/${id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    const history = (await get('officer', `/api/staff/requests/${id}`)).json().history as { event: string; actor: { id: string } }[];
    expect(history.find((t) => t.event === 'approve')?.actor.id).toBe('staff-officer');
    const waiting = await registered();
    const rerun = await post('officer', `/api/staff/requests/${waiting}/rerun`);
    expect(rerun.statusCode).toBe(409);
    expect(rerun.json().error.message).toMatch(/is awaiting-verification: only staff run again an approved request/);
  });
});

describe('the outbox', () => {
  it('lists messages newest first, a page at a time, and never shows a code or an address', async () => {
    const email = nimbusEmail(openCustomer());
    w.clock.advance(1000); // its message is the newest
    const id = await registered({ channel: 'email', email });
    const code = (await w.messages(id)).find((m) => m.template === 'verification-code')!.params['code']!;
    const first = await get('officer', '/api/staff/outbox?limit=2');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items[0]).toMatchObject({ requestId: id, template: 'verification-code', status: 'queued', attempts: 0 });
    expect(Object.keys(page.items[0]).sort()).toEqual(['attempts', 'id', 'language', 'queuedAt', 'requestId', 'status', 'template']);
    const second = (await get('officer', `/api/staff/outbox?limit=2&after=${encodeURIComponent(page.next)}`)).json();
    expect(second.items.map((m: { id: string }) => m.id)).not.toContain(page.items[0].id);
    const everything = (await get('analyst', '/api/staff/outbox?limit=200')).body;
    expect(everything).not.toContain(code);
    expect(everything).not.toContain(email);
    expect(everything).not.toContain('params');
    const mine = (await get('officer', `/api/staff/outbox?requestId=${id}`)).json().items;
    expect(mine.map((m: { requestId: string }) => m.requestId)).toEqual([id]);
  });
});

describe('the audit trail', () => {
  it('pages newest first and verifies the chain for auditors and admins', async () => {
    const head = (await w.store.audit.head())!.seq;
    const page = (await get('auditor', '/api/staff/audit?limit=3')).json();
    expect(page.entries.map((e: { seq: number }) => e.seq)).toEqual([head, head - 1, head - 2]);
    expect(page.next).toBe(head - 2);
    const older = (await get('auditor', `/api/staff/audit?limit=3&before=${page.next}`)).json();
    expect(older.entries[0].seq).toBe(head - 3);
    const valid = await post('auditor', '/api/staff/audit/verify');
    expect(valid.statusCode).toBe(200);
    expect(valid.json()).toMatchObject({ valid: true, entries: head, head: { seq: head } });
    expect((await post('admin', '/api/staff/audit/verify')).json().valid).toBe(true);
  });
});

describe('staff accounts and API keys', () => {
  it('lets an admin add an account (its password shown once), change its role and disable it, each audited', async () => {
    const added = await post('admin', '/api/staff/users', { email: 'New.Analyst@nimbus.example', role: 'analyst' });
    expect(added.statusCode, added.body).toBe(201);
    const { user, temporaryPassword } = added.json();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect(user).toMatchObject({ role: 'analyst', disabled: false, totpEnrolled: false });
    const taken = await post('admin', '/api/staff/users', { email: 'new.analyst@NIMBUS.example', role: 'officer' });
    expect(taken.statusCode).toBe(409);

    const login = await server.app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: 'new.analyst@nimbus.example', password: temporaryPassword },
    });
    expect(login.statusCode).toBe(200);
    const list = (await get('admin', '/api/staff/users')).json().users as { id: string; role: string }[];
    expect(list.find((u) => u.id === user.id)?.role).toBe('analyst');
    expect(JSON.stringify(list)).not.toMatch(/argon2|passwordHash/);

    const promoted = await post('admin', `/api/staff/users/${user.id}/role`, { role: 'officer' });
    expect(promoted.json()).toMatchObject({ user: { role: 'officer' }, sessionsEnded: 1 });
    expect((await post('admin', `/api/staff/users/staff-admin/role`, { role: 'analyst' })).statusCode).toBe(409);
    const disabled = await post('admin', `/api/staff/users/${user.id}/disable`);
    expect(disabled.json()).toMatchObject({ user: { disabled: true } });
    const trail = await w.store.audit.read(1, 100_000);
    expect(trail.filter((e) => e.subjects.user === user.id).map((e) => e.action)).toEqual([
      'user.created',
      'user.role-changed',
      'user.disabled',
    ]);
    expect(JSON.stringify(trail)).not.toContain('nimbus.example');
  });

  it('creates an API key shown once, lists it without its hash, and revokes it', async () => {
    const created = await post('admin', '/api/staff/keys', { scopes: ['requests:create'] });
    expect(created.statusCode, created.body).toBe(201);
    const { key, record } = created.json();
    expect(key).toMatch(/^ck_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(record.prefix)).toBe(true);
    const listed = await get('admin', '/api/staff/keys');
    expect(listed.json().keys).toContainEqual(expect.objectContaining({ id: record.id, scopes: ['requests:create'] }));
    expect(listed.body).not.toContain(key.split('_').slice(2).join('_'));
    expect(listed.body).not.toContain('sha256');
    const revoked = await post('admin', `/api/staff/keys/${record.id}/revoke`);
    expect(revoked.json().revokedAt).toMatch(/^\d{4}-/);
    expect((await w.store.apiKeys.get(record.id))?.revokedAt).toBeDefined();
    expect((await post('admin', '/api/staff/keys/0000000000000000/revoke')).statusCode).toBe(404);
  });
});

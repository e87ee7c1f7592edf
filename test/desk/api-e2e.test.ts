// The request desk end to end through its HTTP API only, on nimbus-cloud on SQLite and on the distributed profile
// (PostgreSQL + MariaDB + Redis, Custos's store on PostgreSQL with pg-boss): an officer who enrols TOTP and signs in with
// it, an access request whose package holds exactly the person's rows and downloads once, a link that expires, a closure
// blocked by an unpaid invoice, an erasure that changes only the planned rows and destroys the identity proof; role
// checks, the code's attempt and rate limits, cookie flags, CSRF, a generic 500, and a log with no personal data.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCustomer, type CustomerProfile } from '../../examples/nimbus-cloud/generator/index.js';
import { handWrittenPersonRows } from '../../bench/baseline/nimbus.js';
import type { Row } from '../../bench/baseline/stores.js';
import { readZip } from '../../src/rights/package/package.test-support.js';
import { totpCode, type CustosServer } from '../../src/server/index.js';
import { PASSWORD } from '../../src/server/testing.test-support.js';
import type { StaffRole } from '../../src/workflow/index.js';
import { apiWorld, CUSTOMERS, profileMissing, type ApiWorld, type Profile, type Snapshot } from './api-world.js';
import { eventually } from './world.js';

type Served = CustosServer & { log(): string };
interface Caller {
  readonly cookie: string;
  readonly csrf: string;
}

const DOWNLOAD_LIFETIME_S = 604_800;

function e2eSuite(profile: Profile): void {
  const missing = profileMissing(profile);
  if (missing) console.warn(`[custos tests] skipping the desk's end-to-end API suite on ${profile}: ${missing}`);

  describe.skipIf(missing !== undefined)(`the request desk through its HTTP API (${profile})`, () => {
    let w: ApiWorld;
    let api: Served;
    /** Everything sensitive the run handled: none may reach the server's log. */
    const secrets = new Set<string>();
    const sessions = new Map<StaffRole, Caller>();
    let officerTotp = '';
    let ip = 10;

    beforeAll(async () => {
      w = await apiWorld(profile);
      api = await w.serve({ rateLimit: { max: 100_000, windowMs: 60_000 }, publicRateLimit: { max: 50_000, windowMs: 60_000 } });
    }, 240_000);
    afterAll(async () => w?.cleanup(), 60_000);

    const nextIp = () => `198.51.100.${ip++}`;
    const used: number[] = [];
    const person = (match: (p: CustomerProfile) => boolean): CustomerProfile => {
      for (let n = 2; n <= CUSTOMERS; n++) {
        const p = nimbusCustomer(n);
        if (!used.includes(n) && match(p)) {
          used.push(n);
          secrets.add(p.email).add(p.name);
          return p;
        }
      }
      throw new Error('the sample has no such customer left');
    };

    async function signIn(role: StaffRole, totp?: string): Promise<Caller> {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/staff/login',
        payload: { email: `${role}@nimbus.example`, password: PASSWORD, ...(totp ? { totp } : {}) },
      });
      expect(response.statusCode, response.body).toBe(200);
      const session = response.cookies.find((c) => c.name.endsWith('custos_session'))!;
      const caller = { cookie: `${session.name}=${session.value}`, csrf: (response.json() as { csrfToken: string }).csrfToken };
      secrets.add(session.value).add(caller.csrf);
      return caller;
    }

    /** A signed-in member; the officer and the admin sign in with a TOTP code, a step later than any code used before. */
    async function as(role: StaffRole): Promise<Caller> {
      const known = sessions.get(role);
      if (known) return known;
      const secret = role === 'admin' ? w.adminTotpSecret : role === 'officer' ? officerTotp : '';
      if (secret) w.clock.advance(30_000);
      const caller = await signIn(role, secret ? totpCode(secret, w.clock.now()) : undefined);
      sessions.set(role, caller);
      return caller;
    }

    const staffGet = async (role: StaffRole | undefined, url: string) =>
      api.app.inject({ method: 'GET', url, headers: role ? { cookie: (await as(role)).cookie } : {} });
    async function staffPost(role: StaffRole, url: string, payload?: object, { csrf = true } = {}) {
      const caller = await as(role);
      const headers: Record<string, string> = { cookie: caller.cookie, ...(csrf ? { 'x-csrf-token': caller.csrf } : {}) };
      return api.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
    }

    /** The person fills the form: the request's id and status token. */
    async function submit(kind: string, p: CustomerProfile, remoteAddress = nextIp()) {
      const created = await api.app.inject({
        method: 'POST',
        url: '/api/requests',
        remoteAddress,
        payload: { kind, jurisdiction: 'gdpr', identities: { email: [p.email] } },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id, statusToken } = created.json() as { id: string; statusToken: string };
      secrets.add(statusToken);
      return { id, statusToken, remoteAddress };
    }

    /** The code, read from the person's mailbox (the outbox in the store: no route shows it to anyone). */
    async function mailedCode(id: string): Promise<string> {
      const sent = (await w.messages(id)).filter((m) => m.template === 'verification-code');
      const code = sent.at(-1)!.params['code']!;
      secrets.add(code);
      return code;
    }

    const enterCode = (statusToken: string, code: string, remoteAddress: string) =>
      api.app.inject({ method: 'POST', url: `/api/requests/status/${statusToken}/code`, remoteAddress, payload: { code } });
    async function status(statusToken: string): Promise<{ status: string; blockers: string[]; blockersInWords: string[]; next: string }> {
      const answer = await api.app.inject({ method: 'GET', url: `/api/requests/status/${statusToken}` });
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json();
    }
    const settled = (statusToken: string, done: (s: Awaited<ReturnType<typeof status>>) => boolean) =>
      eventually(async () => {
        const s = await status(statusToken);
        return done(s) ? s : undefined;
      }, 90_000);

    it('enrols the officer in TOTP through the sign-in routes, and then requires the code', async () => {
      const first = await signIn('officer');
      const enrolment = await api.app.inject({
        method: 'POST',
        url: '/api/staff/totp/enrolment',
        headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
      });
      expect(enrolment.statusCode, enrolment.body).toBe(200);
      officerTotp = (enrolment.json() as { secret: string }).secret;
      secrets.add(officerTotp);
      const confirmed = await api.app.inject({
        method: 'POST',
        url: '/api/staff/totp/confirmation',
        headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
        payload: { code: totpCode(officerTotp, w.clock.now()) },
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      // Confirming ended the first session.
      expect((await api.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
      const withoutCode = await api.app.inject({
        method: 'POST',
        url: '/api/staff/login',
        payload: { email: 'officer@nimbus.example', password: PASSWORD },
      });
      expect(withoutCode.statusCode).toBe(401);
      expect(withoutCode.json().error.details).toMatchObject({ totpRequired: true });
      const me = await staffGet('officer', '/api/staff/me');
      expect(me.json()).toMatchObject({ role: 'officer', totpEnrolled: true });
    });

    it('answers an access request with a package holding exactly the person’s rows, downloadable once, and expires a link', async () => {
      const p = person((c) => c.closure !== 'closed');
      const { id, statusToken, remoteAddress } = await submit('access', p);
      expect((await status(statusToken)).status).toBe('awaiting-verification');
      // Nobody reads the request without a session, nor the code from the staff outbox.
      expect((await staffGet(undefined, `/api/staff/requests/${id}`)).statusCode).toBe(401);
      const code = await mailedCode(id);
      const outbox = await staffGet('analyst', `/api/staff/outbox?requestId=${id}`);
      expect(outbox.statusCode).toBe(200);
      expect(outbox.body).toContain('verification-code');
      expect(outbox.body).not.toContain(code);
      expect(outbox.body).not.toContain(p.email);

      const worker = w.work();
      const verified = await enterCode(statusToken, code, remoteAddress);
      expect(verified.statusCode, verified.body).toBe(200);
      await settled(statusToken, (s) => s.status === 'completed');
      worker.stop();
      // Access is approved by itself once verified: the trail shows the system approving, no staff.
      const detail = (await staffGet('officer', `/api/staff/requests/${id}`)).json();
      expect(detail.history.map((t: { event: string }) => t.event)).toEqual([
        'ask-verification',
        'verify',
        'submit',
        'approve',
        'start-run',
        'run-succeeded',
      ]);

      const link = new URL((await w.messages(id)).find((m) => m.template === 'completed')!.params['downloadUrl']!);
      secrets.add(decodeURIComponent(link.pathname.replace(/^\/download\//, '')));
      const got = await api.app.inject({ method: 'GET', url: link.pathname, remoteAddress });
      expect(got.statusCode).toBe(200);
      const zipFile = join(w.dir, `${id}.zip`);
      writeFileSync(zipFile, got.rawPayload);
      const entries = await readZip(zipFile);
      const truth = await handWrittenPersonRows(w.data, p.email);
      const exported: Record<string, string[]> = {};
      for (const [name, bytes] of entries) {
        const m = /^data\/(.+)\.json$/.exec(name);
        if (m) exported[m[1]!] = (JSON.parse(bytes.toString('utf8')) as Row[]).map((r) => String(r['id'])).sort();
      }
      const expected = Object.fromEntries(
        Object.entries(truth)
          .filter(([, rows]) => rows.length > 0)
          .map(([collection, rows]) => [collection, rows.map((r) => String(r['id'])).sort()]),
      );
      expect(exported).toEqual(expected);
      expect(Object.keys(expected).length).toBeGreaterThan(3);
      const customers = JSON.parse(entries.get('data/accounts.customers.json')!.toString('utf8')) as Row[];
      expect(customers.map((r) => r['email'])).toEqual([p.email]);

      const again = await api.app.inject({ method: 'GET', url: link.pathname, remoteAddress });
      expect(again.statusCode).toBe(410);

      // A second answer, left unused past its lifetime: gone.
      const later = await submit(
        'access',
        person((c) => c.closure !== 'closed'),
      );
      const worker2 = w.work();
      expect((await enterCode(later.statusToken, await mailedCode(later.id), later.remoteAddress)).statusCode).toBe(200);
      await settled(later.statusToken, (s) => s.status === 'completed');
      worker2.stop();
      const laterLink = new URL((await w.messages(later.id)).find((m) => m.template === 'completed')!.params['downloadUrl']!);
      secrets.add(decodeURIComponent(laterLink.pathname.replace(/^\/download\//, '')));
      w.clock.advance(DOWNLOAD_LIFETIME_S * 1000 + 1000);
      sessions.clear(); // a week later every session has ended
      const expired = await api.app.inject({ method: 'GET', url: laterLink.pathname, remoteAddress: later.remoteAddress });
      expect(expired.statusCode).toBe(410);
      expect(expired.json().error.message).toMatch(/already used, has expired, or is not one/);
    }, 180_000);

    it('reports the blocker of a closure blocked by an unpaid invoice on the status route, in the person’s words on the page', async () => {
      const p = person(
        (c) => c.closure === 'blocked' && c.blockers.unpaidInvoice && !c.blockers.activeService && !c.blockers.orderInProgress,
      );
      const { id, statusToken, remoteAddress } = await submit('account-closure', p);
      expect((await enterCode(statusToken, await mailedCode(id), remoteAddress)).statusCode).toBe(200);
      expect((await status(statusToken)).status).toBe('awaiting-approval');
      // An analyst may not approve; an officer does.
      const refused = await staffPost('analyst', `/api/staff/requests/${id}/approve`, {});
      expect(refused.statusCode).toBe(403);
      const worker = w.work();
      expect((await staffPost('officer', `/api/staff/requests/${id}/approve`, {})).statusCode).toBe(200);
      const blocked = await settled(statusToken, (s) => s.blockers.length > 0);
      worker.stop();
      expect(blocked).toMatchObject({
        status: 'approved',
        blockers: ['no-unpaid-invoice'],
        // In words on the API too, in the request's language, and the next step is the person's.
        blockersInWords: ['Every invoice must be paid: at least one is still unpaid.'],
        next: 'settle-blockers',
      });
      const page = await api.app.inject({ method: 'GET', url: `/privacy/status/${statusToken}?lang=en` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Every invoice must be paid: at least one is still unpaid.');
      expect((await handWrittenPersonRows(w.data, p.email))['accounts.customers']).toHaveLength(1);
    }, 120_000);

    it('completes an approved erasure changing only the planned rows, and destroys the identity proof in the store', async () => {
      const p = person((c) => c.closure === 'free');
      const { id, statusToken, remoteAddress } = await submit('erasure', p);
      expect((await staffPost('officer', `/api/staff/requests/${id}/ask-proof`, { reason: 'the address does not match' })).statusCode).toBe(
        200,
      );
      const scan = Buffer.from('%PDF-1.4 a scanned passport of the person');
      const uploaded = await api.app.inject({
        method: 'POST',
        url: `/api/requests/status/${statusToken}/proof`,
        remoteAddress,
        headers: { 'content-type': 'application/pdf' },
        body: scan,
      });
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      const stored = await w.storeSql('SELECT id, envelope FROM identity_proofs WHERE request_id = ?', [id]);
      expect(stored).toHaveLength(1);
      expect(String(stored[0]!['envelope'])).not.toContain(scan.toString('base64'));
      expect((await staffPost('officer', `/api/staff/requests/${id}/mark-verified`, { reason: 'passport checked' })).statusCode).toBe(200);
      const plan = await staffGet('officer', `/api/staff/requests/${id}/plan`);
      expect(plan.statusCode, plan.body).toBe(200);

      const truth = await handWrittenPersonRows(w.data, p.email);
      const customerIds = (truth['accounts.customers'] ?? []).map((r) => String(r['id']));
      const planned = new Set(Object.entries(truth).flatMap(([collection, rows]) => rows.map((r) => `${collection}#${String(r['id'])}`)));
      const mayChange = (key: string) =>
        planned.has(key) || customerIds.some((c) => key === `redis#customer_sessions:${c}` || key.startsWith(`redis#session:${c}:`));
      const before = await w.snapshot();
      const worker = w.work();
      expect((await staffPost('analyst', `/api/staff/requests/${id}/approve`, {})).statusCode).toBe(403);
      expect((await staffPost('officer', `/api/staff/requests/${id}/approve`, {})).statusCode).toBe(200);
      await settled(statusToken, (s) => s.status === 'completed');
      worker.stop();
      const after = await w.snapshot();

      const changed = diff(before, after);
      expect(changed.length).toBeGreaterThan(0);
      expect(changed.filter((key) => !mayChange(key))).toEqual([]);
      expect(changed).toContain(`accounts.customers#${customerIds[0]!}`);
      expect(Object.values(await handWrittenPersonRows(w.data, p.email)).flat()).toEqual([]);
      // The proof: no row in the store, and its envelope opens no more.
      expect(await w.storeSql('SELECT id FROM identity_proofs WHERE request_id = ?', [id])).toEqual([]);
      await expect(w.vault.open(String(stored[0]!['envelope']), `identity-proof:${String(stored[0]!['id'])}`)).rejects.toMatchObject({
        code: 'not-found',
      });
      const trail = await staffGet('auditor', '/api/staff/audit?limit=500');
      const actions = (trail.json().entries as { action: string; subjects: Record<string, string> }[])
        .filter((e) => e.subjects['request'] === id)
        .map((e) => e.action);
      expect(actions).toContain('proof.destroyed');
    }, 180_000);

    it('stops a brute-forced code by its attempt limit, and an address by the rate limit', async () => {
      const a = await submit(
        'access',
        person((c) => c.closure !== 'closed'),
      );
      const code = await mailedCode(a.id);
      const wrong = (c: string) => String((Number(c) + 1) % 1_000_000).padStart(6, '0');
      for (let left = 4; left >= 0; left--) {
        const refused = await enterCode(a.statusToken, wrong(code), a.remoteAddress);
        expect(refused.statusCode).toBe(left > 0 ? 401 : 429);
      }
      // Spent: even the right code is refused now, until the person asks for a new one.
      const right = await enterCode(a.statusToken, code, a.remoteAddress);
      expect(right.statusCode).toBe(412);
      expect((await status(a.statusToken)).status).toBe('awaiting-verification');

      // One address guessing across requests: the route's per-address limit (8 a minute on this server) stops it first.
      const b = await submit(
        'access',
        person((c) => c.closure !== 'closed'),
      );
      const bCode = await mailedCode(b.id);
      const strict = await w.serve({ rateLimit: { max: 1000, windowMs: 60_000 }, publicRateLimit: { max: 8, windowMs: 60_000 } });
      const guess = (token: string, code: string, remoteAddress: string) =>
        strict.app.inject({ method: 'POST', url: `/api/requests/status/${token}/code`, remoteAddress, payload: { code } });
      const guesser = nextIp();
      const answers: number[] = [];
      for (let i = 0; i < 9; i++) answers.push((await guess(i < 4 ? a.statusToken : b.statusToken, wrong(bCode), guesser)).statusCode);
      expect(answers.slice(0, 4)).toEqual([412, 412, 412, 412]); // a's code is spent
      expect(answers.slice(4, 8)).toEqual([401, 401, 401, 401]);
      const limited = answers[8];
      expect(limited).toBe(429); // b still had an attempt left: the address was stopped, not the code
      const elsewhere = await guess(b.statusToken, bCode, nextIp());
      expect(elsewhere.statusCode).toBe(200);
      for (const s of secrets) expect(strict.log()).not.toContain(s);
    }, 60_000);

    it('lets an auditor read only the trail, refuses staff changes without CSRF, and answers a fault with a bare 500', async () => {
      for (const url of ['/api/staff/requests', '/api/staff/outbox', '/api/staff/requests/due'])
        expect((await staffGet('auditor', url)).statusCode, url).toBe(403);
      const [some] = (await staffGet('officer', '/api/staff/requests?status=completed')).json().items as { id: string }[];
      expect((await staffGet('auditor', `/api/staff/requests/${some!.id}`)).statusCode).toBe(403);
      expect((await staffGet('auditor', `/api/staff/requests/${some!.id}/plan`)).statusCode).toBe(403);
      expect((await staffGet('auditor', '/api/staff/audit')).statusCode).toBe(200);
      expect((await staffGet(undefined, `/api/staff/requests/${some!.id}`)).statusCode).toBe(401);

      const p = person((c) => c.closure === 'free');
      const { id } = await submit('erasure', p);
      const noCsrf = await staffPost('officer', `/api/staff/requests/${id}/ask-proof`, { reason: 'why' }, { csrf: false });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json().error.details).toMatchObject({ reason: 'csrf' });
      const other = await signIn('analyst');
      const foreign = await api.app.inject({
        method: 'POST',
        url: `/api/staff/requests/${id}/cancel`,
        headers: { cookie: (await as('officer')).cookie, 'x-csrf-token': other.csrf },
        payload: { reason: 'x' },
      });
      expect(foreign.statusCode).toBe(403);
      expect((await staffGet('officer', `/api/staff/requests/${id}`)).json().request.status).toBe('awaiting-verification');

      // An API key, made by the admin: a secret that must not reach the log either.
      const key = await staffPost('admin', '/api/staff/keys', { scopes: ['requests:read'] });
      expect(key.statusCode, key.body).toBe(201);
      secrets.add((key.json() as { key: string }).key);

      // A fault below the route (a table gone): a bare 500, no message, no stack, no table.
      await w.storeSql('ALTER TABLE outbox RENAME TO outbox_moved');
      try {
        const fault = await staffGet('officer', '/api/staff/outbox');
        expect(fault.statusCode).toBe(500);
        expect(Object.keys(fault.json().error).sort()).toEqual(['code', 'requestId']);
        expect(fault.body).not.toMatch(/outbox|at .*\.ts|sqlite|relation/i);
      } finally {
        await w.storeSql('ALTER TABLE outbox_moved RENAME TO outbox');
      }
    }, 60_000);

    it('sets HttpOnly and SameSite on the session cookie, and Secure with __Host- behind TLS', async () => {
      const plain = (
        await api.app.inject({
          method: 'POST',
          url: '/api/staff/login',
          payload: { email: 'analyst@nimbus.example', password: PASSWORD },
        })
      ).cookies.find((c) => c.name.endsWith('custos_session'))!;
      expect(plain).toMatchObject({ name: 'custos_session', httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(plain.secure).toBeFalsy();
      secrets.add(plain.value);
      const behindProxy = await w.serve({ trustProxy: true });
      const login = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/staff/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: 'analyst@nimbus.example', password: PASSWORD },
      });
      const secure = login.cookies.find((c) => c.name.endsWith('custos_session'))!;
      expect(secure).toMatchObject({ name: '__Host-custos_session', httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
      secrets.add(secure.value);
      for (const s of secrets) expect(behindProxy.log()).not.toContain(s);
    });

    it('kept every e-mail address, name, code, token, session, CSRF token and API key out of the server log', () => {
      const log = api.log();
      expect(log).toContain('"route":"/api/requests/status/:token/code"');
      expect(log).toContain('"route":"/download/:token"');
      expect(log).toMatch(/"statusCode":500/);
      expect(secrets.size).toBeGreaterThan(20);
      const leaked = [...secrets].filter((s) => s.length >= 4 && log.includes(s));
      expect(leaked).toEqual([]);
      expect(log).not.toMatch(/[a-z0-9._-]+@(?!nimbus\.example)[a-z0-9.-]+\.[a-z]{2,}/i);
      expect(log).not.toMatch(/ck_[0-9a-f]{16}_/);
    });
  });
}

/** The rows added, removed or changed between two dumps. */
function diff(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

e2eSuite('sqlite');
e2eSuite('distributed');

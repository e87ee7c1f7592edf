// The request desk end to end on nimbus-cloud (SQLite store, SQLite job queue): a person's access request from the form
// to a download that works once, an erasure an officer approves (its identity proof destroyed), a closure blocked by an
// unpaid invoice, a brute-forced code, an erasure killed mid-way that completes once, and an audit trail without addresses.
import { existsSync, writeFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCustomer, nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { handWrittenPersonRows } from '../../bench/baseline/nimbus.js';
import { verifyChain } from '../../src/audit/index.js';
import type { ErrorCode } from '../../src/errors.js';
import { readZip } from '../../src/rights/package/package.test-support.js';
import { APP_SECRET, deskWorld, eventually, signAssertion, type DeskWorld } from './world.js';

const CUSTOMERS = 60;
const officer = { role: 'officer', id: 'u_officer' } as const;
const agent = { role: 'agent', id: 'u_agent' } as const;
const IP = '198.51.100.7';

let w: DeskWorld;
beforeAll(async () => {
  w = await deskWorld('e2e', CUSTOMERS);
}, 120_000);
afterAll(async () => w?.cleanup());

const refusal = async (promise: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> => {
  try {
    await promise;
  } catch (error) {
    return error as { code: ErrorCode; message: string };
  }
  throw new Error('expected a refusal');
};

/** The last code sent for a request: the outbox row's params, as the mail sender reads them. */
const codeOf = async (requestId: string): Promise<string> => {
  const sent = (await w.messages(requestId)).filter((m) => m.template === 'verification-code');
  expect(sent.at(-1)?.to).toMatch(/@/);
  return sent.at(-1)!.params['code']!;
};

const settled = (id: string, done: (s: { status: string; lastRunFailed: boolean }) => boolean) =>
  eventually(async () => {
    const stored = await w.store.requests.get(id);
    return stored && done(stored.request) ? stored.request : undefined;
  });

/** A customer whose profile matches, from the generated sample. */
const customerWhere = (match: (p: ReturnType<typeof nimbusCustomer>) => boolean, skip: readonly number[] = []): number => {
  for (let n = 2; n <= CUSTOMERS; n++) if (!skip.includes(n) && match(nimbusCustomer(n))) return n;
  throw new Error('the sample has no such customer');
};
const used: number[] = [];
const pick = (match: (p: ReturnType<typeof nimbusCustomer>) => boolean): number => {
  const n = customerWhere(match, used);
  used.push(n);
  return n;
};

describe('an access request', () => {
  it('goes from the form to a code, is approved and run by itself, and its package downloads once', async () => {
    const worker = w.work();
    const n = pick((p) => p.closure !== 'closed');
    const email = nimbusEmail(n);
    const { id, statusToken } = await w.desk.submit(
      { kind: 'access', channel: 'web', jurisdiction: 'gdpr', identities: { email: [email] }, language: 'fr' },
      { ip: IP },
    );
    expect(statusToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const waiting = await w.desk.statusFor(statusToken);
    expect(waiting).toMatchObject({
      requestId: id,
      kind: 'access',
      status: 'awaiting-verification',
      next: 'enter-code',
      due: '2026-12-23',
    });
    const [codeMessage] = await w.messages(id);
    expect(codeMessage).toMatchObject({
      template: 'verification-code',
      language: 'fr',
      to: email,
      params: { requestId: id, validMinutes: '10' },
    });

    const verified = await w.desk.verifyCode(statusToken, await codeOf(id), IP);
    expect(['approved', 'running', 'completed']).toContain(verified.status);
    await settled(id, (r) => r.status === 'completed');
    worker.stop();

    const done = await w.desk.statusFor(statusToken);
    expect(done.timeline.map((t) => t.status)).toEqual([
      'received',
      'awaiting-verification',
      'verified',
      'awaiting-approval',
      'approved',
      'running',
      'completed',
    ]);
    expect(done.next).toBe('see-answer');
    expect(JSON.stringify(done)).not.toContain('custos'); // no actor names
    const completed = (await w.messages(id)).find((m) => m.template === 'completed');
    expect(completed?.params).toMatchObject({ requestId: id, kind: 'access' });
    const link = new URL(completed!.params['downloadUrl']!);
    expect(link.origin).toBe('http://localhost:3000');
    const token = decodeURIComponent(link.pathname.replace(/^\/download\//, ''));

    const got = await w.desk.download(token);
    expect(got).toMatchObject({ requestId: id, fileName: `access-${id}.zip`, mediaType: 'application/zip' });
    const zipFile = join(w.dir, 'got.zip');
    writeFileSync(zipFile, await buffer(got.stream));
    const entries = await readZip(zipFile);
    const truth = await handWrittenPersonRows(w.data, email);
    const customerId = truth['accounts.customers']![0]!.id;
    const customers = [...entries].find(([name]) => /customers\.json$/.test(name));
    expect(customers, [...entries.keys()].join(', ')).toBeDefined();
    const rows = JSON.parse(customers![1].toString('utf8')) as { id: unknown }[] | { rows: { id: unknown }[] };
    const list = Array.isArray(rows) ? rows : rows.rows;
    expect(list.map((r) => String(r.id))).toEqual([String(customerId)]);
    expect(customers![1].toString('utf8')).toContain(email);
    expect(customers![1].toString('utf8')).not.toContain(nimbusEmail(n + 1));

    expect((await refusal(w.desk.download(token))).code).toBe('not-found');
  }, 60_000);

  it('refuses a kind the law does not grant, an identity key the manifest lacks, and an unknown purpose, naming the field', async () => {
    const base = { kind: 'access', channel: 'web', jurisdiction: 'gdpr', identities: { email: [nimbusEmail(2)] } };
    const cases: [object, string, RegExp][] = [
      [{ jurisdiction: 'ccpa' }, 'jurisdiction', /one of the manifest's: gdpr, quebec/],
      [{ identities: { passport: ['X1'] } }, 'identities.passport', /not an identity key of the manifest; use one of: email/],
      [{ kind: 'objection', details: { purpose: 'astrology' } }, 'details.purpose', /names no purpose of the manifest/],
      [{ channel: 'post' }, 'channel', /one of web, api/],
      [{ language: 'de' }, 'language', /one of the manifest's/],
    ];
    for (const [change, field, message] of cases) {
      const error = (await refusal(w.desk.submit({ ...base, ...change }))) as unknown as { code: string; message: string; details: object };
      expect(error.code).toBe('invalid-input');
      expect(error.details).toMatchObject({ field });
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('@');
    }
  });
});

describe('an erasure', () => {
  it('waits for an officer, takes extra proof that is destroyed once done, and erases the person', async () => {
    const n = pick((p) => p.closure === 'free');
    const email = nimbusEmail(n);
    const before = await handWrittenPersonRows(w.data, email);
    expect(before['accounts.customers']).toHaveLength(1);
    const { id, statusToken } = await w.desk.submit({
      kind: 'erasure',
      channel: 'web',
      jurisdiction: 'gdpr',
      identities: { email: [email] },
    });

    await w.desk.askForProof(id, agent, 'the address does not match the account holder');
    expect((await w.messages(id)).map((m) => m.template).sort()).toEqual(['proof-needed', 'verification-code']);
    const scan = Buffer.from('%PDF-1.4 passport scan');
    const { proofId } = await w.desk.uploadProof(statusToken, scan, 'application/pdf');
    const [proof] = await w.store.secrets.proofs(id);
    expect(proof).toMatchObject({ id: proofId, mediaType: 'application/pdf', size: scan.length });
    expect(proof!.envelope).not.toContain(scan.toString('base64url'));
    expect((await w.desk.viewProof(id, proofId, officer)).bytes.equals(scan)).toBe(true);

    await w.desk.markVerified(id, agent, 'passport checked');
    expect((await w.desk.get(id)).request.status).toBe('awaiting-approval');
    expect((await refusal(w.desk.approve(id, agent))).code).toBe('forbidden');
    const worker = w.work();
    await w.desk.approve(id, officer);
    await settled(id, (r) => r.status === 'completed');
    worker.stop();

    const after = await handWrittenPersonRows(w.data, email);
    expect(after['accounts.customers']).toEqual([]);
    expect(await w.store.secrets.proofs(id)).toEqual([]);
    expect((await refusal(w.vault.open(proof!.envelope, `identity-proof:${proofId}`))).code).toBe('not-found');
    const detail = await w.desk.get(id, officer);
    expect(detail.proofs).toEqual([]);
    expect(detail.history.map((t) => t.event)).toEqual([
      'ask-verification',
      'ask-proof',
      'verify',
      'submit',
      'approve',
      'start-run',
      'run-succeeded',
    ]);
    expect(detail.history.find((t) => t.event === 'approve')?.actor).toEqual(officer);
    const trail = await w.store.audit.read(1, 10_000);
    const actions = trail.filter((e) => e.subjects['request'] === id).map((e) => e.action);
    expect(actions).toContain('proof.destroyed');
    expect(actions.filter((a) => a === 'person-data.viewed')).toHaveLength(2); // the proof, then the request
  }, 60_000);

  it('of a closed account blocked by an unpaid invoice reports the blocker to the person and stays to be run again', async () => {
    const n = pick((p) => p.closure === 'blocked' && p.blockers.unpaidInvoice);
    const { id, statusToken } = await w.desk.submit({
      kind: 'account-closure',
      channel: 'web',
      jurisdiction: 'gdpr',
      identities: { email: [nimbusEmail(n)] },
    });
    await w.desk.verifyCode(statusToken, await codeOf(id), IP);
    const worker = w.work();
    await w.desk.approve(id, officer);
    const request = await settled(id, (r) => r.lastRunFailed);
    worker.stop();
    expect(request.status).toBe('approved');
    expect((await w.desk.get(id)).history.at(-1)).toMatchObject({
      event: 'run-failed',
      reason: expect.stringMatching(/^closure-blocked: /),
    });
    expect((await w.desk.statusFor(statusToken)).blockers).toContain('no-unpaid-invoice');
    const blocked = (await w.messages(id)).find((m) => m.template === 'closure-blocked');
    const blockers = JSON.parse(blocked!.params['blockers']!) as { description: string }[];
    expect(blockers.map((b) => b.description)).toContain('Every invoice must be paid: at least one is still unpaid.');
    expect(blocked!.params['blockers']).not.toContain('no-unpaid-invoice'); // words, not the manifest's ids
    expect((await handWrittenPersonRows(w.data, nimbusEmail(n)))['accounts.customers']).toHaveLength(1);
  }, 60_000);
});

describe('verification', () => {
  it('stops a brute-forced code after 5 wrong attempts: the right code no longer works', async () => {
    const n = pick((p) => p.closure !== 'closed');
    const { id, statusToken } = await w.desk.submit({
      kind: 'access',
      channel: 'web',
      jurisdiction: 'gdpr',
      identities: { email: [nimbusEmail(n)] },
    });
    const right = await codeOf(id);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await refusal(w.desk.verifyCode(statusToken, wrong, IP))).code);
    expect(codes).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unauthorized', 'rate-limited']);
    expect((await refusal(w.desk.verifyCode(statusToken, right, IP))).code).toBe('precondition-failed');
    expect((await w.desk.statusFor(statusToken)).status).toBe('awaiting-verification');
    // A new code works again.
    await w.desk.resendCode(statusToken, IP);
    const fresh = await codeOf(id);
    w.clock.advance(11 * 60_000);
    expect((await refusal(w.desk.verifyCode(statusToken, fresh, IP))).message).toMatch(/has expired: ask for a new code/);
  });

  it('limits the codes sent to one address in an hour', async () => {
    const n = pick((p) => p.closure !== 'closed');
    const { statusToken } = await w.desk.submit({
      kind: 'access',
      channel: 'web',
      jurisdiction: 'gdpr',
      identities: { email: [nimbusEmail(n)] },
    });
    for (let i = 0; i < 4; i++) await w.desk.resendCode(statusToken, `203.0.113.${i}`);
    const error = await refusal(w.desk.resendCode(statusToken, '203.0.113.99'));
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/codes sent to this e-mail address this hour: try again after 2026-11-23T10:00:00.000Z/);
    expect(error.message).not.toContain('@');
    // A new request for the same address is kept, its code left for later.
    const again = await w.desk.submit({ kind: 'erasure', channel: 'web', jurisdiction: 'gdpr', identities: { email: [nimbusEmail(n)] } });
    expect(again.codeSent).toBe(false);
    expect((await w.desk.statusFor(again.statusToken)).status).toBe('awaiting-verification');
    w.clock.advance(3_600_000);
    await w.desk.resendCode(again.statusToken, '203.0.113.99');
  });

  it('verifies an account holder by the app’s signed assertion, refusing a forged or expired one', async () => {
    const email = nimbusEmail(pick((p) => p.closure !== 'closed'));
    const { id } = await w.desk.submit({ kind: 'restriction', channel: 'api', jurisdiction: 'gdpr', identities: { email: [email] } });
    const expires = Math.floor(w.clock.now().getTime() / 1000) + 300;
    const good = signAssertion(APP_SECRET, { identity: 'email', value: email.toUpperCase(), expires });
    expect((await refusal(w.desk.verifyAssertion(id, { ...good, expires: expires + 1 }))).code).toBe('unauthorized');
    expect((await refusal(w.desk.verifyAssertion(id, signAssertion('another-secret-of-32-characters-at-least', good)))).code).toBe(
      'unauthorized',
    );
    const other = signAssertion(APP_SECRET, { identity: 'email', value: 'someone.else@example.org', expires });
    expect((await refusal(w.desk.verifyAssertion(id, other))).message).toMatch(/not the one the request names by email/);
    const expired = signAssertion(APP_SECRET, { identity: 'email', value: email, expires: expires - 600 });
    expect((await refusal(w.desk.verifyAssertion(id, expired))).message).toMatch(/expired/);
    const worker = w.work();
    const status = await w.desk.verifyAssertion(id, good);
    expect(['approved', 'running', 'completed']).toContain(status.status);
    await settled(id, (r) => r.status === 'completed');
    worker.stop();
  });
});

describe('decisions', () => {
  it('extends a GDPR request by two months and tells the person; refuses any extension under Quebec law', async () => {
    const gdpr = await w.desk.register(
      { kind: 'access', channel: 'post', jurisdiction: 'gdpr', identities: { email: [nimbusEmail(pick(() => true))] } },
      agent,
    );
    await w.desk.extend(gdpr.id, agent, 'many archives to search');
    expect((await w.desk.statusFor(gdpr.statusToken)).due).toBe('2027-02-23');
    expect((await w.messages(gdpr.id)).find((m) => m.template === 'extended')?.params).toMatchObject({
      dueDate: '2027-02-23',
      extension: 'P2M',
    });
    const qc = await w.desk.register(
      { kind: 'access', channel: 'email', jurisdiction: 'quebec', identities: { email: [nimbusEmail(pick(() => true))] } },
      agent,
    );
    const error = await refusal(w.desk.extend(qc.id, officer, 'many archives'));
    expect(error.code).toBe('precondition-failed');
    expect(error.message).toMatch(/quebec allows no extension/);
    await w.desk.deny(qc.id, officer, 'manifestly unfounded');
    expect((await w.desk.statusFor(qc.statusToken)).status).toBe('denied');
    expect((await w.desk.overdue()).map((r) => r.id)).not.toContain(qc.id);
    expect((await w.desk.dueThisWeek()).map((r) => r.id)).not.toContain(gdpr.id);
  });
});

describe('a run killed mid-erasure', () => {
  it('resumes its journaled run on the next attempt and completes the request exactly once', async () => {
    const n = pick((p) => p.closure === 'free');
    const email = nimbusEmail(n);
    const { id, statusToken } = await w.desk.submit({
      kind: 'erasure',
      channel: 'web',
      jurisdiction: 'gdpr',
      identities: { email: [email] },
    });
    await w.desk.verifyCode(statusToken, await codeOf(id), IP);
    let killed = false;
    const first = w.work(async (e) => {
      // The first store has committed: the worker dies before the next one.
      if (e.type === 'committed' && e.steps.some((step) => step.includes(':delete:')) && !killed) {
        killed = true;
        first.stop();
      }
    });
    await w.desk.approve(id, officer);
    await eventually(async () => (killed ? true : undefined));
    const interrupted = await eventually(async () => {
      const s = await w.store.requests.get(id);
      const run = await w.store.journal.get(id);
      return s?.request.status === 'running' && run?.status === 'running' ? run : undefined;
    }, 3000);
    expect([...interrupted.steps.values()].some((s) => s.done)).toBe(true);
    const second = w.work();
    await settled(id, (r) => r.status === 'completed');
    second.stop();
    const detail = await w.desk.get(id);
    expect(detail.history.filter((t) => t.event === 'start-run')).toHaveLength(1);
    expect(detail.history.filter((t) => t.event === 'run-succeeded')).toHaveLength(1);
    expect(detail.request.runs).toEqual([expect.objectContaining({ runId: id, operation: 'erase', outcome: 'succeeded' })]);
    expect((await w.messages(id)).filter((m) => m.template === 'completed')).toHaveLength(1);
    expect((await w.store.journal.get(id))?.status).toBe('completed');
    expect((await handWrittenPersonRows(w.data, email))['accounts.customers']).toEqual([]);
  }, 60_000);
});

describe('the audit trail', () => {
  it('verifies, and no stored entry holds an e-mail address', async () => {
    const verified = await verifyChain(w.store.audit);
    expect(verified.ok).toBe(true);
    const db = new Database(join(w.dir, 'custos.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM audit_log').all();
      expect(rows.length).toBeGreaterThan(30);
      const text = JSON.stringify(rows);
      expect(text).not.toMatch(/@/);
      for (let n = 1; n <= CUSTOMERS; n++) expect(text).not.toContain(nimbusEmail(n).split('@')[0]);
    } finally {
      db.close();
    }
  });
});

describe('a package never downloaded', () => {
  it('is removed with its link once the link expires', async () => {
    const n = pick((p) => p.closure !== 'closed');
    const worker = w.work();
    const { id, statusToken } = await w.desk.submit({
      kind: 'access',
      channel: 'web',
      jurisdiction: 'gdpr',
      identities: { email: [nimbusEmail(n)] },
    });
    await w.desk.verifyCode(statusToken, await codeOf(id), IP);
    await settled(id, (r) => r.status === 'completed');
    worker.stop();
    const token = (await w.messages(id)).find((m) => m.template === 'completed')!.params['download']!;
    const file = join(w.dir, 'packages', `${id}.zip`);
    expect(existsSync(file)).toBe(true);
    w.clock.advance(7 * 86_400_000 - 60_000);
    expect(await w.desk.purgeExpiredPackages()).toBe(0);
    expect(existsSync(file)).toBe(true);
    w.clock.advance(120_000);
    expect(await w.desk.purgeExpiredPackages()).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect((await refusal(w.desk.download(token))).code).toBe('not-found');
  }, 60_000);
});

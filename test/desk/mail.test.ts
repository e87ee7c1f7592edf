// The desk's messages as the person gets them: every flow on nimbus-cloud queues mail that src/mail renders and sends
// (nodemailer's JSON transport) in the request's language; the code received verifies, and once sent no row keeps a secret.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCustomer, nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { nodemailerTransport, sendQueued, type MailTransport } from '../../src/mail/index.js';
import type { OutboxMessage } from '../../src/store/index.js';
import { deskWorld, eventually, type DeskWorld } from './world.js';

const CUSTOMERS = 40;
const officer = { role: 'officer', id: 'u_officer' } as const;
const agent = { role: 'agent', id: 'u_agent' } as const;
const IP = '198.51.100.9';
const RENDER = { organizationName: 'Nimbus Cloud', privacyCenterUrl: 'https://privacy.nimbus.example' };

interface Sent {
  readonly to: { address: string }[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  readonly headers: Record<string, string>;
}

let w: DeskWorld;
const sent: Sent[] = [];
let transport: MailTransport;
beforeAll(async () => {
  w = await deskWorld('mail', CUSTOMERS, { privacyCenterUrl: 'https://privacy.nimbus.example/' });
  const mailer = nodemailer.createTransport({ jsonTransport: true });
  transport = nodemailerTransport(
    {
      async sendMail(options) {
        const info = await mailer.sendMail(options);
        sent.push(JSON.parse(info.message as string) as Sent);
        return info;
      },
      close: () => mailer.close(),
    },
    { from: 'Nimbus Privacy <privacy@nimbus.example>', describe: 'json' },
  );
}, 120_000);
afterAll(async () => w?.cleanup());

/** Every message the outbox holds, whatever its status (queued ones and the ones sent). */
const allRows = async (): Promise<OutboxMessage[]> => {
  const rows = await Promise.all(sentIds.map((id) => w.store.outbox.get(id)));
  return [...(await w.store.outbox.queued(10_000)), ...rows.filter((r): r is OutboxMessage => r !== undefined)];
};
const sentIds: string[] = [];
/** Every message sent so far, by outbox id. */
const everySent = new Map<string, Sent>();

/** One sendQueued pass: every result `sent`; the messages that went out, by outbox id. */
async function sendAll(): Promise<Map<string, Sent>> {
  const before = sent.length;
  const queued = await w.store.outbox.queued(10_000);
  const results = await sendQueued({ outbox: w.store.outbox, transport, render: RENDER, clock: w.clock });
  expect(results.map((r) => [r.template, r.status, r.error])).toEqual(queued.map((m) => [m.template, 'sent', undefined]));
  sentIds.push(...results.map((r) => r.id));
  const out = new Map<string, Sent>();
  for (const mail of sent.slice(before)) out.set(/^<(.*)\.custos@/.exec(mail.messageId)![1]!, mail);
  for (const [id, mail] of out) everySent.set(id, mail);
  return out;
}

const used: number[] = [];
const pick = (match: (p: ReturnType<typeof nimbusCustomer>) => boolean): number => {
  for (let n = 2; n <= CUSTOMERS; n++)
    if (!used.includes(n) && match(nimbusCustomer(n))) {
      used.push(n);
      return n;
    }
  throw new Error('the sample has no such customer');
};

const settled = (id: string, done: (s: { status: string; lastRunFailed: boolean }) => boolean) =>
  eventually(async () => {
    const stored = await w.store.requests.get(id);
    return stored && done(stored.request) ? stored.request : undefined;
  });

/** The request's messages sent in this pass, oldest first, with their outbox rows. */
async function mailOf(requestId: string, pass: Map<string, Sent>): Promise<{ row: OutboxMessage; mail: Sent }[]> {
  const rows = (await Promise.all([...pass.keys()].map((id) => w.store.outbox.get(id)))).filter((r) => r?.requestId === requestId);
  return rows.map((row) => ({ row: row!, mail: pass.get(row!.id)! }));
}

/** Submits, sends the code, and verifies with the code read from the e-mail the person got. */
async function submitAndVerify(submission: Parameters<DeskWorld['desk']['submit']>[0], language: 'en' | 'fr') {
  const receipt = await w.desk.submit(submission, { ip: IP });
  const pass = await sendAll();
  const [code] = await mailOf(receipt.id, pass);
  expect(code!.row).toMatchObject({ template: 'verification-code', status: 'sent', language });
  expect(code!.mail.headers['Content-Language']).toBe(language);
  expect(code!.mail.subject).toBe(
    language === 'fr' ? `Votre code de vérification pour la demande ${receipt.id}` : `Your verification code for request ${receipt.id}`,
  );
  expect(code!.mail.text).toContain(language === 'fr' ? 'Ce code est valable 10\u00a0minutes.' : 'The code is valid for 10 minutes.');
  const typed = /(?:Verification code|Code de vérification)\u00a0?: (\d{6})/.exec(code!.mail.text)?.[1];
  expect(typed).toMatch(/^\d{6}$/);
  expect(code!.row.params).toEqual({ requestId: receipt.id, validMinutes: '10' }); // the code is gone once sent
  const status = await w.desk.verifyCode(receipt.statusToken, typed!, IP);
  expect(status.status).not.toBe('awaiting-verification');
  return receipt;
}

describe('the desk’s mail, sent', () => {
  it('an access request: the code received verifies, and the link received downloads the package once', async () => {
    const worker = w.work();
    const email = nimbusEmail(pick((p) => p.closure !== 'closed'));
    const { id } = await submitAndVerify(
      { kind: 'access', channel: 'web', jurisdiction: 'gdpr', identities: { email: [email] }, language: 'fr' },
      'fr',
    );
    await settled(id, (r) => r.status === 'completed');
    worker.stop();
    const [done] = await mailOf(id, await sendAll());
    expect(done!.row).toMatchObject({ template: 'completed', status: 'sent', language: 'fr', to: email });
    expect(done!.mail.to).toEqual([expect.objectContaining({ address: email })]);
    expect(done!.mail.subject).toBe(`Votre demande a été traitée (${id})`);
    expect(done!.mail.text).toContain('Nous avons traité votre demande d’accès à vos données personnelles');
    expect(done!.mail.text).not.toContain('Your request');
    const link = /Télécharger vos données personnelles\u00a0: (\S+)/.exec(done!.mail.text)?.[1];
    expect(link).toMatch(/^https:\/\/privacy\.nimbus\.example\/download\/[\w-]{43}$/);
    expect(done!.mail.html).toContain(`<a href="${link}">`);
    // Once sent, the outbox no longer holds the link; the link itself works once.
    expect(done!.row.params['downloadUrl']).toBeUndefined();
    expect(done!.row.params['downloadExpiresAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
    const got = await w.desk.download(link!.split('/').at(-1)!);
    got.stream.destroy();
    expect(got.fileName).toBe(`access-${id}.zip`);
  }, 60_000);

  it('an erasure asked for more proof, a blocked closure, a denial, an extension and a cancellation each reach the person', async () => {
    // Erasure: staff ask for proof before the code is even typed; the person is told why, in English.
    const erasure = await w.desk.submit(
      { kind: 'erasure', channel: 'web', jurisdiction: 'gdpr', identities: { email: [nimbusEmail(pick((p) => p.closure === 'free'))] } },
      { ip: IP },
    );
    await w.desk.askForProof(erasure.id, agent, 'the address does not match the account holder');
    // Closure: blocked by an unpaid invoice, told in French with the manifest's words.
    const closure = await submitAndVerify(
      {
        kind: 'account-closure',
        channel: 'web',
        jurisdiction: 'gdpr',
        identities: { email: [nimbusEmail(pick((p) => p.closure === 'blocked' && p.blockers.unpaidInvoice))] },
        language: 'fr',
      },
      'fr',
    );
    const worker = w.work();
    await w.desk.approve(closure.id, officer);
    await settled(closure.id, (r) => r.lastRunFailed);
    worker.stop();
    // Denial (Quebec), extension (GDPR) and cancellation, registered by staff.
    const register = (jurisdiction: string) =>
      w.desk.register(
        { kind: 'access', channel: 'email', jurisdiction, identities: { email: [nimbusEmail(pick(() => true))] }, language: 'en' },
        agent,
      );
    const denied = await register('quebec');
    await w.desk.deny(denied.id, officer, 'manifestly unfounded');
    const extended = await register('gdpr');
    await w.desk.extend(extended.id, agent, 'many archives to search');
    const cancelled = await register('gdpr');
    await w.desk.cancel(cancelled.id, agent, 'asked twice');

    await sendAll();
    const pass = everySent;
    const one = async (requestId: string, template: string) => {
      const found = (await mailOf(requestId, pass)).filter((m) => m.row.template === template);
      expect(found).toHaveLength(1);
      expect(found[0]!.row.status).toBe('sent');
      return found[0]!.mail;
    };
    const proof = await one(erasure.id, 'proof-needed');
    expect(proof.subject).toBe(`We need more proof of your identity (${erasure.id})`);
    expect(proof.text).toContain('Why: the address does not match the account holder');
    const blocked = await one(closure.id, 'closure-blocked');
    expect(blocked.headers['Content-Language']).toBe('fr');
    expect(blocked.text).toContain('- Toutes vos factures doivent être réglées\u00a0: au moins une reste impayée.');
    expect(blocked.text).not.toContain('no-unpaid-invoice');
    expect(blocked.text).not.toContain('Every invoice');
    const denial = await one(denied.id, 'denied');
    expect(denial.text).toContain(`We cannot grant your request for access to your personal data (reference ${denied.id}).`);
    expect(denial.text).toContain('Why: manifestly unfounded');
    const extension = await one(extended.id, 'extended');
    expect(extension.text).toContain('the time to answer is extended by 2 months, until 23 February 2027.');
    const cancel = await one(cancelled.id, 'cancelled');
    expect(cancel.subject).toBe(`Your request has been cancelled (${cancelled.id})`);
    expect(cancel.text).toContain('has been cancelled: nothing more will be done about it.');
  }, 60_000);

  it('leaves no queued message, and no outbox row holding a code or a download token', async () => {
    expect(await w.store.outbox.queued(10_000)).toEqual([]);
    const rows = await allRows();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    for (const row of rows) {
      expect(row.params).not.toHaveProperty('code');
      expect(row.params).not.toHaveProperty('downloadUrl');
      expect(JSON.stringify(row.params)).not.toMatch(/\/download\/|\b\d{6}\b/);
    }
    // What the person received did hold them: the check above is not vacuous.
    expect(sent.some((m) => /\/download\/[\w-]{43}/.test(m.text))).toBe(true);
    expect(sent.filter((m) => /: \d{6}\n/.test(m.text.replace(/\u00a0/g, ' '))).length).toBeGreaterThanOrEqual(2);
  });
});

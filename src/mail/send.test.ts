// sendQueued over the store's outbox: sent, kept offline, retried then failed, and one failure never stopping the next.
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { CustosError } from '../errors.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { messageParams } from './params.js';
import { sendQueued } from './send.js';
import { smtpTransport } from './smtp.js';
import { nodemailerTransport, outboxOnly, type MailTransport, type OutgoingMail } from './transport.js';

const RENDER = { organizationName: 'Example Hosting', privacyCenterUrl: 'https://privacy.example.test' };
const FROM = 'Example Privacy <privacy@example.test>';
const NOW = new Date('2028-02-10T09:00:00Z');
const clock = fixedClock(NOW);

let store: Store;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

const received = messageParams('received', { requestId: 'req_s1', kind: 'access', receivedOn: '2028-02-10', dueDate: '2028-03-11' });
let seq = 0;
const enqueue = (id: string, params: Record<string, string> = received, template = 'received', language = 'en') =>
  store.outbox.enqueue({
    id,
    requestId: 'req_s1',
    to: `person${id}@example.test`,
    template,
    language,
    params,
    queuedAt: new Date(NOW.getTime() + seq++ * 1000),
  });

/** nodemailer's JSON transport behind our adapter: what would go on the wire, as data. */
function jsonTransport(fail: (mail: OutgoingMail) => Error | undefined | Promise<undefined> = () => undefined) {
  const sent: Record<string, unknown>[] = [];
  const mailer = nodemailer.createTransport({ jsonTransport: true });
  const transport: MailTransport = nodemailerTransport(
    {
      async sendMail(options) {
        const error = await fail({ id: /<(.*)\.custos@/.exec(options.messageId)![1]!, ...options } as unknown as OutgoingMail);
        if (error) throw error;
        const info = await mailer.sendMail(options);
        sent.push(JSON.parse(info.message as string) as Record<string, unknown>);
        return info;
      },
      close: () => mailer.close(),
    },
    { from: FROM, describe: 'json' },
  );
  return { transport, sent };
}

describe('sendQueued', () => {
  it('sends each queued message once, rendered in its language, and marks it sent', async () => {
    await enqueue('m1');
    await enqueue('m2', received, 'received', 'fr-CA');
    const { transport, sent } = jsonTransport();
    const results = await sendQueued({ outbox: store.outbox, transport, render: RENDER, clock });
    expect(results).toEqual([
      { id: 'm1', template: 'received', status: 'sent', attempts: 1 },
      { id: 'm2', template: 'received', status: 'sent', attempts: 1 },
    ]);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({
      from: { address: 'privacy@example.test', name: 'Example Privacy' },
      to: [{ address: 'personm1@example.test' }],
      subject: 'We have received your request (req_s1)',
      messageId: '<m1.custos@example.test>',
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': 'en' },
    });
    expect(sent[0]!['text']).toContain('We will answer by 11 March 2028 at the latest.');
    expect(sent[0]!['html']).toContain('<html lang="en">');
    expect(sent[1]!['text']).toContain('votre demande d’accès à vos renseignements personnels');
    expect(await store.outbox.get('m1')).toMatchObject({ status: 'sent', attempts: 1, sentAt: NOW });
    expect(await store.outbox.queued(10)).toEqual([]);
    // A second pass finds nothing left to send.
    expect(await sendQueued({ outbox: store.outbox, transport, render: RENDER, clock })).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  it('keeps every message queued and readable in the outbox when no SMTP is configured', async () => {
    const code = messageParams('verification-code', { requestId: 'req_s1', code: 'K7Q2ZX', validMinutes: 15 });
    await enqueue('m1', code, 'verification-code');
    const results = await sendQueued({ outbox: store.outbox, transport: outboxOnly, render: RENDER, clock });
    expect(results).toEqual([{ id: 'm1', template: 'verification-code', status: 'kept', attempts: 0 }]);
    const [kept] = await store.outbox.queued(10);
    expect(kept).toMatchObject({ id: 'm1', status: 'queued', attempts: 0, params: { code: 'K7Q2ZX' } });
  });

  it('goes on with the next message when one fails, and retries the failed one until its attempts are spent', async () => {
    await enqueue('m1');
    await enqueue('m2');
    await enqueue('m3');
    const down = jsonTransport((mail) => (mail.id === 'm2' ? new Error('451 try again later') : undefined));
    const first = await sendQueued({ outbox: store.outbox, transport: down.transport, render: RENDER, clock, maxAttempts: 2 });
    expect(first.map((r) => [r.id, r.status, r.attempts])).toEqual([
      ['m1', 'sent', 1],
      ['m2', 'retrying', 1],
      ['m3', 'sent', 1],
    ]);
    expect(first[1]!.error).toBe('451 try again later');
    expect(down.sent.map((m) => (m['to'] as { address: string }[])[0]!.address)).toEqual([
      'personm1@example.test',
      'personm3@example.test',
    ]);
    expect(await store.outbox.get('m2')).toMatchObject({ status: 'queued', attempts: 1 });

    const second = await sendQueued({ outbox: store.outbox, transport: down.transport, render: RENDER, clock, maxAttempts: 2 });
    expect(second).toEqual([{ id: 'm2', template: 'received', status: 'failed', attempts: 2, error: '451 try again later' }]);
    expect(await store.outbox.get('m2')).toMatchObject({ status: 'failed', attempts: 2 });
    expect(await sendQueued({ outbox: store.outbox, transport: down.transport, render: RENDER, clock })).toEqual([]);
  });

  it('fails a message whose params no attempt can fix at once, naming the template and field, and sends the others', async () => {
    await enqueue('m1', { requestId: 'req_s1', kind: 'access', receivedOn: '2028-02-10' });
    await enqueue('m2');
    const { transport, sent } = jsonTransport();
    const results = await sendQueued({ outbox: store.outbox, transport, render: RENDER, clock });
    expect(results).toEqual([
      { id: 'm1', template: 'received', status: 'failed', attempts: 1, error: 'mail template "received": param dueDate is required' },
      { id: 'm2', template: 'received', status: 'sent', attempts: 1 },
    ]);
    expect(sent).toHaveLength(1);
    expect(await store.outbox.get('m1')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('fails at once a message a server refuses for good (a 5xx to the envelope)', async () => {
    await enqueue('m1');
    const refused = new CustosError({
      code: 'store-error',
      message: 'SMTP server mx:25 did not accept the message (EENVELOPE, 550)',
      details: { permanent: true },
    });
    const { transport } = jsonTransport(() => refused);
    const [result] = await sendQueued({ outbox: store.outbox, transport, render: RENDER, clock, maxAttempts: 5 });
    expect(result).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('keeps addresses out of the results, even when the server quotes one', async () => {
    await enqueue('m1');
    const { transport } = jsonTransport(() => new Error('550 5.1.1 <personm1@example.test>: user unknown\nat stack'));
    const [result] = await sendQueued({ outbox: store.outbox, transport, render: RENDER, clock });
    expect(result!.error).toBe('550 5.1.1 <[address]>: user unknown');
    expect(JSON.stringify(result)).not.toContain('example.test');
  });

  it('reports a message another process marked first as skipped', async () => {
    await enqueue('m1');
    const { transport } = jsonTransport(async (mail) => {
      await store.outbox.markSent(mail.id, NOW);
      return undefined;
    });
    const [result] = await sendQueued({ outbox: store.outbox, transport, render: RENDER, clock });
    expect(result).toEqual({ id: 'm1', template: 'received', status: 'skipped', attempts: 0 });
  });

  it('takes at most `limit` messages, the oldest first', async () => {
    for (const id of ['m1', 'm2', 'm3']) await enqueue(id);
    const { transport } = jsonTransport();
    expect((await sendQueued({ outbox: store.outbox, transport, render: RENDER, clock, limit: 2 })).map((r) => r.id)).toEqual(['m1', 'm2']);
    await expect(sendQueued({ outbox: store.outbox, transport, render: RENDER, clock, limit: 0 })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'sendQueued limit must be a whole number from 1 to 10000',
    });
  });

  it('counts a refused SMTP connection as a failed attempt naming host:port, never the password', async () => {
    await enqueue('m1');
    await enqueue('m2');
    const transport = smtpTransport({
      host: '127.0.0.1',
      port: 1,
      user: 'desk',
      password: 'hunter2-not-a-real-one',
      from: FROM,
      timeoutMs: 2000,
    });
    expect(transport.describe).toBe('smtp://127.0.0.1:1');
    const results = await sendQueued({ outbox: store.outbox, transport, render: RENDER, clock });
    await transport.close();
    expect(results.map((r) => r.status)).toEqual(['retrying', 'retrying']);
    expect(results[0]!.error).toBe(
      'SMTP server 127.0.0.1:1 could not be reached (ECONNREFUSED): check CUSTOS_SMTP_URL or CUSTOS_SMTP_HOST/PORT and that the server is up',
    );
    expect(JSON.stringify(results)).not.toMatch(/hunter2|desk|person/);
    expect(await store.outbox.get('m1')).toMatchObject({ status: 'queued', attempts: 1 });
  });
});

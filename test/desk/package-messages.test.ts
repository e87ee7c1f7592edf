// K6.3 on nimbus-cloud: a person's access package holds the messages the desk sent or queued for them about all their
// requests (a code, an extension, a completion), each as text in its own language, codes and links shown as a marker;
// no code or link ever, and no other person's message.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCustomer, nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { messageParams, sendQueued, type MailTransport, type OutgoingMail } from '../../src/mail/index.js';
import { readZip } from '../../src/rights/package/package.test-support.js';
import { deskWorld, eventually, type DeskWorld } from './world.js';

const CUSTOMERS = 20;
const agent = { role: 'agent', id: 'u_agent' } as const;
const IP = '198.51.100.11';
const RENDER = { organizationName: 'Nimbus Cloud', privacyCenterUrl: 'https://privacy.nimbus.example' };
const MINUTE = 60_000;

let w: DeskWorld;
beforeAll(async () => {
  w = await deskWorld('package-messages', CUSTOMERS);
}, 120_000);
afterAll(async () => w?.cleanup());

/** What an SMTP server would have received, kept as data. */
const delivered: OutgoingMail[] = [];
const capture: MailTransport = {
  delivers: true,
  describe: 'capture',
  send: async (mail) => (delivered.push(mail), {}),
  close: async () => undefined,
};

const customers = (): number[] => {
  const open: number[] = [];
  for (let n = 2; n <= CUSTOMERS && open.length < 2; n++) if (nimbusCustomer(n).closure !== 'closed') open.push(n);
  return open;
};

const settled = (id: string, status: string) =>
  eventually(async () => {
    const stored = await w.store.requests.get(id);
    return stored?.request.status === status ? stored.request : undefined;
  });

const queuedOf = async (requestId: string, template: string) => (await w.messages(requestId)).find((m) => m.template === template);

/** The package of a completed access request, downloaded with the link its (still queued) completion message holds. */
async function packageOf(requestId: string): Promise<Map<string, Buffer>> {
  const completed = await queuedOf(requestId, 'completed');
  const token = decodeURIComponent(new URL(completed!.params['downloadUrl']!).pathname.replace(/^\/download\//, ''));
  const got = await w.desk.download(token);
  const file = join(w.dir, `${requestId}.zip`);
  writeFileSync(file, await buffer(got.stream));
  return readZip(file);
}

describe('the access package’s messages (K6.3)', () => {
  it('holds the person’s messages about all their requests, without a code or a link, and nobody else’s', async () => {
    const [n, other] = customers() as [number, number];
    const email = nimbusEmail(n);
    const secrets: string[] = [];

    // A first request, in French: its code is sent (and forgotten by the outbox), then it is extended and completed.
    const first = await w.desk.submit(
      { kind: 'access', channel: 'web', jurisdiction: 'gdpr', identities: { email: [email] }, language: 'fr' },
      { ip: IP },
    );
    expect((await sendQueued({ outbox: w.store.outbox, transport: capture, render: RENDER, clock: w.clock })).map((r) => r.status)).toEqual(
      ['sent'],
    );
    const firstCode = /Code de vérification\u00a0: (\d{6})/.exec(delivered[0]!.text)![1]!;
    secrets.push(firstCode);
    w.clock.advance(MINUTE);
    await w.desk.verifyCode(first.statusToken, firstCode, IP);
    w.clock.advance(MINUTE);
    await w.desk.extend(first.id, agent, 'many archives to search');
    w.clock.advance(MINUTE);
    const worker = w.work();
    await settled(first.id, 'completed');
    const firstLink = (await queuedOf(first.id, 'completed'))!.params['downloadUrl']!;
    secrets.push(firstLink, new URL(firstLink).pathname.split('/').at(-1)!);

    // Someone else asks meanwhile; and an older message was queued to the person's address in another case.
    w.clock.advance(MINUTE);
    const stranger = await w.desk.submit(
      { kind: 'access', channel: 'web', jurisdiction: 'gdpr', identities: { email: [nimbusEmail(other)] }, language: 'en' },
      { ip: IP },
    );
    secrets.push((await queuedOf(stranger.id, 'verification-code'))!.params['code']!);
    w.clock.advance(MINUTE);
    await w.store.outbox.enqueue({
      id: 'msg-older',
      requestId: 'req-older',
      to: email.toUpperCase(),
      template: 'cancelled',
      language: 'en',
      params: messageParams('cancelled', { requestId: 'req-older', kind: 'erasure' }),
      queuedAt: w.clock.now(),
    });

    // The second request, in English: its code stays queued (no SMTP), still holding the code, when the package is made.
    w.clock.advance(MINUTE);
    const second = await w.desk.submit(
      { kind: 'access', channel: 'web', jurisdiction: 'gdpr', identities: { email: [email] }, language: 'en' },
      { ip: IP },
    );
    const secondCode = (await queuedOf(second.id, 'verification-code'))!.params['code']!;
    expect(secondCode).toMatch(/^\d{6}$/);
    secrets.push(secondCode);
    w.clock.advance(MINUTE);
    await w.desk.verifyCode(second.statusToken, secondCode, IP);
    await settled(second.id, 'completed');
    worker.stop();

    const entries = await packageOf(second.id);
    const names = [...entries.keys()].filter((name) => name.startsWith('messages/'));
    expect(names).toEqual([
      'messages/0001-verification-code.txt',
      'messages/0002-extended.txt',
      'messages/0003-completed.txt',
      'messages/0004-cancelled.txt',
      'messages/0005-verification-code.txt',
    ]);
    const text = (name: string) => entries.get(name)!.toString('utf8');

    // Each in its own language, with headers in the package's (English); codes and links as the marker.
    const code = text('messages/0001-verification-code.txt');
    expect(code).toMatch(/^Date: \d{4}-\d\d-\d\d \d\d:\d\d UTC\nStatus: sent\nSubject: Votre code de vérification pour la demande /);
    expect(code).toContain('Code de vérification\u00a0: [removed once delivered]');
    expect(text('messages/0002-extended.txt')).toContain('Status: queued, not sent yet');
    expect(text('messages/0002-extended.txt')).toContain('many archives to search');
    const done = text('messages/0003-completed.txt');
    expect(done).toContain(`Subject: Votre demande a été traitée (${first.id})`);
    expect(done).toContain('[removed once delivered]');
    expect(done).not.toContain('/download/');
    expect(text('messages/0004-cancelled.txt')).toContain('Your request has been cancelled (req-older)');
    expect(text('messages/0005-verification-code.txt')).toContain('Verification code: [removed once delivered]');

    // Counted by manifest.json and the summary page.
    const manifest = JSON.parse(text('manifest.json')) as { messages: { count: number; removed: number; files: { file: string }[] } };
    expect(manifest.messages).toMatchObject({ count: 5, removed: 3, marker: '[removed once delivered]' });
    expect(manifest.messages.files.map((f) => f.file)).toEqual(names);
    const summary = text('summary.html');
    expect(summary).toContain('5 messages we sent you about your requests');
    expect(summary).toContain('3 verification codes and download links they held are shown as [removed once delivered]');

    // No code, no link, and nothing of the other person, anywhere in the package.
    const everything = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(stranger.id);
    expect(everything).not.toContain(nimbusEmail(other));
    // The secrets were real: what was delivered did hold the first code.
    expect(delivered[0]!.text).toContain(firstCode);
  }, 90_000);
});

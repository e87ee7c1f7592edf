// The `mail.send` job on the SQLite queue: a pass over the outbox run in the background, its results handed back.
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { openSqliteJobQueue, type JobQueue } from '../jobs/index.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { mailJobs, queueMailSend } from './jobs.js';
import { messageParams } from './params.js';
import type { MailSendResult } from './send.js';
import { nodemailerTransport } from './transport.js';

let store: Store;
let queue: JobQueue;
beforeEach(() => {
  store = openSqliteStore(':memory:');
  queue = openSqliteJobQueue(':memory:', { pollIntervalMs: 10 });
});
afterEach(async () => {
  await queue.close();
  await store.close();
});

it('sends the queued messages when a mail.send job runs, one waiting job at a time', async () => {
  const params = messageParams('denied', { requestId: 'req_j1', kind: 'erasure', reason: 'Invoices are kept ten years.' });
  await store.outbox.enqueue({
    id: 'm1',
    to: 'person@example.test',
    template: 'denied',
    language: 'fr',
    params,
    queuedAt: new Date('2028-02-10T09:00:00Z'),
  });
  const mailer = nodemailer.createTransport({ jsonTransport: true });
  const sent: string[] = [];
  const transport = nodemailerTransport(
    {
      sendMail: async (options) => {
        sent.push(options.subject);
        return mailer.sendMail(options);
      },
      close: () => mailer.close(),
    },
    { from: 'privacy@example.test', describe: 'json' },
  );
  const passes: (readonly MailSendResult[])[] = [];
  const first = await queueMailSend(queue);
  expect(await queueMailSend(queue)).toBe(first);
  const stop = new AbortController();
  const work = mailJobs(
    queue,
    {
      outbox: store.outbox,
      transport,
      render: { organizationName: 'Example Hosting', privacyCenterUrl: 'https://privacy.example.test' },
      clock: fixedClock(new Date('2028-02-10T10:00:00Z')),
      onResults: (results) => passes.push(results),
    },
    { signal: stop.signal },
  );
  for (let i = 0; i < 200 && (await queue.get(first))?.state !== 'completed'; i++) await new Promise((r) => setTimeout(r, 10));
  stop.abort();
  await work;
  expect((await queue.get(first))?.state).toBe('completed');
  expect(passes).toEqual([[{ id: 'm1', template: 'denied', status: 'sent', attempts: 1 }]]);
  expect(sent).toEqual(['Nous ne pouvons pas donner suite à votre demande (req_j1)']);
  expect(await store.outbox.get('m1')).toMatchObject({ status: 'sent', sentAt: new Date('2028-02-10T10:00:00Z') });
});

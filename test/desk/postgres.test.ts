// The desk's access path on a PostgreSQL store with pg-boss: the code from the outbox, the run as a pg-boss job, one download.
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCustomer, nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { verifyChain } from '../../src/audit/index.js';
import { openPgBossJobQueue } from '../../src/jobs/index.js';
import { openPostgresStore } from '../../src/store/index.js';
import { dropPostgresSchemas, serviceUrl } from '../services.js';
import { deskWorld, eventually, type DeskWorld } from './world.js';

const url = serviceUrl('postgres');
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

const dropSchemas = (...schemas: string[]) => dropPostgresSchemas(url!, ...schemas);

describe.skipIf(!url)('the request desk on PostgreSQL and pg-boss', () => {
  let w: DeskWorld;
  beforeAll(async () => {
    w = await deskWorld('pg', 20, {}, async () => {
      const store = openPostgresStore(url!, { schema: `custos_desk_${suffix}` });
      await store.ready();
      const jobs = await openPgBossJobQueue(url!, { schema: `custos_desk_jobs_${suffix}`, pollIntervalMs: 500, closeTimeoutMs: 5000 });
      return { store, jobs, dispose: () => dropSchemas(`custos_desk_${suffix}`, `custos_desk_jobs_${suffix}`) };
    });
  }, 120_000);
  afterAll(async () => w?.cleanup());

  it('verifies an access request by its code, runs it as a job and hands the package over once', async () => {
    let n = 2;
    while (nimbusCustomer(n).closure === 'closed') n++;
    const worker = w.work();
    const { id, statusToken } = await w.desk.submit(
      { kind: 'access', channel: 'web', jurisdiction: 'quebec', identities: { email: [nimbusEmail(n)] }, language: 'fr' },
      { ip: '198.51.100.9' },
    );
    const code = (await w.messages(id)).find((m) => m.template === 'verification-code')!.params['code']!;
    await w.desk.verifyCode(statusToken, code, '198.51.100.9');
    // The request's end and the message that answers it are one write: the message is there once the request is completed.
    const answer = await eventually(async () => (await w.messages(id)).find((m) => m.template === 'completed'), 60_000);
    worker.stop();
    const status = await w.desk.statusFor(statusToken);
    expect(status).toMatchObject({ status: 'completed', due: '2026-12-23', next: 'see-answer' });
    const link = answer.params['downloadUrl']!;
    const token = decodeURIComponent(new URL(link).pathname.replace(/^\/download\//, ''));
    const got = await w.desk.download(token);
    expect((await buffer(got.stream)).subarray(0, 2).toString('latin1')).toBe('PK');
    await expect(w.desk.download(token)).rejects.toMatchObject({ code: 'not-found' });
    expect((await verifyChain(w.store.audit)).ok).toBe(true);
  }, 90_000);
});

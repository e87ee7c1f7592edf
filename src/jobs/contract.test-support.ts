// The suite every JobQueue passes against real storage: runs, retries, singletons, cancel, close, two processes, SIGKILL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueueOptions } from './options.js';
import type { JobContext, JobQueue } from './queue.js';

export interface JobsStorage {
  /** A queue on this storage, as one process opens it; closed by `dispose` if still open. */
  open(options?: JobQueueOptions): Promise<JobQueue>;
  /** The location and schema a child process opens (`openJobQueue(location, { schema })`). */
  readonly location: string;
  readonly schema: string;
  dispose(): Promise<void>;
}

export interface JobsHarness {
  /** Fresh, empty storage of its own (a SQLite file, a PostgreSQL schema). */
  fresh(): Promise<JobsStorage>;
}

const FAST = { pollIntervalMs: 500, closeTimeoutMs: 5000 } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(100);
  }
}

export function describeJobQueueContract(name: string, harness: () => Promise<JobsHarness>): void {
  describe(`${name} job queue contract`, () => {
    let h: JobsHarness;
    let storage: JobsStorage | undefined;
    beforeAll(async () => {
      h = await harness();
    });
    afterEach(async () => {
      await storage?.dispose();
      storage = undefined;
    });
    const fresh = async (options: JobQueueOptions = {}) => {
      storage = await h.fresh();
      return { storage, queue: await storage.open({ ...FAST, ...options }) };
    };
    const settled = (queue: JobQueue, id: string) =>
      eventually(async () => {
        const job = await queue.get(id);
        return job && ['completed', 'failed', 'cancelled'].includes(job.state) ? job : undefined;
      });

    it('runs a job once with its payload and reports it completed after one attempt', async () => {
      const { queue } = await fresh();
      const seen: Omit<JobContext, 'signal'>[] = [];
      const id = await queue.send('request.run', { requestId: 'req_1', runs: ['run_1', 'run_2'], dryRun: false });
      expect(await queue.get(id)).toMatchObject({ id, name: 'request.run', state: 'queued', attempts: 0 });
      await queue.work('request.run', async ({ signal: _signal, ...job }) => void seen.push(job));
      const done = await settled(queue, id);
      expect(done).toEqual({ id, name: 'request.run', state: 'completed', attempts: 1, runAt: done.runAt });
      expect(seen).toEqual([
        { id, name: 'request.run', payload: { requestId: 'req_1', runs: ['run_1', 'run_2'], dryRun: false }, attempt: 1 },
      ]);
    });

    it('retries a failing job until its limit, then keeps it failed with the message and no stack', async () => {
      const { queue } = await fresh();
      const attempts: number[] = [];
      const id = await queue.send('mail.send', { messageId: 'msg_1' }, { retryLimit: 2, retryDelay: 0, retryBackoff: false });
      await queue.work('mail.send', async (job) => {
        attempts.push(job.attempt);
        throw new Error(`smtp refused message msg_1 on attempt ${job.attempt}\n    at send (mail.ts:1:1)`);
      });
      const done = await settled(queue, id);
      expect(attempts).toEqual([1, 2, 3]);
      expect(done).toMatchObject({ state: 'failed', attempts: 3, lastError: 'smtp refused message msg_1 on attempt 3' });
      expect(done.lastError).not.toContain(' at ');
    });

    it('waits longer before each retry with backoff, and completes once a retry succeeds', async () => {
      const { queue } = await fresh();
      const id = await queue.send('retention.sweep', { sweepId: 'sw_1' }, { retryLimit: 3, retryDelay: 1, retryBackoff: true });
      let failedAt = 0;
      await queue.work('retention.sweep', async (job) => {
        if (job.attempt === 1) {
          failedAt = Date.now();
          throw new Error('store busy');
        }
      });
      const retrying = await eventually(async () => {
        const job = await queue.get(id);
        return job?.state === 'retrying' ? job : undefined;
      });
      // First retry: between the delay and twice the delay (jitter).
      const wait = retrying.runAt.getTime() - failedAt;
      expect(wait).toBeGreaterThan(700);
      expect(wait).toBeLessThan(2500);
      expect(retrying).toMatchObject({ attempts: 1, lastError: 'store busy' });
      const done = await settled(queue, id);
      expect(done).toMatchObject({ state: 'completed', attempts: 2 });
      expect(done.lastError).toBeUndefined();
    });

    it('keeps one waiting job per singleton key, and queues another once the first has started', async () => {
      const { queue } = await fresh();
      const first = await queue.send('request.run', { requestId: 'req_1' }, { singletonKey: 'req_1' });
      expect(await queue.send('request.run', { requestId: 'req_1' }, { singletonKey: 'req_1' })).toBe(first);
      const other = await queue.send('request.run', { requestId: 'req_2' }, { singletonKey: 'req_2' });
      expect(other).not.toBe(first);
      let release!: () => void;
      const started: string[] = [];
      await queue.work('request.run', async (job) => {
        started.push(job.id);
        if (job.id === first) await new Promise<void>((resolve) => (release = resolve));
      });
      await eventually(async () => (started.includes(first) ? true : undefined));
      const second = await queue.send('request.run', { requestId: 'req_1' }, { singletonKey: 'req_1' });
      expect(second).not.toBe(first);
      release();
      expect((await settled(queue, second)).state).toBe('completed');
      expect(started.filter((id) => id === first)).toHaveLength(1);
    });

    it('does not run a job before its startAfter', async () => {
      const { queue } = await fresh();
      const startAfter = new Date(Date.now() + 1500);
      const id = await queue.send('retention.sweep', { sweepId: 'sw_2' }, { startAfter });
      let ranAt = 0;
      await queue.work('retention.sweep', async () => void (ranAt = Date.now()));
      expect((await queue.get(id))?.runAt.getTime()).toBe(startAfter.getTime());
      await settled(queue, id);
      expect(ranAt).toBeGreaterThanOrEqual(startAfter.getTime() - 50);
    });

    it('cancels a waiting job, which then never runs; unknown and final jobs are not cancelled', async () => {
      const { queue } = await fresh();
      const id = await queue.send('mail.send', { messageId: 'msg_2' }, { startAfter: new Date(Date.now() + 1000) });
      expect(await queue.cancel(id)).toBe(true);
      expect(await queue.cancel(id)).toBe(false);
      expect(await queue.cancel('00000000-0000-4000-8000-000000000000')).toBe(false);
      expect(await queue.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      expect(await queue.get('not-a-job')).toBeUndefined();
      let ran = false;
      await queue.work('mail.send', async () => void (ran = true));
      await sleep(2000);
      expect(ran).toBe(false);
      expect(await queue.get(id)).toMatchObject({ state: 'cancelled' });
    });

    it('refuses a payload that is not ids, naming the field and never repeating the value', async () => {
      const { queue } = await fresh();
      const refusal = await queue.send('mail.send', { to: 'ada@example.com' }).catch((e: unknown) => e);
      expect(refusal).toMatchObject({ code: 'invalid-input' });
      expect((refusal as Error).message).toContain('job payload to is not an id');
      expect((refusal as Error).message).not.toContain('ada@');
      await expect(queue.send('mail.send', { note: 'Ada Lovelace' })).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(queue.send('nope' as 'mail.send', { messageId: 'm' })).rejects.toMatchObject({ code: 'invalid-input' });
    });

    it('on close waits for a running handler, then refuses use', async () => {
      const { queue } = await fresh();
      const id = await queue.send('request.run', { requestId: 'req_3' });
      let started = false;
      await queue.work('request.run', async () => {
        started = true;
        await sleep(400);
      });
      await eventually(async () => (started ? true : undefined));
      await queue.close();
      await expect(queue.send('request.run', { requestId: 'req_4' })).rejects.toMatchObject({ code: 'closed' });
      await expect(queue.get(id)).rejects.toMatchObject({ code: 'closed' });
      const again = await storage!.open(FAST);
      expect(await again.get(id)).toMatchObject({ state: 'completed', attempts: 1 });
    });

    it('two processes working one queue never run a job twice over 200 jobs', async () => {
      const { storage: s, queue } = await fresh();
      const other = await s.open(FAST);
      const ids = new Set<string>();
      for (let i = 0; i < 200; i++) ids.add(await queue.send('request.run', { requestId: `req_${i}` }));
      const runs = [new Map<string, number>(), new Map<string, number>()] as const;
      const handler = (seen: Map<string, number>) => async (job: JobContext) => {
        seen.set(job.id, (seen.get(job.id) ?? 0) + 1);
        await sleep(5);
      };
      await queue.work('request.run', handler(runs[0]), { concurrency: 4 });
      await other.work('request.run', handler(runs[1]), { concurrency: 4 });
      await eventually(async () => (runs[0].size + runs[1].size >= 200 ? true : undefined), 60_000);
      await sleep(1000);
      const all = [...runs[0], ...runs[1]];
      expect(all).toHaveLength(200);
      expect(all.every(([, n]) => n === 1)).toBe(true);
      expect(new Set(all.map(([id]) => id))).toEqual(ids);
      expect(runs[0].size).toBeGreaterThan(0);
      expect(runs[1].size).toBeGreaterThan(0);
      for (const id of [...ids].slice(0, 20)) expect(await queue.get(id)).toMatchObject({ state: 'completed', attempts: 1 });
    }, 90_000);

    it('retries a job whose worker process was killed, and completes it exactly once elsewhere', async () => {
      const { storage: s, queue } = await fresh();
      const id = await queue.send(
        'request.run',
        { requestId: 'req_9' },
        { expireInSeconds: 2, retryLimit: 2, retryDelay: 0, retryBackoff: false },
      );
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'stuck-worker.test-support.ts'), s.location, s.schema],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      try {
        await eventually(async () => (out.includes(`started ${id} 1`) ? true : undefined));
        expect(await queue.get(id)).toMatchObject({ state: 'running', attempts: 1 });
      } finally {
        child.kill('SIGKILL');
      }
      expect(await exited).toBeNull();
      const attempts: number[] = [];
      await queue.work('request.run', async (job) => void attempts.push(job.attempt));
      const done = await settled(queue, id);
      await sleep(1000);
      expect(attempts).toEqual([2]);
      expect(done).toMatchObject({ state: 'completed', attempts: 2 });
    }, 60_000);
  });
}

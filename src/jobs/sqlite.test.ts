// The SQLite job queue against the contract, each queue in a temporary file; the killed worker is a separate process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeJobQueueContract, eventually } from './contract.test-support.js';
import type { JobQueue } from './queue.js';
import { openSqliteJobQueue } from './sqlite.js';

describeJobQueueContract('sqlite', async () => ({
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'custos-jobs-'));
    const file = join(dir, 'jobs.db');
    const opened: JobQueue[] = [];
    return {
      location: file,
      schema: '',
      async open(options) {
        const queue = openSqliteJobQueue(file, options);
        opened.push(queue);
        return queue;
      },
      async dispose() {
        await Promise.all(opened.map((q) => q.close()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
}));

describe('sqlite job queue', () => {
  it('lives beside other tables in a database it is given, migrates it once and leaves it open on close', async () => {
    const db = new Database(':memory:');
    const first = openSqliteJobQueue(db, { pollIntervalMs: 20 });
    const id = await first.send('mail.send', { messageId: 'msg_1' });
    await first.close();
    const again = openSqliteJobQueue(db, { pollIntervalMs: 20 });
    await again.work('mail.send', async () => undefined);
    expect(await eventually(async () => ((await again.get(id))?.state === 'completed' ? true : undefined))).toBe(true);
    await again.close();
    expect(db.prepare('SELECT count(*) AS n FROM jobs_migrations').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT state, locked_by FROM jobs WHERE id = ?').get(id)).toEqual({ state: 'completed', locked_by: null });
    db.close();
  });

  it('aborts a handler at its expiry and leaves the job to be retried, not completed by the late handler', async () => {
    const db = new Database(':memory:');
    const queue = openSqliteJobQueue(db, { pollIntervalMs: 20 });
    const id = await queue.send(
      'request.run',
      { requestId: 'req_1' },
      { expireInSeconds: 1, retryLimit: 1, retryDelay: 0, retryBackoff: false },
    );
    const reasons: string[] = [];
    await queue.work('request.run', async (job) => {
      if (job.attempt > 1) return;
      await new Promise((resolve) => job.signal.addEventListener('abort', resolve));
      reasons.push(String((job.signal.reason as Error).message));
    });
    const done = await eventually(async () => {
      const job = await queue.get(id);
      return job?.state === 'completed' ? job : undefined;
    });
    expect(reasons).toEqual(['the request.run job ran past its expiry (1 s)']);
    expect(done).toMatchObject({ attempts: 2 });
    await queue.close();
    db.close();
  });
});

// openJobQueue picks the backend by location, as openStore does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { serviceUrl } from '../../test/services.js';
import { openJobQueue } from './open.js';

describe('openJobQueue', () => {
  it('opens a SQLite file named with or without sqlite:, creating the jobs table there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-jobs-open-'));
    try {
      const queue = await openJobQueue(`sqlite:${join(dir, 'custos.db')}`);
      const id = await queue.send('retention.sweep', { sweepId: 'sw_1' });
      await queue.close();
      const db = new Database(join(dir, 'custos.db'));
      expect(db.prepare('SELECT name, state FROM jobs WHERE id = ?').get(id)).toEqual({ name: 'retention.sweep', state: 'queued' });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const url = serviceUrl('postgres');
  it.skipIf(!url)('opens pg-boss for a postgres:// URL, in the schema given', async () => {
    const schema = `custos_jobs_open_${process.pid}`;
    const queue = await openJobQueue(url!, { schema });
    try {
      const id = await queue.send('mail.send', { messageId: 'msg_1' });
      expect(await queue.get(id)).toMatchObject({ name: 'mail.send', state: 'queued', attempts: 0 });
    } finally {
      await queue.close();
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});

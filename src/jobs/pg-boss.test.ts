// The pg-boss job queue against the contract, each test in a schema of its own; a second process is a second pg-boss.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { serviceUrl } from '../../test/services.js';
import { describeJobQueueContract } from './contract.test-support.js';
import { openPgBossJobQueue } from './pg-boss.js';
import type { JobQueue } from './queue.js';

const url = serviceUrl('postgres');
const schemaName = () => `custos_jobs_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

describe.skipIf(!url)('pg-boss job queue', () => {
  describeJobQueueContract('postgres', async () => ({
    async fresh() {
      const schema = schemaName();
      const opened: JobQueue[] = [];
      return {
        location: url!,
        schema,
        async open(options) {
          // Maintenance every second, so a killed worker's job is retried soon after its short expiry.
          const queue = await openPgBossJobQueue(url!, { ...options, schema, maintenanceIntervalSeconds: 1 });
          opened.push(queue);
          return queue;
        },
        async dispose() {
          await Promise.all(opened.map((q) => q.close()));
          await dropSchema(schema);
        },
      };
    },
  }));

  it('refuses a schema name that is not a plain identifier, before connecting', async () => {
    await expect(openPgBossJobQueue(url!, { schema: 'x"; drop table y; --' })).rejects.toMatchObject({
      code: 'config',
      message: 'job queue schema "x\\"; drop table y; --" is not a plain lower-case identifier (letters, digits, _)',
    });
  });

  it('refuses a polling interval pg-boss cannot keep', async () => {
    await expect(openPgBossJobQueue(url!, { schema: schemaName(), pollIntervalMs: 100 })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'job queue pollIntervalMs must be a whole number from 500 to 3600000; got 100',
    });
  });
});

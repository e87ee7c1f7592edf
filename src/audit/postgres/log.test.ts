// The PostgreSQL audit log against the contract, each log in a schema of its own; concurrent appenders are separate pools.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { serviceUrl } from '../../../test/services.js';
import { describeAuditLogContract, testEntry } from '../contract.test-support.js';
import { verifyChain } from '../verify.js';
import { openPostgresAuditLog } from './log.js';
import { quote } from './migrations.js';

const url = serviceUrl('postgres');
const schemaName = () => `custos_audit_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!url)('postgres audit log', () => {
  describeAuditLogContract('postgres', async () => ({
    async fresh(clock) {
      const schema = schemaName();
      const log = await openPostgresAuditLog(url!, { schema, clock });
      const sql = (statement: string) =>
        withClient((c) => c.query(`SET search_path TO ${quote(schema)}; ${statement}`)).then(() => undefined);
      return {
        log,
        sql,
        dropGuards: () => sql('ALTER TABLE audit_log DISABLE TRIGGER USER'),
        async appendConcurrently(appenders, each) {
          await Promise.all(
            Array.from({ length: appenders }, async (_, i) => {
              // A pool of its own: another process's connection, as far as the server can tell.
              const other = await openPostgresAuditLog(url!, { schema, clock });
              try {
                for (let n = 0; n < each; n++)
                  await other.append({ actor: { kind: 'system', id: `appender-${i}` }, action: 'retention.swept', details: { rows: n } });
              } finally {
                await other.close();
              }
            }),
          );
        },
        async dispose() {
          await log.close();
          await withClient((c) => c.query(`DROP SCHEMA ${quote(schema)} CASCADE`));
        },
      };
    },
  }));

  it('migrates a schema once when several processes open it at the same time', async () => {
    const schema = schemaName();
    try {
      const logs = await Promise.all([1, 2, 3].map(() => openPostgresAuditLog(url!, { schema })));
      await logs[0]!.append(testEntry(1));
      expect(await verifyChain(logs[2]!)).toMatchObject({ ok: true, entries: 1 });
      const applied = await withClient((c) => c.query(`SELECT count(*)::int AS n FROM ${quote(schema)}.audit_migrations`));
      expect(applied.rows).toEqual([{ n: 1 }]);
      await Promise.all(logs.map((l) => l.close()));
    } finally {
      await withClient((c) => c.query(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`));
    }
  });

  it('refuses a schema name that is not a plain identifier, and TRUNCATE of the log', async () => {
    await expect(openPostgresAuditLog(url!, { schema: 'x"; drop table y; --' })).rejects.toMatchObject({
      code: 'config',
      message: 'audit log schema "x\\"; drop table y; --" is not a plain identifier: use letters, digits and _ (e.g. custos)',
    });
    const schema = schemaName();
    const log = await openPostgresAuditLog(url!, { schema });
    try {
      await expect(withClient((c) => c.query(`TRUNCATE ${quote(schema)}.audit_log`))).rejects.toThrow(/append-only/);
    } finally {
      await log.close();
      await withClient((c) => c.query(`DROP SCHEMA ${quote(schema)} CASCADE`));
    }
  });

  it('reports a server it cannot reach as store-unavailable', async () => {
    await expect(openPostgresAuditLog('postgres://postgres@127.0.0.1:1/none', { schema: schemaName() })).rejects.toMatchObject({
      code: 'store-unavailable',
      message: expect.stringMatching(/^could not migrate the audit log: /),
    });
  });
});

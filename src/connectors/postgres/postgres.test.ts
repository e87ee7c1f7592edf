// PostgreSQL against the connector contract, in a schema of its own, plus what only PostgreSQL shows (types, schema, ANY).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrl } from '../../../test/services.js';
import type { Connector } from '../connector.js';
import { collect, describeConnectorContract } from '../contract.test-support.js';
import { SQL_CAPABILITIES } from '../sql/index.js';
import { openConnector } from '../open.js';
import { bulkPerson, collectionModel, PEOPLE_FIELDS, uniqueName, type Person } from '../testing.test-support.js';

const url = serviceUrl('postgres');

const PEOPLE_DDL = (schema: string) => `
  create table "${schema}".people (id bigint primary key, email text not null, status text not null, "order" integer, "group" text, note text);
  create table "${schema}".orders (id serial primary key, person_id bigint references "${schema}".people(id) on delete cascade, total numeric);`;

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function insertSql(schema: string, rows: readonly Person[]): [string, unknown[]] {
  const values = rows.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`);
  const params = rows.flatMap((row) => [row.id, row.email, row.status, row.order, row.group, row.note]);
  return [`insert into "${schema}".people (id, email, status, "order", "group", note) values ${values.join(', ')}`, params];
}

function datasetOf(schema: string) {
  return { id: 'crm', store: { kind: 'postgres' as const, url: { env: 'CRM_DATABASE_URL' }, schema }, collections: new Map() };
}

describe.skipIf(!url)('postgres', () => {
  const schema = uniqueName('pg');
  const env = { CRM_DATABASE_URL: url };

  describeConnectorContract('postgres', SQL_CAPABILITIES, async () => {
    await withClient((client) => client.query(`create schema "${schema}"; ${PEOPLE_DDL(schema)}`));
    return {
      people: collectionModel({ dataset: 'crm', name: 'people', fields: PEOPLE_FIELDS, primaryKey: ['id'] }),
      open: () => openConnector(datasetOf(schema), { env }),
      reset: (rows) =>
        withClient(async (client) => {
          await client.query(`truncate "${schema}".people cascade`);
          if (rows.length > 0) await client.query(...insertSql(schema, rows));
        }),
      seedBulk: (count) =>
        withClient(async (client) => {
          const sample = bulkPerson(0);
          await client.query(
            `insert into "${schema}".people (id, email, status, "order", "group", note)
             select 1000 + i, 'bulk' || (1000 + i) || '@example.test', 'bulk', 1000 + i, 'z', $1 from generate_series(0, $2 - 1) i`,
            [sample.note, count],
          );
        }),
      isPeople: (collection) => collection.name === 'people',
      dispose: () => withClient((client) => client.query(`drop schema "${schema}" cascade`)).then(() => undefined),
    };
  });

  describe('postgres connector', () => {
    const kindsSchema = uniqueName('pgkinds');
    let connector: Connector;
    const kinds = collectionModel({
      name: 'kinds',
      fields: ['id', 'big', 'day', 'doc', 'at', 'bytes', 'flag', 'tags'],
      primaryKey: ['id'],
    });

    beforeAll(async () => {
      await withClient((client) =>
        client.query(`create schema "${kindsSchema}"; ${PEOPLE_DDL(kindsSchema)};
          create table "${kindsSchema}".kinds (id int primary key, big bigint, day date, doc jsonb, at timestamp, bytes bytea, flag boolean, tags text[]);
          insert into "${kindsSchema}".kinds values
            (1, 9007199254740993, '2024-02-29', '{"a": [1, 2]}', '2024-01-02 03:04:05.678', '\\x0102', true, '{x,y}'),
            (2, 42, null, null, null, null, false, null);`),
      );
      connector = await openConnector(datasetOf(kindsSchema), { env });
    });
    afterAll(async () => {
      await connector?.close();
      await withClient((client) => client.query(`drop schema "${kindsSchema}" cascade`));
    });

    it('returns plain Values: bigint beyond 2^53, dates as text, JSON as text, UTC timestamps, bytes', async () => {
      const rows = await collect(connector.find({ collection: kinds, where: { id: [1, 2] } }));
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(1)).toEqual({
        id: 1,
        big: 9007199254740993n,
        day: '2024-02-29',
        doc: '{"a": [1, 2]}',
        at: new Date('2024-01-02T03:04:05.678Z'),
        bytes: Buffer.from([1, 2]),
        flag: true,
        tags: '["x","y"]',
      });
      expect(byId.get(2)?.big).toBe(42);
      expect(await connector.count({ collection: kinds, where: { big: [9007199254740993n], flag: [true] } })).toBe(1);
    });

    it('takes an IN-list of 100,000 values in one statement', async () => {
      const ids = Array.from({ length: 100_000 }, (_, i) => i);
      expect(await connector.count({ collection: kinds, where: { id: ids } })).toBe(2);
    });

    it('refuses another operation while a find is open in the same transaction, instead of waiting forever', async () => {
      const failing = connector.transaction(async (session) => {
        for await (const _row of session.find({ collection: kinds, where: { id: [1, 2] } }, { batchSize: 1 })) {
          await session.count({ collection: kinds, where: {} });
        }
      });
      await expect(failing).rejects.toMatchObject({ code: 'conflict' });
      expect(await connector.count({ collection: kinds, where: {} })).toBe(2);
    });

    it('names an unknown table without leaking values', async () => {
      const missing = collectionModel({ name: 'missing', fields: ['id'] });
      await expect(connector.count({ collection: missing, where: { id: ['secret-value'] } })).rejects.toMatchObject({
        code: 'store-error',
        message: expect.stringMatching(/relation "[^"]*missing" does not exist/),
      });
    });

    it('reports a down server as unavailable, naming the dataset and not the password', async () => {
      const dataset = {
        id: 'crm',
        store: { kind: 'postgres' as const, url: 'postgres://custos:hunter2@127.0.0.1:1/test' },
        collections: new Map(),
      };
      const error = await openConnector(dataset).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'store-unavailable', message: expect.stringContaining('dataset "crm"') });
      expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('hunter2');
      expect((error as Error).cause).toBeUndefined();
    });

    it('names a missing environment variable', async () => {
      await expect(openConnector(datasetOf(kindsSchema), { env: {} })).rejects.toMatchObject({
        code: 'config',
        message: expect.stringContaining('CRM_DATABASE_URL'),
      });
    });
  });
});

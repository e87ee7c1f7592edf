// MySQL/MariaDB against the connector contract, in a database of its own, plus what only mysql2 shows (types, errors).
import { createConnection, type Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrl } from '../../../test/services.js';
import type { Connector } from '../connector.js';
import { collect, describeConnectorContract } from '../contract.test-support.js';
import { SQL_CAPABILITIES } from '../sql/index.js';
import { connectUrl, openConnector } from '../open.js';
import { bulkPerson, collectionModel, PEOPLE_FIELDS, uniqueName, type Person } from '../testing.test-support.js';

const url = serviceUrl('mysql');

function databaseUrl(database: string): string {
  const parsed = new URL(url!);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withConnection<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await createConnection({ uri: url!, multipleStatements: true });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

async function insertPeople(connection: Connection, database: string, rows: readonly Person[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000).map((row) => [row.id, row.email, row.status, row.order, row.group, row.note]);
    await connection.query(`insert into \`${database}\`.people (id, email, status, \`order\`, \`group\`, note) values ?`, [chunk]);
  }
}

const PEOPLE_DDL = (database: string) => `
  create table \`${database}\`.people (id bigint primary key, email varchar(200) not null, status varchar(20) not null,
    \`order\` int, \`group\` varchar(20), note text) engine=InnoDB;
  create table \`${database}\`.orders (id int auto_increment primary key, person_id bigint,
    foreign key (person_id) references \`${database}\`.people(id) on delete cascade) engine=InnoDB;`;

describe.skipIf(!url)('mysql', () => {
  const database = uniqueName('my');

  describeConnectorContract('mysql', SQL_CAPABILITIES, async () => {
    await withConnection((connection) =>
      connection.query(`create database \`${database}\` character set utf8mb4; ${PEOPLE_DDL(database)}`),
    );
    const dataset = {
      id: 'shop',
      store: { kind: 'mysql' as const, url: databaseUrl(database).replace(/^mysql:/, 'mariadb:') },
      collections: new Map(),
    };
    return {
      people: collectionModel({ dataset: 'shop', name: 'people', fields: PEOPLE_FIELDS, primaryKey: ['id'] }),
      open: () => openConnector(dataset),
      reset: (rows) =>
        withConnection(async (connection) => {
          await connection.query(`delete from \`${database}\`.people`);
          await insertPeople(connection, database, rows);
        }),
      seedBulk: (count) =>
        withConnection((connection) =>
          insertPeople(
            connection,
            database,
            Array.from({ length: count }, (_, index) => bulkPerson(index)),
          ),
        ),
      isPeople: (collection) => collection.name === 'people',
      dispose: () => withConnection((connection) => connection.query(`drop database \`${database}\``)).then(() => undefined),
    };
  });

  describe('mysql connector', () => {
    const kindsDatabase = uniqueName('mykinds');
    let connector: Connector;
    const kinds = collectionModel({ name: 'kinds', fields: ['id', 'big', 'day', 'doc', 'at', 'flag', 'bytes'], primaryKey: ['id'] });

    beforeAll(async () => {
      await withConnection((connection) =>
        connection.query(`create database \`${kindsDatabase}\`;
          create table \`${kindsDatabase}\`.kinds (id int primary key, big bigint, day date, doc json, at datetime(3), flag boolean, bytes varbinary(8));
          insert into \`${kindsDatabase}\`.kinds values
            (1, 9007199254740993, '2024-02-29', '{"a": [1, 2]}', '2024-01-02 03:04:05.678', true, x'0102'),
            (2, 42, null, null, null, false, null);`),
      );
      connector = await connectUrl('mysql', databaseUrl(kindsDatabase));
    });
    afterAll(async () => {
      await connector?.close();
      await withConnection((connection) => connection.query(`drop database \`${kindsDatabase}\``));
    });

    it('returns plain Values: bigint beyond 2^53, DATE as text, JSON as text, UTC datetimes, bytes', async () => {
      const rows = await collect(connector.find({ collection: kinds, where: { id: [1, 2] } }));
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(1)).toEqual({
        id: 1,
        big: 9007199254740993n,
        day: '2024-02-29',
        doc: '{"a": [1, 2]}',
        at: new Date('2024-01-02T03:04:05.678Z'),
        flag: 1,
        bytes: Buffer.from([1, 2]),
      });
      expect(byId.get(2)?.big).toBe(42);
      expect(
        await connector.count({ collection: kinds, where: { big: [9007199254740993n], at: [new Date('2024-01-02T03:04:05.678Z')] } }),
      ).toBe(1);
    });

    it('names an unknown column without leaking values', async () => {
      const wrong = collectionModel({ name: 'kinds', fields: ['id'] });
      const error = await connector.count({ collection: wrong, where: { nope: ['secret-value'] } }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'store-error', message: expect.stringContaining("Unknown column 'nope'") });
      expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('secret-value');
    });

    it('reports a down server as unavailable without the password', async () => {
      const error = await connectUrl('mysql', 'mysql://custos:hunter2@127.0.0.1:1/test').catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'store-unavailable' });
      expect((error as Error).message).not.toContain('hunter2');
    });
  });
});

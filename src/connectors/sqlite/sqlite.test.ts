// SQLite against the connector contract, on a file of its own in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Selection } from '../connector.js';
import { collect, describeConnectorContract } from '../contract.test-support.js';
import { SQL_CAPABILITIES } from '../sql/index.js';
import { connectUrl, openConnector } from '../open.js';
import { rowsAtOnce } from '../pages.js';
import { StatementCache } from './driver.js';
import { bulkPerson, collectionModel, PEOPLE, PEOPLE_FIELDS, type Person } from '../testing.test-support.js';

const PEOPLE_DDL = `create table people (
  id integer primary key, email text not null, status text not null, "order" integer, "group" text, note text)`;

function createFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'custos-sqlite-'));
  const file = join(dir, 'provider.db');
  const db = new Database(file);
  db.exec(PEOPLE_DDL);
  db.exec('create table orders (id integer primary key, person_id integer references people(id), total real)');
  db.close();
  return { dir, file };
}

function insertAll(file: string, rows: readonly Person[]): void {
  const db = new Database(file);
  const insert = db.prepare('insert into people (id, email, status, "order", "group", note) values (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const row of rows) insert.run(row.id, row.email, row.status, row.order, row.group, row.note);
  })();
  db.close();
}

describeConnectorContract('sqlite', SQL_CAPABILITIES, async () => {
  const { dir, file } = createFile();
  const dataset = { id: 'provider', store: { kind: 'sqlite' as const, file }, collections: new Map() };
  return {
    people: collectionModel({ dataset: 'provider', name: 'people', fields: PEOPLE_FIELDS, primaryKey: ['id'] }),
    open: () => openConnector(dataset),
    reset: async (rows) => {
      const db = new Database(file);
      db.exec('delete from orders; delete from people');
      db.close();
      insertAll(file, rows);
    },
    seedBulk: async (count) =>
      insertAll(
        file,
        Array.from({ length: count }, (_, index) => bulkPerson(index)),
      ),
    isPeople: (collection) => collection.name === 'people',
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('sqlite connector', () => {
  it('updates rows while a find over them is still open', async () => {
    const { dir, file } = createFile();
    insertAll(
      file,
      Array.from({ length: 50 }, (_, index) => bulkPerson(index)),
    );
    const connector = await connectUrl('sqlite', `sqlite:${file}`);
    const people = collectionModel({ name: 'people', fields: PEOPLE_FIELDS, primaryKey: ['id'] });
    let seen = 0;
    for await (const row of connector.find({ collection: people, where: { status: ['bulk'] } }, { batchSize: 7 })) {
      seen++;
      await connector.update({ collection: people, where: { id: [row.id as number] } }, { note: 'read' });
    }
    expect(seen).toBe(50);
    expect(await connector.count({ collection: people, where: { note: ['read'] } })).toBe(50);
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a find that fits in a page at once, with the rows a paged find gives, and leaves larger or failing finds to paging', async () => {
    const { dir, file } = createFile();
    insertAll(file, [...PEOPLE, ...Array.from({ length: 12 }, (_, index) => bulkPerson(index))]);
    const connector = await connectUrl('sqlite', `sqlite:${file}`);
    const people = collectionModel({ name: 'people', fields: PEOPLE_FIELDS, primaryKey: ['id'] });
    const small: Selection = { collection: people, where: [{ status: ['active'] }, { email: ['alan@example.test'] }] };
    const paged = await collect(connector.find(small, { batchSize: 2 }));
    expect(rowsAtOnce(connector.findPages(small))).toEqual(paged);
    expect(paged.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    // More rows than a page: the caller pages.
    const bulk: Selection = { collection: people, where: { status: ['bulk'] } };
    expect(rowsAtOnce(connector.findPages(bulk, { batchSize: 5 }))).toBeUndefined();
    expect(await collect(connector.find(bulk, { batchSize: 5 }))).toHaveLength(12);
    // A failing find is reported by findPages, not swallowed.
    const wrong: Selection = { collection: people, where: { 'no such column': ['x'] } };
    expect(rowsAtOnce(connector.findPages(wrong))).toBeUndefined();
    await expect(collect(connector.find(wrong))).rejects.toMatchObject({ code: 'invalid-input' });
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps what a transaction has not committed from a statement outside it, which waits for the transaction to end', async () => {
    const { dir, file } = createFile();
    insertAll(file, [bulkPerson(0)]);
    const connector = await connectUrl('sqlite', `sqlite:${file}`);
    const people = collectionModel({ name: 'people', fields: PEOPLE_FIELDS, primaryKey: ['id'] });
    const note = (value: string) => ({ collection: people, where: { note: [value] } });
    let inside!: () => void;
    let finish!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const failing = connector.transaction(async (session) => {
      await session.update({ collection: people, where: { id: [1000] } }, { note: 'uncommitted' });
      inside();
      await gate;
      throw new Error('rolled back');
    });
    await entered;
    let counted: number | undefined;
    const outside = connector.count(note('uncommitted')).then((n) => (counted = n));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counted).toBeUndefined();
    finish();
    await expect(failing).rejects.toThrow('rolled back');
    await outside;
    expect(counted).toBe(0);
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a table without rowid and a view, which cannot be paged by rowid', async () => {
    const { dir, file } = createFile();
    insertAll(
      file,
      Array.from({ length: 5 }, (_, index) => bulkPerson(index)),
    );
    const db = new Database(file);
    db.exec(`create table tags (name text primary key, person_id integer) without rowid;
      insert into tags values ('a', 1000), ('b', 1001), ('c', 1000);
      create view bulk_people as select id, email from people where status = 'bulk'`);
    db.close();
    const connector = await connectUrl('sqlite', `sqlite:${file}`);
    const tags = collectionModel({ name: 'tags', fields: ['name', 'person_id'] });
    const view = collectionModel({ name: 'bulk_people', fields: ['id', 'email'] });
    for (let round = 0; round < 2; round++) {
      const names = (await collect(connector.find({ collection: tags, where: { person_id: [1000] } }, { batchSize: 1 }))).map(
        (row) => row.name,
      );
      expect(names.sort()).toEqual(['a', 'c']);
      expect((await collect(connector.find({ collection: view, where: {} }, { batchSize: 2 }))).length).toBe(5);
    }
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds an OR too large for one statement once per row by rowid when no primary key is declared', async () => {
    const { dir, file } = createFile();
    insertAll(file, PEOPLE);
    const db = new Database(file);
    db.exec(`create table tags (name text primary key, person_id integer) without rowid;
      insert into tags values ('a', 1), ('b', 1), ('c', 2)`);
    db.close();
    const connector = await connectUrl('sqlite', `sqlite:${file}`);
    const people = collectionModel({ name: 'people', fields: PEOPLE_FIELDS });
    const many = Array.from({ length: 20_000 }, (_, index) => 100_000 + index);
    const ors: Selection = { collection: people, where: [{ id: [1, 3, ...many] }, { group: ['a'], order: [10, 30, ...many] }] };
    expect((await collect(connector.find(ors, { fields: ['email'] }))).map((row) => row.email)).toEqual([
      'ada@example.test',
      'alan@example.test',
    ]);
    expect(await connector.count(ors)).toBe(2);
    expect(await connector.update(ors, { note: 'both' })).toBe(2);
    // No primary key and no rowid: rows both statements find come twice (documented).
    const tags = collectionModel({ name: 'tags', fields: ['name', 'person_id'] });
    const twice: Selection = { collection: tags, where: [{ person_id: [1, ...many] }, { name: ['a', 'c', ...many.map(String)] }] };
    expect((await collect(connector.find(twice))).map((row) => row.name).sort()).toEqual(['a', 'a', 'b', 'c']);
    expect(await connector.delete(twice)).toBe(3);
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a statement once and keeps at most its capacity of them', () => {
    const cache = new StatementCache(new Database(':memory:'), 2);
    const first = cache.prepare('select 1');
    expect(cache.prepare('select 1')).toBe(first);
    cache.prepare('select 2');
    cache.prepare('select 3');
    expect(cache.size).toBe(2);
    expect(cache.prepare('select 1')).not.toBe(first);
    cache.close();
  });

  it('introspects foreign keys', async () => {
    const { dir, file } = createFile();
    const connector = await connectUrl(undefined, file);
    const orders = (await connector.introspect()).find((collection) => collection.name === 'orders');
    expect(orders?.columns.find((column) => column.name === 'person_id')?.references).toEqual({ table: 'people', column: 'id' });
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names a missing file as an unavailable store without creating it', async () => {
    const dataset = { id: 'gone', store: { kind: 'sqlite' as const, file: '/nonexistent/custos/provider.db' }, collections: new Map() };
    await expect(openConnector(dataset)).rejects.toMatchObject({
      code: 'store-unavailable',
      message: expect.stringContaining('dataset "gone"'),
    });
  });
});

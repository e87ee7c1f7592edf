// The shape cache: bounded, one SQL text per shape and never one for two shapes, values bound in the order the SQL wants.
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../postgres/adapter.js';
import type { WhereTerm } from '../selection.js';
import { createSqliteAdapter } from '../sqlite/adapter.js';
import { SqliteDriver, sqliteDialect, StatementCache } from '../sqlite/driver.js';
import type { AnyDatabase, SelectVariant, SqlAdapter } from './adapter.js';
import { Lru } from './lru.js';
import { selectQuery } from './queries.js';
import { ShapeCache } from './shapes.js';
import { SqlStatements } from './statements.js';

const PLAIN: SelectVariant = { name: 'plain', extend: (query) => query };
const term = (field: string, ...values: unknown[]): WhereTerm => ({ field, values: values as WhereTerm['values'] });

describe('Lru', () => {
  it('keeps at most its capacity, forgetting the least recently used', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect([lru.size, lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([2, 1, undefined, 3]);
  });

  it('counts replacing a value as a use, and forgets in the order of last use over many evictions', () => {
    const lru = new Lru<number, string>(3);
    for (const n of [1, 2, 3]) lru.set(n, `v${n}`);
    lru.set(1, 'again');
    lru.get(2);
    lru.set(4, 'v4');
    expect([lru.get(3), lru.get(1), lru.get(2), lru.get(4)]).toEqual([undefined, 'again', 'v2', 'v4']);
    for (let n = 5; n < 100; n++) lru.set(n, `v${n}`);
    expect([lru.size, lru.get(96), lru.get(97), lru.get(98), lru.get(99)]).toEqual([3, undefined, 'v97', 'v98', 'v99']);
  });
});

describe('SqlStatements over the shape cache (SQLite)', () => {
  let database: Database.Database;
  let db: Kysely<AnyDatabase>;
  let run: CompiledQuery[];
  let adapter: SqlAdapter;
  let shapes: ShapeCache;
  let statements: SqlStatements;

  beforeEach(() => {
    database = new Database(':memory:');
    database.exec(`create table people (id integer primary key, email text, status text, note text);
      insert into people values (1, 'a@x', 'active', null), (2, 'b@x', 'active', null), (3, 'c@x', 'closed', 'n')`);
    const driver = new SqliteDriver(new StatementCache(database));
    db = new Kysely<AnyDatabase>({ dialect: sqliteDialect(driver) });
    run = [];
    adapter = {
      ...createSqliteAdapter(driver),
      // Notes every statement, then lets Kysely run it.
      runNow: (query) => {
        run.push(query);
        return undefined;
      },
    };
    shapes = new ShapeCache({ arrayListFrom: adapter.arrayListFrom, capacity: 4 });
    statements = new SqlStatements(db, adapter, shapes, adapter.runNow);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('refuses to send an update or delete whose condition is empty, whatever the caller checked before', async () => {
    const refused = { code: 'invalid-input', message: expect.stringContaining('people') };
    await expect(statements.delete('people', [])).rejects.toMatchObject(refused);
    await expect(statements.delete('people', [[]])).rejects.toMatchObject(refused);
    await expect(statements.update('people', [['note', 'x']], [[term('id', 1)], []])).rejects.toMatchObject(refused);
    await expect(statements.update('people', [['note', 'x']], [[term('id')]])).rejects.toMatchObject(refused);
    await expect(statements.updateEach('people', { key: 'id', fields: ['note'], rows: [] })).rejects.toMatchObject(refused);
    expect(run).toEqual([]);
    expect(database.prepare('select count(*) as n from people where note is null').get()).toEqual({ n: 2 });
  });

  it('gives two different shapes different SQL, and one shape the same SQL with its own values', async () => {
    const calls: [string, () => Promise<unknown>][] = [
      ['count id', () => statements.count('people', [[term('id', 1)]])],
      ['count id again', () => statements.count('people', [[term('id', 3)]])],
      ['count two ids', () => statements.count('people', [[term('id', 1, 2)]])],
      ['count status', () => statements.count('people', [[term('status', 'active')]])],
      ['count id and status', () => statements.count('people', [[term('id', 1), term('status', 'active')]])],
      ['count status and id', () => statements.count('people', [[term('status', 'active'), term('id', 1)]])],
      ['delete id', () => statements.delete('people', [[term('id', 99)]])],
      ['update note', () => statements.update('people', [['note', 'x']], [[term('id', 99)]])],
      ['update status', () => statements.update('people', [['status', 'x']], [[term('id', 99)]])],
      ['select email', () => statements.select('people', ['email'], [[term('id', 1)]]).run(PLAIN, [])],
      ['select id', () => statements.select('people', ['id'], [[term('id', 1)]]).run(PLAIN, [])],
      ['select all', () => statements.select('people', [], [[term('id', 1)]]).run(PLAIN, [])],
    ];
    const sqlOf = new Map<string, string>();
    for (const [name, call] of calls) {
      await call();
      sqlOf.set(name, run.at(-1)!.sql);
    }
    expect(sqlOf.get('count id again')).toBe(sqlOf.get('count id'));
    expect(run[1]!.parameters).toEqual([3]);
    const distinct = [...sqlOf].filter(([name]) => name !== 'count id again').map(([, sql]) => sql);
    expect(new Set(distinct).size).toBe(distinct.length);
  });

  it('gives each OR structure (group count, fields and list lengths per group) its own SQL, and one structure one SQL', async () => {
    const id = (...values: number[]) => term('id', ...values);
    const status = (...values: string[]) => term('status', ...values);
    const structures: (readonly WhereTerm[])[][] = [
      [[id(1), status('active')]],
      [[id(1)], [status('active')]],
      [[status('active')], [id(1)]],
      [[id(1, 2)], [status('active')]],
      [[id(1)], [status('active', 'closed')]],
      [[id(1, 2)]],
      [[id(1)], [id(2)]],
      [[id(1)], [id(2)], [id(3)]],
      [[id(1), status('active')], [id(2)]],
      [[id(1)], [id(2), status('active')]],
    ];
    const sqlOf: string[] = [];
    for (const groups of structures) {
      await statements.count('people', groups);
      sqlOf.push(run.at(-1)!.sql);
    }
    expect(new Set(sqlOf).size).toBe(structures.length);
    expect(await statements.count('people', [[id(3)], [status('active', 'bulk')]])).toBe(3);
    expect(run.at(-1)!.sql).toBe(sqlOf[4]);
    expect(run.at(-1)!.parameters).toEqual([3, 'active', 'bulk']);
  });

  it('runs an OR as one statement, each row once, and pages it by rowid', async () => {
    const groups = [[term('status', 'active')], [term('id', 2, 3)]];
    const rows = await statements.select('people', ['id'], groups).run(PLAIN, []);
    expect(run.at(-1)!.sql).toMatch(/where \("status" in \(\?\) or "id" in \(\?, \?\)\)$/);
    expect(rows.map((row) => row.id).sort()).toEqual([1, 2, 3]);
    const paged: unknown[] = [];
    for await (const page of adapter.pages(statements.select('people', ['id'], groups), 1)) paged.push(...page.map((row) => row.id));
    expect(paged).toEqual([1, 2, 3]);
    expect(await statements.update('people', [['note', 'or']], groups)).toBe(3);
    expect(await statements.delete('people', [[term('note', 'or'), term('id', 1)], [term('id', 3)]])).toBe(2);
  });

  it('binds assignments and lists in the order the SQL names them', async () => {
    expect(await statements.update('people', [['note', 'set']], [[term('status', 'active'), term('id', 2, 3)]])).toBe(1);
    expect(run.at(-1)!.parameters).toEqual(['set', 'active', 2, 3]);
    expect(database.prepare('select id from people where note = ?').all('set')).toEqual([{ id: 2 }]);
    expect(await statements.count('people', [[term('status', 'active'), term('id', 1, 2, 3)]])).toBe(2);
    expect(await statements.delete('people', [[term('id', 3)]])).toBe(1);
  });

  it('keeps at most its capacity of shapes, and compiles an evicted shape again the same way', async () => {
    await statements.count('people', [[term('id', 1)]]);
    const first = run.at(-1)!.sql;
    for (let length = 2; length <= 9; length++) {
      await statements.count('people', [[term('id', ...Array.from({ length }, (_, i) => i))]]);
      expect(shapes.size).toBeLessThanOrEqual(4);
    }
    expect(await statements.count('people', [[term('id', 2)]])).toBe(1);
    expect(run.at(-1)!.sql).toBe(first);
  });

  it('compiles a long list bound value by value each time instead of keeping it', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => i);
    expect(await statements.count('people', [[term('id', ...ids)]])).toBe(3);
    expect(shapes.size).toBe(0);
  });

  it('refuses a shape with a value compiled into its SQL', () => {
    // The builder ignores its stand-ins and writes the value in.
    const build = () => selectQuery(db, adapter, 'people', [], { groups: [['id']], lists: [[1]] });
    expect(() => shapes.statement('constant', [], [], build)).toThrow(/not one of the call values/);
  });
});

describe('shapes of PostgreSQL lists', () => {
  // Compiling needs no server: the pool is never asked for a connection.
  const db = new Kysely<AnyDatabase>({ dialect: new PostgresDialect({ pool: {} as never }) });
  const shapes = new ShapeCache({ arrayListFrom: postgresAdapter.arrayListFrom });
  const select = (length: number) =>
    shapes.statement('select people  id', [], [Array.from({ length }, (_, i) => i)], (_, lists) =>
      selectQuery(db, postgresAdapter, 'people', [], { groups: [['id']], lists }),
    );

  it('binds a short list value by value, a statement per length, and a long one as one array, one statement for all', () => {
    const [one, two, long, longer] = [select(1), select(2), select(16), select(500)];
    expect(one.sql).toMatch(/"id" in \(\$1\)$/);
    expect(two.sql).toMatch(/"id" in \(\$1, \$2\)$/);
    expect(long.sql).toMatch(/"id" = any\(\$1\)$/);
    expect(longer.sql).toBe(long.sql);
    expect((longer.parameters[0] as unknown[]).length).toBe(500);
  });
});

// The thin seam hand-written baselines run on: SQL with `?` placeholders on SQLite, PostgreSQL or MySQL, and sessions.
import Database from 'better-sqlite3';
import type { Pool as PgPool, PoolClient } from 'pg';
import type { Pool as MysqlPool } from 'mysql2/promise';
import type { Redis } from 'ioredis';

export type Row = Record<string, unknown>;

/** The values of an `IN (…)` list: an empty list becomes `[null]`, which matches nothing (`IN ()` is not SQL). */
export const list = (values: readonly unknown[]) => (values.length === 0 ? [null] : values);
/** `column IN (?, …)` with one mark per value of `list(values)`, which the caller passes as the parameters. */
export const inList = (column: string, values: readonly unknown[]) =>
  `${column} IN (${list(values)
    .map(() => '?')
    .join(', ')})`;

export interface Sql {
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  /** Runs `work` in one transaction on one connection. */
  transaction(work: (tx: Sql) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** SQLite, as a careful developer writes it: statements prepared once and reused. */
export function sqliteSql(file: string): Sql {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let s = statements.get(text);
    if (!s) statements.set(text, (s = db.prepare(text)));
    return s;
  };
  const sql: Sql = {
    all: async (text, params = []) => prepared(text).all(...params) as Row[],
    run: async (text, params = []) => void prepared(text).run(...params),
    async transaction(work) {
      db.exec('BEGIN');
      try {
        await work(sql);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    close: async () => void db.close(),
  };
  return sql;
}

/**
 * `sql` inside one transaction that `rollBack` undoes; its own `transaction` runs the work inside that one. For
 * rehearsing writes on SQLite: they change nothing, but read the pages a real run of them needs.
 */
export async function rehearsal(sql: Sql): Promise<{ readonly sql: Sql; rollBack(): Promise<void> }> {
  await sql.run('BEGIN');
  const inside: Sql = { all: sql.all, run: sql.run, transaction: (work) => work(inside), close: sql.close };
  return { sql: inside, rollBack: () => sql.run('ROLLBACK') };
}

const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

const noNesting = () => Promise.reject(new Error('nested transactions are not used by the baselines'));

/**
 * The store owns `pool` from here on. An idle client whose server ends it (a test dropping its database, a restart) makes
 * the pool emit 'error', which would end the process unheard; the next query reports the loss instead.
 */
export function postgresSql(pool: PgPool): Sql {
  pool.on('error', () => undefined);
  const over = (q: PgPool | PoolClient) => ({
    all: async (text: string, params: readonly unknown[] = []) => (await q.query(numbered(text), [...params])).rows as Row[],
    run: async (text: string, params: readonly unknown[] = []) => void (await q.query(numbered(text), [...params])),
  });
  return {
    ...over(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await work({ ...over(client), transaction: noNesting, close: async () => undefined });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The store owns `pool` from here on; a pooled connection's fatal error is reported by its next query, as with PostgreSQL. */
export function mysqlSql(pool: MysqlPool): Sql {
  pool.on('connection', (connection) => connection.on('error', () => undefined));
  type Queryable = { query: (sql: string, params: unknown[]) => Promise<unknown> };
  const over = (q: Queryable) => ({
    all: async (text: string, params: readonly unknown[] = []) => ((await q.query(text, [...params])) as [Row[]])[0],
    run: async (text: string, params: readonly unknown[] = []) => void (await q.query(text, [...params])),
  });
  return {
    ...over(pool as unknown as Queryable),
    async transaction(work) {
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        await work({ ...over(conn as unknown as Queryable), transaction: noNesting, close: async () => undefined });
        await conn.commit();
      } catch (error) {
        await conn.rollback();
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Sessions of customers: a table (SQLite) or hashes under `session:{customer_id}:{id}` (Redis), each customer's listed in
 * the set `customer_sessions:{customer_id}`.
 */
export interface Sessions {
  find(customerIds: readonly unknown[]): Promise<Row[]>;
  erase(customerIds: readonly unknown[]): Promise<void>;
  close(): Promise<void>;
}

export function sqlSessions(sql: Sql): Sessions {
  return {
    find: (ids) => sql.all(`SELECT * FROM sessions WHERE ${inList('customer_id', ids)}`, list(ids)),
    erase: (ids) => sql.run(`DELETE FROM sessions WHERE ${inList('customer_id', ids)}`, list(ids)),
    close: () => sql.close(),
  };
}

/**
 * The sessions own `redis` from here on; its connection errors reach the commands that need it. `lookup` is how a
 * customer's keys are found: from the set the application keeps (what a developer would write), or by scanning the
 * keyspace (slow, but relying on no index: the tests' ground truth).
 */
export function redisSessions(redis: Redis, lookup: 'index' | 'scan' = 'index'): Sessions {
  redis.on('error', () => undefined);
  const setOf = (id: unknown) => `customer_sessions:${String(id)}`;
  const keysOf = async (ids: readonly unknown[]) => {
    if (lookup === 'scan')
      return scanKeys(
        redis,
        ids.map((id) => `session:${String(id)}:*`),
      );
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.smembers(setOf(id));
    return ((await pipeline.exec()) ?? []).flatMap(([, members]) => members as string[]);
  };
  return {
    async find(ids) {
      const keys = await keysOf(ids);
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.hgetall(key);
      return ((await pipeline.exec()) ?? []).map(([, row]) => row as Row);
    },
    async erase(ids) {
      const keys = await keysOf(ids);
      if (keys.length === 0) return;
      const multi = redis.multi().del(...keys);
      for (const id of ids) multi.srem(setOf(id), ...keys.filter((key) => key.startsWith(`session:${String(id)}:`)));
      await multi.exec();
    },
    close: async () => void redis.disconnect(),
  };
}

async function scanKeys(redis: Redis, matches: readonly string[]): Promise<string[]> {
  const keys: string[] = [];
  for (const match of matches) {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
  }
  return keys;
}

// Hand-written store access for the real-world ground-truth suites: DDL from a table list, seeding, snapshots and diffs.
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';
export type Value = string | number | null;
export type Row = Record<string, Value>;

/** One table: columns as `name type [NOT NULL]`, its key, and the foreign keys the store enforces. */
export interface TableSpec {
  readonly name: string;
  readonly columns: readonly string[];
  readonly primaryKey: readonly string[];
  /** `column → table.column`; a table can declare a reference in the manifest only (no constraint here). */
  readonly foreignKeys?: Readonly<Record<string, string>>;
}

/** A store the tests read with their own SQL (`?` placeholders on every dialect). */
export interface HandSql {
  readonly dialect: Dialect;
  all(sql: string, params?: readonly Value[]): Promise<Row[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export function sqliteStore(file: string): HandSql {
  const db = new Database(file);
  return {
    dialect: 'sqlite',
    all: async (sql, params = []) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    },
    exec: async (sql) => void db.exec(sql),
    close: async () => void db.close(),
  };
}

export async function postgresStore(url: string, schema: string): Promise<HandSql> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET search_path TO ${schema}`);
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    dialect: 'postgres',
    all: async (sql, params = []) => (await client.query(numbered(sql), [...params])).rows as Row[],
    exec: async (sql) => void (await client.query(sql)),
    close: () => client.end(),
  };
}

export async function mysqlStore(url: string): Promise<HandSql> {
  const conn = await mysql.createConnection({ uri: url, multipleStatements: true, dateStrings: true });
  return {
    dialect: 'mysql',
    all: async (sql, params = []) => (await conn.query(sql, [...params]))[0] as Row[],
    exec: async (sql) => void (await conn.query(sql)),
    close: () => conn.end(),
  };
}

const quote = (dialect: Dialect, name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);

/**
 * Creates the tables and loads the rows with no constraint in the way (reference cycles such as store ↔ staff need it),
 * then enforces the foreign keys: SQLite declares them inline (checked once loaded), servers add them after the load.
 */
export async function createTables(sql: HandSql, tables: readonly TableSpec[], rows: Readonly<Record<string, readonly Row[]>>) {
  const q = (n: string) => quote(sql.dialect, n);
  for (const t of tables) {
    const inline =
      sql.dialect === 'sqlite'
        ? Object.entries(t.foreignKeys ?? {}).map(([col, ref]) => {
            const [table, field] = ref.split('.') as [string, string];
            return `FOREIGN KEY (${q(col)}) REFERENCES ${q(table)} (${q(field)})`;
          })
        : [];
    const columns = t.columns.map((c) => {
      const [name, ...rest] = c.split(' ');
      return `${q(name as string)} ${rest.join(' ')}`;
    });
    const key = `PRIMARY KEY (${t.primaryKey.map(q).join(', ')})`;
    await sql.exec(`CREATE TABLE ${q(t.name)} (${[...columns, key, ...inline].join(', ')})`);
  }
  // Rows go in before the constraints bind (SQLite checks them once loaded, servers add them after).
  if (sql.dialect === 'sqlite') await sql.exec('PRAGMA foreign_keys = OFF');
  for (const t of tables) {
    for (const row of rows[t.name] ?? []) {
      const cols = Object.keys(row);
      await sql.all(
        `INSERT INTO ${q(t.name)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        cols.map((c) => row[c] ?? null),
      );
    }
  }
  if (sql.dialect === 'sqlite') return sql.exec('PRAGMA foreign_keys = ON');
  for (const t of tables) {
    for (const [col, ref] of Object.entries(t.foreignKeys ?? {})) {
      const [table, field] = ref.split('.') as [string, string];
      await sql.exec(`ALTER TABLE ${q(t.name)} ADD FOREIGN KEY (${q(col)}) REFERENCES ${q(table)} (${q(field)})`);
    }
  }
}

/** Every row of every table, keyed by primary key, values as text (stores differ on numeric types). */
export type Snapshot = Record<string, Record<string, Row>>;

export async function snapshot(sql: HandSql, tables: readonly TableSpec[]): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const t of tables) {
    const byKey: Record<string, Row> = {};
    for (const row of await sql.all(`SELECT * FROM ${quote(sql.dialect, t.name)}`)) {
      const norm: Row = {};
      for (const [k, v] of Object.entries(row)) norm[k] = normalise(v);
      byKey[t.primaryKey.map((k) => String(norm[k])).join('|')] = norm;
    }
    out[t.name] = byKey;
  }
  return out;
}

export function normalise(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'bigint') return String(Number(v));
  if (typeof v === 'string' && /^-?\d+\.\d+$/.test(v)) return String(Number(v));
  return String(v as string);
}

/** What an erasure changed: rows gone, rows added, and per kept row the columns that changed (to their new value). */
export interface Diff {
  deleted: Record<string, string[]>;
  added: Record<string, string[]>;
  changed: Record<string, Record<string, Row>>;
}

export function diff(before: Snapshot, after: Snapshot): Diff {
  const out: Diff = { deleted: {}, added: {}, changed: {} };
  for (const table of Object.keys(before)) {
    const b = before[table] ?? {};
    const a = after[table] ?? {};
    const deleted = Object.keys(b)
      .filter((k) => !(k in a))
      .sort();
    const added = Object.keys(a)
      .filter((k) => !(k in b))
      .sort();
    if (deleted.length > 0) out.deleted[table] = deleted;
    if (added.length > 0) out.added[table] = added;
    for (const [k, row] of Object.entries(b)) {
      const now = a[k];
      if (!now) continue;
      const cols: Row = {};
      for (const col of Object.keys(row)) if (row[col] !== now[col]) cols[col] = now[col] ?? null;
      if (Object.keys(cols).length > 0) (out.changed[table] ??= {})[k] = cols;
    }
  }
  return out;
}

/** The expected diff in the same shape, keys sorted, from a compact hand-written expectation. */
export function expectedDiff(e: {
  deleted?: Record<string, readonly (string | number)[]>;
  changed?: Record<string, Record<string | number, Row>>;
}): Diff {
  const deleted: Record<string, string[]> = {};
  for (const [t, keys] of Object.entries(e.deleted ?? {})) if (keys.length > 0) deleted[t] = keys.map(String).sort();
  const changed: Record<string, Record<string, Row>> = {};
  for (const [t, rows] of Object.entries(e.changed ?? {})) if (Object.keys(rows).length > 0) changed[t] = { ...rows };
  return { deleted, added: {}, changed };
}

/** Keys of a hand-written query's rows (its columns joined by `|`, as snapshots key rows), sorted, duplicates kept. */
export async function ids(sql: HandSql, query: string, params: readonly Value[] = []): Promise<string[]> {
  return (await sql.all(query, params)).map((r) => Object.values(r).map(normalise).join('|')).sort();
}

// Builds a labelled schema in a real store (a SQLite file, a PostgreSQL schema or a MariaDB database of its own) and drafts it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { connectUrl } from '../../src/connectors/index.js';
import { uniqueName } from '../../src/connectors/testing.test-support.js';
import type { IntrospectedCollection } from '../../src/connectors/index.js';
import type { ColumnKind, LabelledSchema, TableSpec } from './schemas.js';

export type Engine = 'sqlite' | 'postgres' | 'mysql';

const TYPES: Record<Engine, Record<ColumnKind, string>> = {
  sqlite: {
    int: 'INTEGER',
    text: 'NVARCHAR(80)',
    code: 'VARCHAR(10)',
    date: 'DATE',
    datetime: 'DATETIME',
    money: 'NUMERIC(10,2)',
    bool: 'BOOLEAN',
    blob: 'BLOB',
  },
  postgres: {
    int: 'integer',
    text: 'varchar(80)',
    code: 'varchar(10)',
    date: 'date',
    datetime: 'timestamp',
    money: 'numeric(10,2)',
    bool: 'boolean',
    blob: 'bytea',
  },
  mysql: {
    int: 'int',
    text: 'varchar(80)',
    code: 'varchar(10)',
    date: 'date',
    datetime: 'datetime',
    money: 'decimal(10,2)',
    bool: 'tinyint(1)',
    blob: 'blob',
  },
};

interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly pk: boolean;
  readonly nullable: boolean;
}

function columnsOf(table: TableSpec): Column[] {
  return table.columns.map((spec) => {
    const [name, kind, ...flags] = spec.split(' ');
    return { name: name!, kind: kind as ColumnKind, pk: flags.includes('pk'), nullable: flags.includes('null') };
  });
}

function createTable(
  engine: Engine,
  table: TableSpec,
  name: (s: string) => string,
  quote: (s: string) => string,
  inlineReferences: boolean,
): string {
  const columns = columnsOf(table);
  const keys = columns.filter((c) => c.pk).map((c) => quote(c.name));
  const lines = columns.map((c) => `${quote(c.name)} ${TYPES[engine][c.kind]}${c.nullable ? '' : ' NOT NULL'}`);
  lines.push(`PRIMARY KEY (${keys.join(', ')})`);
  if (inlineReferences) {
    for (const [column, target] of Object.entries(table.references ?? {})) {
      const [t, c] = target.split('.');
      lines.push(`FOREIGN KEY (${quote(column)}) REFERENCES ${quote(t!)} (${quote(c!)})`);
    }
  }
  return `CREATE TABLE ${name(table.name)} (${lines.join(', ')})`;
}

/** A store holding the schema, its URL for `connectUrl`, and how to drop it. */
export interface BuiltStore {
  readonly url: string;
  readonly schema?: string;
  drop(): Promise<void>;
}

export async function buildStore(
  schema: LabelledSchema,
  engine: Engine,
  serverUrl: string | undefined,
  foreignKeys: boolean,
): Promise<BuiltStore> {
  switch (engine) {
    case 'sqlite': {
      const dir = mkdtempSync(join(tmpdir(), 'custos-discover-'));
      const file = join(dir, `${schema.name}.db`);
      const db = new Database(file);
      const quote = (s: string) => `"${s}"`;
      // Tables first (a store and its manager reference each other), then rows, unchecked as MySQL dumps load them.
      db.pragma('foreign_keys = OFF');
      for (const table of schema.tables) db.exec(createTable(engine, table, quote, quote, foreignKeys));
      for (const table of schema.tables) {
        const insert = db.prepare(`INSERT INTO ${quote(table.name)} VALUES (${table.columns.map(() => '?').join(', ')})`);
        for (const row of table.rows) insert.run(...row.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
      }
      db.close();
      return { url: `sqlite:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    }
    case 'postgres': {
      const name = uniqueName(`discover_${schema.name}`);
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      const quote = (s: string) => `"${name}"."${s}"`;
      try {
        await client.query(`create schema "${name}"`);
        for (const table of schema.tables) {
          await client.query(createTable(engine, table, quote, (s) => `"${s}"`, false));
          for (const row of table.rows)
            await client.query(`insert into ${quote(table.name)} values (${row.map((_, i) => `$${i + 1}`).join(', ')})`, [...row]);
        }
        if (foreignKeys)
          await addForeignKeys(
            schema,
            (sql) => client.query(sql),
            quote,
            (s) => `"${s}"`,
          );
      } finally {
        await client.end();
      }
      return {
        url: serverUrl!,
        schema: name,
        drop: async () => {
          const c = new pg.Client({ connectionString: serverUrl });
          await c.connect();
          await c.query(`drop schema "${name}" cascade`);
          await c.end();
        },
      };
    }
    case 'mysql': {
      const name = uniqueName(`discover_${schema.name}`);
      const admin = await createConnection({ uri: serverUrl! });
      await admin.query(`create database \`${name}\``);
      await admin.end();
      const url = serverUrl!.replace(/\/[^/]*$/, `/${name}`);
      const connection = await createConnection({ uri: url });
      const quote = (s: string) => `\`${s}\``;
      try {
        for (const table of schema.tables) {
          await connection.query(createTable(engine, table, quote, quote, false));
          for (const row of table.rows)
            await connection.query(`insert into ${quote(table.name)} values (?)`, [
              row.map((v) => (typeof v === 'boolean' ? Number(v) : v)),
            ]);
        }
        if (foreignKeys) await addForeignKeys(schema, (sql) => connection.query(sql), quote, quote);
      } finally {
        await connection.end();
      }
      return {
        url,
        drop: async () => {
          const c = await createConnection({ uri: serverUrl! });
          await c.query(`drop database \`${name}\``);
          await c.end();
        },
      };
    }
    default:
      return engine satisfies never;
  }
}

/** Foreign keys added once every table holds its rows, so cycles (a store and its manager) need no ordering. */
async function addForeignKeys(
  schema: LabelledSchema,
  run: (sql: string) => Promise<unknown>,
  table: (s: string) => string,
  column: (s: string) => string,
): Promise<void> {
  for (const t of schema.tables) {
    for (const [c, target] of Object.entries(t.references ?? {})) {
      const [rt, rc] = target.split('.');
      await run(`alter table ${table(t.name)} add foreign key (${column(c)}) references ${table(rt!)} (${column(rc!)})`);
    }
  }
}

/** What `custos generate dataset` reads from the store. */
export async function introspectStore(store: BuiltStore): Promise<readonly IntrospectedCollection[]> {
  const connector = await connectUrl(undefined, store.url, store.schema ? { schema: store.schema } : {});
  try {
    return await connector.introspect({ sampleSize: 20 });
  } finally {
    await connector.close();
  }
}

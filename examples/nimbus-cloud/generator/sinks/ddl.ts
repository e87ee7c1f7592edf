// Tables of a TablePlan through Kysely's schema builder: column types per engine, creation, indexes, foreign keys, drops.
import { sql, type ColumnDataType, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';
import { CustosError } from '../../../../src/errors.js';
import type { ColumnPlan, TablePlan } from '../schema.js';

/** Tables and columns are known only at run time. */
export type AnyDatabase = Record<string, Record<string, unknown>>;
export type SqlDialect = 'sqlite' | 'postgres' | 'mysql';

/**
 * The column type of a manifest field type. SQLite keeps datetimes as ISO 8601 text and booleans as 0/1, as its connector
 * reads them. MySQL cannot index TEXT without a prefix length: strings that are looked up (keys, identities, references)
 * are VARCHAR(255), the others TEXT.
 */
export function columnType(column: ColumnPlan, dialect: SqlDialect): ColumnDataType {
  switch (column.type) {
    case 'integer':
      return dialect === 'sqlite' ? 'integer' : 'bigint';
    case 'number':
      return dialect === 'sqlite' ? 'real' : 'double precision';
    case 'boolean':
      return dialect === 'sqlite' ? 'integer' : 'boolean';
    case 'date':
      return dialect === 'sqlite' ? 'text' : 'date';
    case 'datetime':
      return dialect === 'sqlite' ? 'text' : dialect === 'postgres' ? 'timestamptz' : 'datetime(3)';
    case 'json':
      return dialect === 'sqlite' ? 'text' : dialect === 'postgres' ? 'jsonb' : 'json';
    case 'string':
    case 'email':
    case 'phone':
    case 'ip':
      return dialect === 'mysql' ? (column.indexed ? 'varchar(255)' : 'text') : 'text';
    default:
      return column.type satisfies never;
  }
}

export interface CreateOptions {
  /** SQLite declares foreign keys with the table (it has no ALTER TABLE … ADD CONSTRAINT); the others add them after the load. */
  readonly inlineForeignKeys: boolean;
}

/** Creates the table with its primary key and no secondary index (built after the load, which is much faster). */
export async function createTable(db: Kysely<AnyDatabase>, table: TablePlan, dialect: SqlDialect, options: CreateOptions): Promise<void> {
  const singleKey = table.primaryKey.length === 1 ? table.primaryKey[0] : undefined;
  let builder: CreateTableBuilder<string, string> = db.schema.createTable(table.name);
  for (const column of table.columns) {
    builder = builder.addColumn(column.name, columnType(column, dialect), (c) => {
      if (column.name === singleKey) return c.primaryKey().notNull();
      return table.primaryKey.includes(column.name) ? c.notNull() : c;
    });
  }
  if (table.primaryKey.length > 1) builder = builder.addPrimaryKeyConstraint(`${table.name}_pkey`, [...table.primaryKey]);
  if (options.inlineForeignKeys) {
    for (const fk of table.foreignKeys) builder = builder.addForeignKeyConstraint(fk.name, [fk.column], fk.parentTable, [fk.parentColumn]);
  }
  if (dialect === 'mysql') builder = builder.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`);
  await builder.execute();
}

async function createIndex(db: Kysely<AnyDatabase>, table: TablePlan, index: TablePlan['indexes'][number]): Promise<void> {
  const create = db.schema.createIndex(index.name).on(table.name).column(index.column);
  await (index.unique ? create.unique() : create).execute();
}

async function addForeignKeys(db: Kysely<AnyDatabase>, table: TablePlan): Promise<void> {
  for (const fk of table.foreignKeys) {
    await db.schema.alterTable(table.name).addForeignKeyConstraint(fk.name, [fk.column], fk.parentTable, [fk.parentColumn]).execute();
  }
}

/**
 * Refuses (CustosError 'conflict') to overwrite a store that already holds any of the sample's tables, unless `force`.
 * `schema` is the information_schema.tables `table_schema` to look in (a name, or an SQL expression such as current_schema()).
 */
export async function refuseExistingTables(
  db: Kysely<AnyDatabase>,
  schema: string | RawBuilder<string>,
  tables: readonly TablePlan[],
  force: boolean,
  label: string,
): Promise<void> {
  const existing = await db
    .selectFrom('information_schema.tables')
    .select('table_name')
    .where('table_schema', '=', schema)
    .where(
      'table_name',
      'in',
      tables.map((t) => t.name),
    )
    .execute();
  if (existing.length > 0 && !force) {
    throw new CustosError({ code: 'conflict', message: `${label} already holds the sample's tables: pass force to replace them` });
  }
}

/**
 * After the load: every index, then every foreign key (none when the tables were created with `inlineForeignKeys`),
 * telling `onStep` what is being built.
 */
export async function buildIndexesAndKeys(
  db: Kysely<AnyDatabase>,
  tables: readonly TablePlan[],
  onStep: (step: string) => void,
  options: CreateOptions,
): Promise<void> {
  for (const plan of tables) {
    for (const index of plan.indexes) {
      onStep(`${plan.name}.${index.column}`);
      await createIndex(db, plan, index);
    }
  }
  if (options.inlineForeignKeys) return;
  for (const plan of tables) {
    if (plan.foreignKeys.length === 0) continue;
    onStep(`${plan.name} foreign keys`);
    await addForeignKeys(db, plan);
  }
}

/** Drops children before parents; PostgreSQL cascades through cycles, the others are called with foreign key checks off. */
export async function dropTables(db: Kysely<AnyDatabase>, tables: readonly TablePlan[], dialect: SqlDialect): Promise<void> {
  for (const table of [...tables].reverse()) {
    const drop = db.schema.dropTable(table.name).ifExists();
    await (dialect === 'postgres' ? drop.cascade() : drop).execute();
  }
}

/** Placeholder rows whose compiled INSERT is reused for every batch of `count` rows (`?` or `$n` in column order). */
export function placeholderRows(table: TablePlan, count: number): Record<string, null>[] {
  const row = Object.fromEntries(table.columns.map((c) => [c.name, null]));
  return Array.from({ length: count }, () => ({ ...row }));
}

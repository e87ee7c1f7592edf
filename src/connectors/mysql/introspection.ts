// Reads a MySQL/MariaDB database's tables, columns, primary and foreign keys from information_schema.
import { sql, type Kysely } from 'kysely';
import type { IntrospectedCollection } from '../connector.js';
import { introspectCatalog, type AnyDatabase, type DateForm, type IntrospectContext, type SqlAdapter } from '../sql/index.js';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: string;
  column_key: string;
}

interface ReferenceRow {
  table_name: string;
  column_name: string;
  ref_table: string;
  ref_column: string;
}

/** Base tables of `context.schema`, default: the database the URL names. */
export async function introspectMysql(
  db: Kysely<AnyDatabase>,
  adapter: SqlAdapter,
  context: IntrospectContext,
): Promise<readonly IntrospectedCollection[]> {
  const schema = context.schema ?? null;
  const columns = await sql<ColumnRow>`
    select c.TABLE_NAME as table_name, c.COLUMN_NAME as column_name, c.COLUMN_TYPE as data_type,
      c.IS_NULLABLE as is_nullable, c.COLUMN_KEY as column_key
    from information_schema.COLUMNS c
    join information_schema.TABLES t on t.TABLE_SCHEMA = c.TABLE_SCHEMA and t.TABLE_NAME = c.TABLE_NAME
    where c.TABLE_SCHEMA = coalesce(${schema}, database()) and t.TABLE_TYPE = 'BASE TABLE'
    order by c.TABLE_NAME, c.ORDINAL_POSITION`.execute(db);
  const references = await sql<ReferenceRow>`
    select TABLE_NAME as table_name, COLUMN_NAME as column_name, REFERENCED_TABLE_NAME as ref_table, REFERENCED_COLUMN_NAME as ref_column
    from information_schema.KEY_COLUMN_USAGE
    where TABLE_SCHEMA = coalesce(${schema}, database()) and REFERENCED_TABLE_NAME is not null`.execute(db);
  return introspectCatalog(
    context.schema ? db.withSchema(context.schema) : db,
    adapter,
    columns.rows.map((row) => ({
      table: row.table_name,
      name: row.column_name,
      dataType: row.data_type,
      nullable: row.is_nullable === 'YES',
      primaryKey: row.column_key === 'PRI',
    })),
    references.rows.map((row) => ({ table: row.table_name, column: row.column_name, refTable: row.ref_table, refColumn: row.ref_column })),
    context,
  );
}

const NUMBER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'decimal', 'float', 'double']);

/** A column's form as a date, read from its declared type (`unknown` when the column is not found). */
export async function dateFormMysql(
  db: Kysely<AnyDatabase>,
  column: { readonly schema?: string | undefined; readonly table: string; readonly column: string },
): Promise<DateForm> {
  const { rows } = await sql<{ data_type: string }>`
    select c.DATA_TYPE as data_type from information_schema.COLUMNS c
    where c.TABLE_SCHEMA = coalesce(${column.schema ?? null}, database()) and c.TABLE_NAME = ${column.table}
      and c.COLUMN_NAME = ${column.column}`.execute(db);
  const type = String(rows[0]?.data_type ?? '').toLowerCase();
  // TIMESTAMP reads in the session's zone, DATETIME and DATE in none: all compared on their day, two days wide.
  if (type === 'timestamp' || type === 'datetime' || type === 'date') return 'naive';
  return NUMBER_TYPES.has(type) ? 'number' : 'unknown';
}

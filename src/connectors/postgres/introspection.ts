// Reads a PostgreSQL schema's tables, columns, primary and foreign keys from pg_catalog.
import { sql, type Kysely } from 'kysely';
import type { IntrospectedCollection } from '../connector.js';
import { introspectCatalog, type AnyDatabase, type DateForm, type IntrospectContext, type SqlAdapter } from '../sql/index.js';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  nullable: boolean;
  primary_key: boolean;
}

interface ReferenceRow {
  table_name: string;
  column_name: string;
  ref_table: string;
  ref_column: string;
}

/** Tables (partitioned parents, not their partitions) of `context.schema`, default: the connection's current schema. */
export async function introspectPostgres(
  db: Kysely<AnyDatabase>,
  adapter: SqlAdapter,
  context: IntrospectContext,
): Promise<readonly IntrospectedCollection[]> {
  const schema =
    context.schema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? 'public';
  const columns = await sql<ColumnRow>`
    select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as data_type,
      not a.attnotnull as nullable, coalesce(a.attnum = any(pk.conkey), false) as primary_key
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    left join pg_constraint pk on pk.conrelid = c.oid and pk.contype = 'p'
    where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname, a.attnum`.execute(db);
  const references = await sql<ReferenceRow>`
    select c.relname as table_name, a.attname as column_name, fc.relname as ref_table, fa.attname as ref_column
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(con.conkey, con.confkey) as k(attnum, fattnum)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    join pg_class fc on fc.oid = con.confrelid
    join pg_attribute fa on fa.attrelid = con.confrelid and fa.attnum = k.fattnum
    where n.nspname = ${schema} and con.contype = 'f'`.execute(db);
  return introspectCatalog(
    db.withSchema(schema),
    adapter,
    columns.rows.map((row) => ({
      table: row.table_name,
      name: row.column_name,
      dataType: row.data_type,
      nullable: row.nullable,
      primaryKey: row.primary_key,
    })),
    references.rows.map((row) => ({ table: row.table_name, column: row.column_name, refTable: row.ref_table, refColumn: row.ref_column })),
    context,
  );
}

const NUMBER_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']);

/** A column's form as a date, read from its declared type (`unknown` when the column is not found). */
export async function dateFormPostgres(
  db: Kysely<AnyDatabase>,
  column: { readonly schema?: string | undefined; readonly table: string; readonly column: string },
): Promise<DateForm> {
  const schema = column.schema === undefined ? sql`current_schema()` : sql`${column.schema}`;
  const { rows } = await sql<{ data_type: string }>`
    select data_type from information_schema.columns
    where table_schema = ${schema} and table_name = ${column.table} and column_name = ${column.column}`.execute(db);
  const type = rows[0]?.data_type ?? '';
  if (type === 'timestamp with time zone') return 'instant';
  if (type === 'timestamp without time zone' || type === 'date') return 'naive';
  return NUMBER_TYPES.has(type) ? 'number' : 'unknown';
}

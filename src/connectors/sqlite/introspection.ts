// Reads a SQLite file's tables, columns, keys and foreign keys from sqlite_master and the table_info pragmas.
import { sql, type Kysely } from 'kysely';
import type { IntrospectedCollection } from '../connector.js';
import { introspectCatalog, type AnyDatabase, type CatalogColumn, type IntrospectContext, type SqlAdapter } from '../sql/index.js';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string | null;
  not_null: number;
  pk: number;
}

interface ReferenceRow {
  table_name: string;
  column_name: string;
  ref_table: string;
  ref_column: string | null;
}

export async function introspectSqlite(
  db: Kysely<AnyDatabase>,
  adapter: SqlAdapter,
  context: IntrospectContext,
): Promise<readonly IntrospectedCollection[]> {
  const columns = await sql<ColumnRow>`
    select m.name as table_name, p.name as column_name, p.type as data_type, p."notnull" as not_null, p.pk as pk
    from sqlite_master m join pragma_table_info(m.name) p
    where m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'
    order by m.name, p.cid`.execute(db);
  const references = await sql<ReferenceRow>`
    select m.name as table_name, f."from" as column_name, f."table" as ref_table, f."to" as ref_column
    from sqlite_master m join pragma_foreign_key_list(m.name) f
    where m.type = 'table'`.execute(db);
  const catalog: CatalogColumn[] = columns.rows.map((row) => ({
    table: row.table_name,
    name: row.column_name,
    // Columns declared without a type have no affinity: SQLite stores anything in them.
    dataType: row.data_type ? row.data_type.toLowerCase() : 'any',
    nullable: row.not_null === 0 && row.pk === 0,
    primaryKey: row.pk > 0,
  }));
  const primaryKeyOf = (table: string) => catalog.find((column) => column.table === table && column.primaryKey)?.name ?? 'rowid';
  return introspectCatalog(
    db,
    adapter,
    catalog,
    references.rows.map((row) => ({
      table: row.table_name,
      column: row.column_name,
      refTable: row.ref_table,
      // A foreign key without target column points at the parent's primary key.
      refColumn: row.ref_column ?? primaryKeyOf(row.ref_table),
    })),
    context,
  );
}

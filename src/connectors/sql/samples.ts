// Introspection shared by SQL engines: assembles table shapes and fills each column with a few distinct non-null samples.
import type { IntrospectedCollection, IntrospectedColumn, Value } from '../connector.js';
import { IDENTIFIER } from '../identifiers.js';
import { assertNotAborted } from '../lifecycle.js';
import type { AnyQueryCreator, IntrospectContext, SqlAdapter } from './adapter.js';

/** A column as the catalog describes it, before sampling. */
export interface CatalogColumn {
  readonly table: string;
  readonly name: string;
  readonly dataType: string;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
}

export interface CatalogReference {
  readonly table: string;
  readonly column: string;
  readonly refTable: string;
  readonly refColumn: string;
}

/** Rows read per table in the first sampling pass, per sample wanted. */
const ROWS_PER_SAMPLE = 20;
const MAX_TEXT = 256;
const MAX_BYTES = 64;

/** Groups catalog rows into collections (catalog order kept) and samples them through `db`. */
export async function introspectCatalog(
  db: AnyQueryCreator,
  adapter: SqlAdapter,
  columns: readonly CatalogColumn[],
  references: readonly CatalogReference[],
  context: IntrospectContext,
): Promise<readonly IntrospectedCollection[]> {
  const tables = new Map<string, CatalogColumn[]>();
  for (const column of columns) {
    const list = tables.get(column.table) ?? [];
    list.push(column);
    tables.set(column.table, list);
  }
  const refs = new Map(references.map((ref) => [`${ref.table}\u0000${ref.column}`, { table: ref.refTable, column: ref.refColumn }]));
  const collections: IntrospectedCollection[] = [];
  for (const [table, tableColumns] of tables) {
    assertNotAborted(context.signal);
    const { samples, spreads } = await sampleTable(db, adapter, table, tableColumns, context.sampleSize);
    collections.push({
      name: table,
      columns: tableColumns.map((column): IntrospectedColumn => ({
        name: column.name,
        dataType: column.dataType,
        nullable: column.nullable,
        primaryKey: column.primaryKey,
        references: refs.get(`${table}\u0000${column.name}`),
        samples: samples.get(column.name) ?? [],
        spread: spreads.get(column.name),
      })),
    });
  }
  return collections;
}

interface TableSample {
  readonly samples: Map<string, Value[]>;
  readonly spreads: Map<string, { rows: number; distinct: number }>;
}

/**
 * One pass over the first rows (which also measures each column's spread), then one targeted query per column still
 * short of samples (large sparse tables).
 */
async function sampleTable(
  db: AnyQueryCreator,
  adapter: SqlAdapter,
  table: string,
  columns: readonly CatalogColumn[],
  sampleSize: number,
): Promise<TableSample> {
  const found = new Map<string, SampleSet>(columns.map((column) => [column.name, new SampleSet(sampleSize)]));
  if (sampleSize <= 0 || !IDENTIFIER.test(table)) return { samples: new Map(), spreads: new Map() };
  const limit = sampleSize * ROWS_PER_SAMPLE;
  const rows = await db.selectFrom(table).selectAll().limit(limit).execute();
  const spreads = new Map(columns.map((column) => [column.name, new Spread()]));
  for (const raw of rows) {
    const row = adapter.decode(raw);
    for (const [name, set] of found) set.add(row[name] ?? null);
    for (const [name, spread] of spreads) spread.add(row[name] ?? null);
  }
  if (rows.length === limit) {
    for (const [name, set] of found) {
      if (set.full || !IDENTIFIER.test(name)) continue;
      const more = await db.selectFrom(table).select(name).where(name, 'is not', null).limit(limit).execute();
      for (const raw of more) set.add(adapter.decode(raw)[name] ?? null);
    }
  }
  return {
    samples: new Map([...found].map(([name, set]) => [name, set.values])),
    spreads: new Map([...spreads].map(([name, spread]) => [name, { rows: spread.rows, distinct: spread.distinct }])),
  };
}

/** Values and distinct values of one column over the rows of the first pass (at most `limit` keys kept). */
class Spread {
  rows = 0;
  readonly #seen = new Set<string>();

  get distinct(): number {
    return this.#seen.size;
  }

  add(value: Value): void {
    if (value === null) return;
    this.rows++;
    this.#seen.add(valueKey(shorten(value)));
  }
}

function valueKey(value: Value): string {
  return value instanceof Uint8Array ? `b:${Buffer.from(value).toString('hex')}` : `${typeof value}:${String(value)}`;
}

/** Distinct non-null values, shortened so a sample never carries a whole document. */
class SampleSet {
  readonly values: Value[] = [];
  readonly #seen = new Set<string>();

  constructor(private readonly size: number) {}

  get full(): boolean {
    return this.values.length >= this.size;
  }

  add(value: Value): void {
    if (value === null || this.full) return;
    const sample = shorten(value);
    const key = valueKey(sample);
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.values.push(sample);
  }
}

function shorten(value: Value): Value {
  if (typeof value === 'string' && value.length > MAX_TEXT) return value.slice(0, MAX_TEXT);
  if (value instanceof Uint8Array && value.byteLength > MAX_BYTES) return value.slice(0, MAX_BYTES);
  return value;
}

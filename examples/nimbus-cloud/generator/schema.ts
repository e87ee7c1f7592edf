// Tables from the manifest: columns, primary key, indexes on identity and reference fields, same-dataset foreign keys, creation order.
import { checkIdentifier } from '../../../src/connectors/index.js';
import type { CollectionModel, DatasetModel, FieldType, RedisType } from '../../../src/policy/index.js';
import { fnv1a } from './random.js';

export interface ColumnPlan {
  readonly name: string;
  readonly type: FieldType;
  /** Part of the primary key, an identity or a reference: lookups by it must be fast. */
  readonly indexed: boolean;
}

export interface IndexPlan {
  readonly name: string;
  readonly column: string;
  /** The manifest declares the field unique: the index enforces it. */
  readonly unique: boolean;
}

export interface ForeignKeyPlan {
  readonly name: string;
  readonly column: string;
  readonly parentTable: string;
  readonly parentColumn: string;
}

export interface TablePlan {
  readonly dataset: string;
  readonly name: string;
  /** `dataset.collection`, as the generator names it. */
  readonly qualifiedName: string;
  readonly columns: readonly ColumnPlan[];
  readonly primaryKey: readonly string[];
  readonly indexes: readonly IndexPlan[];
  readonly foreignKeys: readonly ForeignKeyPlan[];
  /** Redis key pattern and value type, for key-value stores. */
  readonly key?: string | undefined;
  readonly redisType?: RedisType | undefined;
  /** Redis set per value of one key placeholder listing the keys (the manifest's `keyIndex`). */
  readonly keyIndex?: string | undefined;
}

/** MySQL's limit on identifier length; longer names are cut and keep a distinguishing suffix. */
const MAX_NAME = 64;

function constraintName(table: string, column: string, suffix: string): string {
  const name = `${table}_${column}_${suffix}`;
  if (name.length <= MAX_NAME) return name;
  // Identifiers are ASCII (checkIdentifier), so hashing code points is hashing characters.
  return `${name.slice(0, MAX_NAME - suffix.length - 9)}_${fnv1a(name).toString(36).padStart(7, '0')}_${suffix}`;
}

/** The table of one collection. Every identifier comes from the manifest, so each is checked before it reaches SQL. */
export function planTable(collection: CollectionModel): TablePlan {
  const table = checkIdentifier(collection.name, 'collection');
  const identityFields = new Set(collection.identity.values());
  const columns: ColumnPlan[] = [];
  const indexes: IndexPlan[] = [];
  const foreignKeys: ForeignKeyPlan[] = [];
  const singlePk = collection.primaryKey.length === 1 ? collection.primaryKey[0] : undefined;
  for (const field of collection.fields.values()) {
    const name = checkIdentifier(field.name, 'field');
    const reference = field.references;
    const indexed = collection.primaryKey.includes(name) || identityFields.has(name) || reference !== undefined;
    columns.push({ name, type: field.type ?? 'string', indexed });
    if (indexed && name !== singlePk)
      indexes.push({ name: constraintName(table, name, field.unique ? 'key' : 'idx'), column: name, unique: field.unique === true });
    if (reference && reference.dataset === collection.dataset) {
      foreignKeys.push({
        name: constraintName(table, name, 'fkey'),
        column: name,
        parentTable: checkIdentifier(reference.collection, 'collection'),
        parentColumn: checkIdentifier(reference.field, 'field'),
      });
    }
  }
  return {
    dataset: collection.dataset,
    name: table,
    qualifiedName: collection.qualifiedName,
    columns,
    primaryKey: collection.primaryKey.map((k) => checkIdentifier(k, 'primary key')),
    indexes,
    foreignKeys,
    key: collection.key,
    redisType: collection.type,
    keyIndex: collection.keyIndex,
  };
}

/**
 * The dataset's tables, parents before children, so that tables can be created in order and dropped in reverse. Cycles
 * (a → b → a) cannot be ordered: their tables come in manifest order, and loaders add foreign keys only once every
 * table exists (SQLite accepts a reference to a table created later).
 */
export function planDataset(dataset: DatasetModel): TablePlan[] {
  const tables = [...dataset.collections.values()].map(planTable);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const ordered: TablePlan[] = [];
  while (ordered.length < tables.length) {
    const ready = tables.find(
      (t) =>
        !placed.has(t.name) &&
        t.foreignKeys.every((fk) => fk.parentTable === t.name || placed.has(fk.parentTable) || !byName.has(fk.parentTable)),
    );
    const next = ready ?? (tables.find((t) => !placed.has(t.name)) as TablePlan);
    placed.add(next.name);
    ordered.push(next);
  }
  return ordered;
}

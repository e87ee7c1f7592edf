// Manifest field types from the store's own column types (PostgreSQL, MySQL/MariaDB, SQLite declared types).
import type { FieldType } from '../policy/index.js';

/** `int`, `INTEGER`, `bigint`, `int(11)`, `smallint unsigned`, `UNSIGNED BIG INT`, `int8`: never `point` or `interval`. */
const INTEGER = /(^|[^a-z])(tiny|small|medium|big)?int(eger)?\d*($|[^a-z])|^(small|big)?serial\d*$|^year/;
/** MySQL's boolean is `tinyint(1)`; MariaDB and SQL Server spell flags `bit(1)`. */
const BOOLEAN = /^bool(ean)?$|^tinyint\(1\)|^bit(\(1\))?$/;

/** A field type from a database column type; `string` when the type says nothing more precise. */
export function fieldTypeOf(dataType: string): FieldType {
  const t = dataType.trim().toLowerCase();
  if (BOOLEAN.test(t)) return 'boolean';
  if (INTEGER.test(t)) return 'integer';
  if (/real|double|float|numeric|decimal|money|number/.test(t)) return 'number';
  if (/timestamp|datetime/.test(t)) return 'datetime';
  if (/^date$/.test(t)) return 'date';
  if (/json/.test(t)) return 'json';
  if (/^inet$/.test(t)) return 'ip';
  return 'string';
}

/** Store types that hold text (or anything, as an untyped SQLite column does): a category may refine them. */
export function holdsText(dataType: string): boolean {
  return fieldTypeOf(dataType) === 'string' && !/blob|bytea|binary|uuid/i.test(dataType);
}

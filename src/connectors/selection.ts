// Checks a Selection once for every connector: identifiers, list shapes, "matches nothing", and writes that would touch every row.
import { CustosError } from '../errors.js';
import { foldCase, type CollectionModel } from '../policy/index.js';
import type { Selection, Value, Where } from './connector.js';
import { checkIdentifier, isIdentifier } from './identifiers.js';

/** One `field IN (values)` term of a selection, values without duplicates. */
export interface WhereTerm {
  readonly field: string;
  readonly values: readonly Value[];
  /** The field holds a case-insensitive identity stored in any case: its lower-cased value is compared, to lower-cased values. */
  readonly fold?: true;
}

/** An AND of terms; no term: every row. */
export type WhereGroup = readonly WhereTerm[];

export interface CheckedSelection {
  readonly collection: CollectionModel;
  /**
   * OR of groups, in the caller's order. Groups that match nothing (an empty list) are left out; a group that matches
   * every row stands alone, since the others add nothing.
   */
  readonly groups: readonly WhereGroup[];
  /** No group is left: the selection matches nothing, no query is needed. */
  readonly matchesNothing: boolean;
  /** Some group names no field, or the selection is `[]`: `assertBounded` refuses it. */
  readonly unbounded: boolean;
  /** Some field of some group has an empty value list: `assertBounded` refuses it too (a write must name what it writes). */
  readonly emptyList: boolean;
}

/** Validates field names and value lists (CustosError 'invalid-input'); does not check that fields exist in the store. */
export function checkSelection(selection: Selection): CheckedSelection {
  const { collection, where } = selection;
  if (typeof where !== 'object' || where === null)
    throw invalid(`the selection on ${collection.qualifiedName} has no where object or array`);
  if (!isGroupList(where)) {
    const terms = checkGroup(collection, where);
    const matchesNothing = terms.some(isEmpty);
    return { collection, groups: matchesNothing ? [] : [terms], matchesNothing, unbounded: terms.length === 0, emptyList: matchesNothing };
  }
  const groups: WhereGroup[] = [];
  let unbounded = where.length === 0;
  let emptyList = false;
  for (const group of where) {
    assertGroupObject(collection, group);
    const terms = checkGroup(collection, group);
    if (terms.length === 0) unbounded = true;
    if (!terms.some(isEmpty)) groups.push(terms);
    else emptyList = true;
  }
  const everything = groups.find((terms) => terms.length === 0);
  return { collection, groups: everything ? [everything] : groups, matchesNothing: groups.length === 0, unbounded, emptyList };
}

/** Refuses a group of an OR selection that is not an object of value lists (CustosError 'invalid-input'). */
export function assertGroupObject(collection: CollectionModel, group: unknown): asserts group is Where {
  if (typeof group !== 'object' || group === null || Array.isArray(group)) {
    throw invalid(`each group of the selection on ${collection.qualifiedName} must be an object of value lists`);
  }
}

/** The selection of exactly the row with these key values (`{ id: 41 }` → `{ id: [41] }`). */
export function keyWhere<V>(key: Readonly<Record<string, V>>): Record<string, V[]> {
  const where: Record<string, V[]> = {};
  for (const [field, value] of Object.entries(key)) where[field] = [value];
  return where;
}

/**
 * Refuses an update or delete whose condition is empty: no group at all, a group that names no field (it would touch
 * every row), or a field with an empty value list. Each is a caller's mistake (a lost list of keys, a route that found
 * nothing), and a store must never be asked to write on it; the rights engine skips a step with nothing to select.
 */
export function assertBounded(checked: CheckedSelection, operation: 'update' | 'delete'): void {
  if (checked.unbounded) refuseUnbounded(checked.collection, operation);
  if (checked.emptyList) refuseEmptyList(checked.collection, operation);
}

/** The refusal of `assertBounded`, for a caller that knows the selection is unbounded without checking it all. */
export function refuseUnbounded(collection: CollectionModel, operation: 'update' | 'delete'): never {
  throw invalid(`refusing to ${operation} ${collection.qualifiedName}: the selection has no group, or a group that names no field`);
}

/** The refusal of `assertBounded` for an empty value list (a write on it would be a no-op at best, a mistake always). */
export function refuseEmptyList(collection: CollectionModel, operation: 'update' | 'delete'): never {
  throw invalid(`refusing to ${operation} ${collection.qualifiedName}: a field of the selection has an empty list of values`);
}

/**
 * The last check before a store writes: the condition it is about to send has a group, every group a term, every term a
 * value. Connectors call it where they build the write itself, under `assertBounded`, so no path around it runs unbounded.
 */
export function assertWriteCondition(label: string, groups: readonly WhereGroup[], operation: 'update' | 'delete'): void {
  if (groups.length === 0 || groups.some((terms) => terms.length === 0 || terms.some(isEmpty))) {
    throw invalid(`refusing to ${operation} ${label}: the condition of the write is empty`);
  }
}

/** Array.isArray, narrowing a readonly array too. */
function isGroupList(where: Selection['where']): where is readonly Where[] {
  return Array.isArray(where);
}

function checkGroup(collection: CollectionModel, where: Where): WhereTerm[] {
  const terms: WhereTerm[] = [];
  for (const [field, values] of Object.entries(where)) {
    checkField(collection, field);
    if (!Array.isArray(values)) throw invalid(`the selection on ${collection.qualifiedName}.${field} must be a list of values`);
    if (collection.fields.get(field)?.foldCase === true) terms.push({ field, values: foldValues(values), fold: true });
    else terms.push({ field, values: values.length < 2 ? values.slice() : [...new Set(values)] });
  }
  return terms;
}

function foldValues(values: readonly Value[]): Value[] {
  return [...new Set(values.map((v) => (typeof v === 'string' ? foldCase(v) : v)))];
}

function isEmpty(term: WhereTerm): boolean {
  return term.values.length === 0;
}

/**
 * Fields a find returns: the ones asked for, else (undefined or an empty list) the primary key and every declared field.
 * An empty result means "all the store has" (a collection that declares nothing).
 */
export function resultFields(collection: CollectionModel, fields: readonly string[] | undefined): readonly string[] {
  if (fields && fields.length > 0) {
    // A caller that passes the same list again (the rights engine keeps its lists) is not checked again; lists are readonly.
    if (checkedLists.has(fields)) return fields;
    for (const name of fields) checkField(collection, name);
    checkedLists.add(fields);
    return fields;
  }
  // One default list per collection (models are immutable): the same array each call, so caches keyed by it hit.
  let names = defaultFields.get(collection);
  if (names === undefined) {
    names = [...new Set([...collection.primaryKey, ...collection.fields.keys()])];
    for (const name of names) checkField(collection, name);
    defaultFields.set(collection, names);
  }
  return names;
}

const checkedLists = new WeakSet<readonly string[]>();
const defaultFields = new WeakMap<CollectionModel, readonly string[]>();

/** Validated assignments of an update; an empty `set` is refused as a likely mistake. */
export function checkAssignments(collection: CollectionModel, set: Readonly<Record<string, Value>>): readonly (readonly [string, Value])[] {
  const entries = Object.entries(set ?? {});
  if (entries.length === 0) throw invalid(`the update of ${collection.qualifiedName} sets no field`);
  for (const [field] of entries) checkField(collection, field);
  return entries;
}

/** Rows per round trip when a find names no `batchSize`. */
export const DEFAULT_BATCH_SIZE = 1000;

/** Rows per round trip when streaming (default `DEFAULT_BATCH_SIZE`, 1,000); must be a positive integer. */
export function batchSizeOf(batchSize: number | undefined): number {
  if (batchSize === undefined) return DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw invalid(`batchSize must be a positive integer, not ${batchSize}`);
  return batchSize;
}

/** `checkIdentifier` for a field, naming the collection only when it fails (this runs for every field of every call). */
function checkField(collection: CollectionModel, name: unknown): void {
  if (!isIdentifier(name)) checkIdentifier(name, `field of ${collection.qualifiedName}`);
}

function invalid(message: string): CustosError {
  return new CustosError({ code: 'invalid-input', message });
}

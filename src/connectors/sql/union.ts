// An OR selection too large for one statement: its parts run one after another, and a row two groups match counts once.
import type { CollectionModel } from '../../policy/index.js';
import type { Value } from '../connector.js';
import { checkIdentifier } from '../identifiers.js';
import type { WhereGroup, WhereTerm } from '../selection.js';
import { firstTime } from '../union.js';
import { jsonReplacer } from '../values.js';
import type { ClientRow, SqlAdapter } from './adapter.js';
import { identityAlias, splitGroups } from './queries.js';
import type { SqlStatements } from './statements.js';

export interface UnionScope {
  readonly statements: SqlStatements;
  readonly adapter: SqlAdapter;
  readonly table: string;
}

/** Tables → their row identity when the collection declares no primary key; one per connector, shared by its transactions. */
export type RowIdentities = Map<string, readonly string[]>;

/**
 * Columns that tell the rows of `table` apart: the collection's primary key, else the adapter's row identity (SQLite's
 * rowid) when the table has one. None (no primary key declared, and a PostgreSQL or MySQL table, a SQLite view or a
 * WITHOUT ROWID table): a row several parts match is found, counted and updated once per part. Whether the table has the
 * row identity is asked once per connector (`known`): the schema is taken as stable while it is open.
 */
export async function identityOf(scope: UnionScope, collection: CollectionModel, known: RowIdentities): Promise<readonly string[]> {
  if (collection.primaryKey.length > 0) {
    return collection.primaryKey.map((column) => checkIdentifier(column, `primary key of ${collection.qualifiedName}`));
  }
  const column = scope.adapter.rowIdentity;
  if (column === undefined) return [];
  let identity = known.get(scope.table);
  if (identity === undefined) {
    identity = (await scope.statements.hasColumn(scope.table, column)) ? [column] : [];
    known.set(scope.table, identity);
  }
  return identity;
}

/** Pages of the parts' rows, each row once by its `identity`; without identity, as often as parts return it. */
export async function* unionPages(
  scope: UnionScope,
  fields: readonly string[],
  parts: readonly (readonly WhereGroup[])[],
  identity: readonly string[],
  batchSize: number,
): AsyncGenerator<readonly ClientRow[]> {
  for await (const page of distinctPages(scope, fields, parts, identity, batchSize)) {
    for (const row of page) for (let index = 0; index < identity.length; index++) delete row[identityAlias(index)];
    yield page;
  }
}

/** Rows of the union; with no identity, the sum of each part's count. */
export async function unionCount(
  scope: UnionScope,
  parts: readonly (readonly WhereGroup[])[],
  identity: readonly string[],
): Promise<number> {
  if (identity.length === 0) return sum(parts, (part) => scope.statements.count(scope.table, part));
  let total = 0;
  for await (const page of distinctPages(scope, identity, parts, identity, UNION_PAGE)) total += page.length;
  return total;
}

/**
 * Reads the identity of every row of the union, then updates those rows by identity, each once: a row several groups
 * match is neither set nor counted twice. With no identity, each part is updated in turn and such a row counts per part.
 */
export async function unionUpdate(
  scope: UnionScope,
  assignments: readonly (readonly [string, Value])[],
  parts: readonly (readonly WhereGroup[])[],
  identity: readonly string[],
): Promise<number> {
  const { statements, adapter, table } = scope;
  if (identity.length === 0) return sum(parts, (part) => statements.update(table, assignments, part));
  const keys: Value[][] = [];
  for await (const page of distinctPages(scope, identity, parts, identity, UNION_PAGE)) {
    for (const row of page) {
      const decoded = adapter.decode(row);
      keys.push(identity.map((_, index) => decoded[identityAlias(index)] ?? null));
    }
  }
  // One IN-list for a one-column identity; else a group per row, which only that row matches.
  const groups: WhereGroup[] =
    identity.length === 1
      ? [[{ field: identity[0]!, values: keys.map((key) => key[0]!) }]]
      : keys.map((key) => identity.map((field, index): WhereTerm => ({ field, values: [key[index]!] })));
  if (groups.length === 0 || groups[0]!.some((term) => term.values.length === 0)) return 0;
  return sum(splitGroups(groups, adapter.parameterBudget), (part) => statements.update(table, assignments, part));
}

/** Rows read per round trip when only identities are read. */
const UNION_PAGE = 1000;

/** Pages of the parts' rows with their identity (under `identityAlias` names), each row once; no identity: every row. */
async function* distinctPages(
  scope: UnionScope,
  fields: readonly string[],
  parts: readonly (readonly WhereGroup[])[],
  identity: readonly string[],
  batchSize: number,
): AsyncGenerator<ClientRow[]> {
  const { statements, adapter, table } = scope;
  const seen = new Set<string>();
  for (const part of parts) {
    for await (const page of adapter.pages(statements.select(table, fields, part, identity), batchSize)) {
      const kept = identity.length === 0 ? [...page] : page.filter((row) => firstTime(seen, identityKey(row, identity.length)));
      if (kept.length > 0) yield kept;
    }
  }
}

/** The row's identity (its `identityAlias` columns) as one string. */
function identityKey(row: ClientRow, columns: number): string {
  const values = Array.from({ length: columns }, (_, index) => row[identityAlias(index)]);
  return JSON.stringify(values, jsonReplacer);
}

/** Runs `run` on each item in turn and adds up what they return (rows counted or changed). */
export async function sum<T>(items: readonly T[], run: (item: T) => Promise<number>): Promise<number> {
  let total = 0;
  for (const item of items) total += await run(item);
  return total;
}

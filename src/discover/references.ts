// References of a draft: the store's foreign keys, and where it declares none, conservative proposals from naming conventions.
import { fieldTypeOf } from './field-types.js';
import type { TableFacts } from './tables.js';
import { findPhrase, singular, wordsOf, type Phrase } from './words.js';

export interface DraftReference {
  readonly table: string;
  readonly column: string;
  readonly target: { readonly table: string; readonly column: string };
  /** Why the reference is proposed when the store declares no foreign key for it (undefined: a declared foreign key). */
  readonly guessed?: string;
}

/** Words naming someone who acts on a row (a support rep, a manager): a reference to whoever the staff table holds. */
export const PERSON_ROLES: readonly Phrase[] = [
  'rep',
  'representative',
  'agent',
  'manager',
  'supervisor',
  'reports to',
  'staff',
  'employee',
];

export function readReferences(tables: ReadonlyMap<string, TableFacts>): DraftReference[] {
  const references: DraftReference[] = [];
  for (const table of tables.values()) {
    for (const col of table.collection.columns) {
      if (col.references) {
        references.push({ table: table.name, column: col.name, target: col.references });
        continue;
      }
      // A table's own single key, and Redis hashes (no keys declared), are not guessed at.
      if (table.primaryKey.length === 0 || (col.primaryKey && table.primaryKey.length === 1)) continue;
      const guess = guessTarget(col.name, col.dataType, table, tables);
      if (guess) references.push({ table: table.name, column: col.name, ...guess });
    }
  }
  return references;
}

/**
 * `customer_id` → `customer.id` or `customers.customer_id` (the table's single primary key, of the same type); a role
 * (`SupportRepId`, `ReportsTo`) → the key of the one staff table, only when exactly one exists.
 */
function guessTarget(
  column: string,
  dataType: string,
  table: TableFacts,
  tables: ReadonlyMap<string, TableFacts>,
): Omit<DraftReference, 'table' | 'column'> | undefined {
  const words = wordsOf(column);
  const keyed = words.length > 1 && words.at(-1) === 'id';
  const base = (keyed ? words.slice(0, -1) : words).map(singular);
  const keyOf = (t: TableFacts) => {
    const [pk] = t.primaryKey;
    if (t.primaryKey.length !== 1 || pk === undefined) return undefined;
    const pkCol = t.collection.columns.find((c) => c.name === pk);
    if (!pkCol || fieldTypeOf(pkCol.dataType) !== fieldTypeOf(dataType)) return undefined;
    return pk;
  };
  if (keyed) {
    for (const t of tables.values()) {
      if (t.words.join(' ') !== base.join(' ')) continue;
      const pk = keyOf(t);
      if (pk === undefined) continue;
      const pkWords = wordsOf(pk);
      if (pk.toLowerCase() === 'id' || pkWords.join(' ') === words.join(' '))
        return { target: { table: t.name, column: pk }, guessed: `the column is named after the key of ${t.name}` };
    }
  }
  const role = findPhrase(keyed ? words.slice(0, -1) : words, PERSON_ROLES);
  const staff = [...tables.values()].filter((t) => t.workforce && t.people !== undefined && keyOf(t) !== undefined);
  const [only] = staff;
  if (role !== undefined && (keyed || fieldTypeOf(dataType) === 'integer') && staff.length === 1 && only !== undefined) {
    const via = only === table ? 'its own table' : `${only.name} (the only staff table)`;
    return { target: { table: only.name, column: keyOf(only)! }, guessed: `the column names a role ("${role}") and ${via} has that key` };
  }
  // Applications that keep customers and staff in one `users` table name its key after the role (customer_id, owner_id).
  const person = keyed ? findPhrase(words.slice(0, -1), USER_ROLES) : undefined;
  const users = [...tables.values()].filter((t) => t.words.join(' ') === 'user' && t.people !== undefined && keyOf(t) !== undefined);
  const [theUsers] = users;
  if (person === undefined || staff.length > 0 || users.length !== 1 || theUsers === undefined) return undefined;
  return {
    target: { table: theUsers.name, column: keyOf(theUsers)! },
    guessed: `the column names a person ("${person}"), no table is named so, and ${theUsers.name} is the only table of users`,
  };
}

/** Who a key column may name in an application whose people are all in one `users` table. */
const USER_ROLES: readonly Phrase[] = [
  ...PERSON_ROLES,
  'customer',
  'client',
  'member',
  'owner',
  'author',
  'creator',
  'created by',
  'updated by',
  'assignee',
  'assigned to',
  'requester',
  'sender',
  'recipient',
];

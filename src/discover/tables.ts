// What the draft knows of each table: its columns' proposed categories (before context), and whether it looks like people.
import type { IntrospectedCollection, IntrospectedColumn } from '../connectors/index.js';
import { proposeCategory, type Proposal } from './detectors.js';
import { findPhrase, tableWords } from './words.js';

/** Tables named after people (singular words). */
const PERSON_TABLES = [
  'customer',
  'client',
  'user',
  'member',
  'employee',
  'staff',
  'person',
  'contact',
  'patient',
  'student',
  'subscriber',
  'dependent',
  'guest',
  'buyer',
  'driver',
  'passenger',
  'applicant',
  'candidate',
];
/** People who work for the provider: a row naming one of them is usually a role (who handled it), not the row's owner. */
export const WORKFORCE_TABLES = ['employee', 'staff', 'agent', 'rep', 'representative', 'worker', 'personnel', 'salesperson'];

export interface TableFacts {
  readonly name: string;
  /** Singular words of the name: `media_types` → media · type. */
  readonly words: readonly string[];
  readonly collection: IntrospectedCollection;
  readonly primaryKey: readonly string[];
  /** Proposals from each column's name and samples, before the table's context decides which hold. */
  readonly proposals: ReadonlyMap<string, Proposal>;
  /** Why the table looks like people (an e-mail, a first or last name, its name), or undefined. */
  people: string | undefined;
  /** People who work for the provider (employees, staff). */
  readonly workforce: boolean;
  /** Holds a phone number: its `name` is a person's name too. */
  readonly phone: boolean;
}

export function readTables(collections: readonly IntrospectedCollection[]): Map<string, TableFacts> {
  const tables = new Map<string, TableFacts>();
  for (const c of collections) {
    if (c.lists !== undefined) continue;
    const proposals = proposalsOf(c.columns);
    const words = tableWords(c.name);
    const has = (category: string) => [...proposals.values()].some((p) => p.category === category && p.marksPeople);
    const named = findPhrase(words, PERSON_TABLES);
    const people = named
      ? `its name says "${named}"`
      : has('user.contact.email')
        ? 'it holds an e-mail address'
        : has('user.identity.name')
          ? 'it holds a first or last name'
          : undefined;
    tables.set(c.name, {
      name: c.name,
      words,
      collection: c,
      primaryKey: c.columns.filter((col) => col.primaryKey).map((col) => col.name),
      proposals,
      people,
      workforce: findPhrase(words, WORKFORCE_TABLES) !== undefined,
      phone: [...proposals.values()].some((p) => p.category === 'user.contact.phone' && p.scope === 'any'),
    });
  }
  return tables;
}

/** Two passes: the first finds address columns, so that `state` or `country` beside them read as parts of an address. */
function proposalsOf(columns: readonly IntrospectedColumn[]): Map<string, Proposal> {
  const first = new Map<string, Proposal>();
  for (const col of columns) {
    const p = proposeCategory(col.name, col.samples, { dataType: col.dataType });
    if (p) first.set(col.name, p);
  }
  const besideAddress = [...first.values()].some((p) => p.category === 'user.contact.address' && p.scope === 'person');
  if (!besideAddress) return first;
  const second = new Map<string, Proposal>();
  for (const col of columns) {
    const p = proposeCategory(col.name, col.samples, { dataType: col.dataType, besideAddress });
    if (p) second.set(col.name, p);
  }
  return second;
}

/** A table of people, or one with a phone: where a bare `name` or a `title` is a person's. */
export function looksLikePeople(table: TableFacts): boolean {
  return table.people !== undefined || table.phone;
}

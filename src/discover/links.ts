// Proposes each reference's link (belongs-to, owns, association) with its reason, and which tables a request then reaches.
import type { ReferenceLink } from '../policy/index.js';
import type { DraftReference } from './references.js';
import type { TableFacts } from './tables.js';
import { findPhrase, wordsOf, type Phrase } from './words.js';

export interface ProposedLink {
  readonly link: ReferenceLink;
  readonly reason: string;
}

/** Words saying the column names someone acting on the row, not its owner. */
const ROLES: readonly Phrase[] = [
  'rep',
  'representative',
  'agent',
  'assigned',
  'assignee',
  'processed by',
  'handled by',
  'manager',
  'managed by',
  'supervisor',
  'reports to',
  'created by',
  'creator',
  'updated by',
  'modified by',
  'approved by',
  'approver',
  'reviewed by',
  'reviewer',
  'referrer',
  'referred by',
  'sponsor',
  'mentor',
];

/** The role a column's name says (`SupportRepId` → "rep"), or undefined. */
export function roleOf(column: string): Phrase | undefined {
  return findPhrase(wordsOf(column), ROLES);
}

/** Words naming the person a row is for (its customer, its user), as opposed to someone acting on it. */
const ACCOUNT_HOLDERS: readonly Phrase[] = ['customer', 'client', 'user', 'member', 'subscriber', 'patient', 'student', 'guest'];

function namesAccount(column: string): boolean {
  return findPhrase(wordsOf(column), ACCOUNT_HOLDERS) !== undefined;
}

const key = (r: DraftReference) => `${r.table}.${r.column}`;

/** Links for every reference, recomputed until stable: a row of a table that belongs to a person belongs to them too. */
export function proposeLinks(tables: ReadonlyMap<string, TableFacts>, references: readonly DraftReference[]): Map<string, ProposedLink> {
  let links = new Map<string, ProposedLink>();
  for (let round = 0; round <= tables.size; round++) {
    const owned = new Set(references.filter((r) => links.get(key(r))?.link === 'belongs-to').map((r) => r.table));
    const next = new Map(references.map((r) => [key(r), linkOf(r, tables, references, owned)] as const));
    const stable = [...next].every(([k, l]) => links.get(k)?.link === l.link);
    links = next;
    if (stable) break;
  }
  return links;
}

function linkOf(
  ref: DraftReference,
  tables: ReadonlyMap<string, TableFacts>,
  references: readonly DraftReference[],
  belongsToSomeone: ReadonlySet<string>,
): ProposedLink {
  const from = tables.get(ref.table);
  const to = tables.get(ref.target.table);
  const association = (reason: string): ProposedLink => ({ link: 'association', reason });
  if (!from || !to) return association('the referenced table was not read: check');
  if (from === to) return association('the row points at another row of its own table (a manager, a parent): someone else');
  const role = roleOf(ref.column);
  if (role !== undefined) return association(`the column names a role ("${role}"): someone who acts on the row, not its owner`);
  const spread = from.collection.columns.find((c) => c.name === ref.column)?.spread;
  const oneToOne = spread !== undefined && spread.rows >= 2 && spread.distinct === spread.rows;
  const manyToOne = spread !== undefined && spread.rows >= 2 && spread.distinct < spread.rows;
  if (to.people !== undefined) {
    if (from.people !== undefined) {
      if (oneToOne && !from.workforce)
        return { link: 'belongs-to', reason: `one ${from.name} row per ${to.name} row in the sample: the same person's` };
      if (wordsOf(ref.column).join(' ') === [...to.words, 'id'].join(' '))
        return {
          link: 'belongs-to',
          reason: `both tables hold people, and the column is named after ${to.name}, not after a role: each ${from.name} row is attached to one ${to.name} (a dependent, a contact); association if it is someone the ${to.name} only serves`,
        };
      return association(`both tables hold people: the ${to.name} row is someone else`);
    }
    const owner = references.find(
      (r) =>
        r !== ref && r.table === ref.table && tables.get(r.target.table)?.people !== undefined && !tables.get(r.target.table)?.workforce,
    );
    if (to.workforce && owner !== undefined)
      return association(`the row belongs to a ${owner.target.table} (${owner.column}); the ${to.name} row named here is who handled it`);
    const customer = references.find(
      (r) => r !== ref && r.table === ref.table && tables.get(r.target.table)?.people !== undefined && namesAccount(r.column),
    );
    if (customer !== undefined && !namesAccount(ref.column))
      return association(
        `the row belongs to the person in ${customer.column}; the ${to.name} row named here plays another part (an owner, a team)`,
      );
    return { link: 'belongs-to', reason: `each row belongs to one ${to.name} row (a child table with no identity of its own)` };
  }
  if (belongsToSomeone.has(to.name) && from.people === undefined)
    return { link: 'belongs-to', reason: `each row belongs to one ${to.name} row, which belongs to a person` };
  if (isLookup(to)) return association('the referenced table holds no personal data (a lookup, a catalogue)');
  if (manyToOne)
    return association(
      `many ${from.name} rows point at one ${to.name} row (${spread.rows} rows, ${spread.distinct} distinct values sampled)`,
    );
  if (oneToOne) return { link: 'owns', reason: `one-to-one over ${spread.rows} sampled rows: ${sharing(ref, tables, references)}` };
  return association('too few rows to tell whose row is whose: check');
}

/** A table with no personal data but names and titles (genres, countries, jobs): what points at it is not its person's. */
function isLookup(table: TableFacts): boolean {
  if (table.people !== undefined || table.phone) return false;
  return [...table.proposals.values()].every((p) => p.scope === 'people' || p.category === 'user.identity.company');
}

/** Whether sampled rows of other tables point at the same target rows (a shared address): owns keeps a shared row. */
function sharing(ref: DraftReference, tables: ReadonlyMap<string, TableFacts>, references: readonly DraftReference[]): string {
  const samplesOf = (r: DraftReference) => tables.get(r.table)?.collection.columns.find((c) => c.name === r.column)?.samples ?? [];
  const mine = new Set(samplesOf(ref).map(String));
  const others = references.filter(
    (r) => r.table !== ref.table && r.target.table === ref.target.table && r.target.column === ref.target.column,
  );
  const shared = others.filter((r) => samplesOf(r).some((v) => mine.has(String(v)))).map((r) => r.table);
  const base = `each ${ref.target.table} row is referenced by only one ${ref.table} row in the sample`;
  if (shared.length > 0)
    return `${base}, but rows of ${shared.join(', ')} point at some of the same rows: owns keeps a row others still reference`;
  return others.length > 0 ? `${base}, and the sampled rows of ${others.map((r) => r.table).join(', ')} point at other rows` : base;
}

/** Tables whose rows a request reaches: tables of people, then what belongs to a reached row, and what a reached row owns. */
export function reachedTables(
  tables: ReadonlyMap<string, TableFacts>,
  references: readonly DraftReference[],
  links: ReadonlyMap<string, ProposedLink>,
): Set<string> {
  const reached = new Set([...tables.values()].filter((t) => t.people !== undefined).map((t) => t.name));
  for (let grew = true; grew;) {
    grew = false;
    for (const r of references) {
      const link = links.get(key(r))?.link;
      const add =
        link === 'belongs-to' && reached.has(r.target.table)
          ? r.table
          : link === 'owns' && reached.has(r.table)
            ? r.target.table
            : undefined;
      if (add !== undefined && !reached.has(add)) {
        reached.add(add);
        grew = true;
      }
    }
  }
  return reached;
}

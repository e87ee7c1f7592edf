// Drafts a manifest dataset section from an introspected store: tables, keys, types, categories, references and their links.
import { Document, isMap, isPair, isScalar, type YAMLMap } from 'yaml';
import type { IntrospectedCollection, IntrospectedColumn } from '../connectors/index.js';
import type { StoreKind } from '../policy/index.js';
import { looksHashed, type Proposal } from './detectors.js';
import { fieldTypeOf, holdsText } from './field-types.js';
import { proposeLinks, reachedTables, roleOf, type ProposedLink } from './links.js';
import { readReferences, type DraftReference } from './references.js';
import { reviewHeader } from './review.js';
import { looksLikePeople, readTables, type TableFacts } from './tables.js';
import { findPhrase, wordsOf } from './words.js';

export interface DraftOptions {
  /** Dataset id in the manifest (default "main"). */
  readonly name?: string;
  readonly kind: StoreKind;
  /** How the draft refers to the store: a file for SQLite, else an environment variable holding the URL. */
  readonly store: { readonly file: string } | { readonly env: string };
}

export interface DatasetDraft {
  readonly yaml: string;
  /** Columns whose sampled values must never be stored (e.g. full card numbers). */
  readonly alarms: readonly string[];
  /** Categories proposed. */
  readonly proposals: number;
  /** References drafted (declared foreign keys and proposals from column names), each with a proposed link. */
  readonly references: number;
}

/** What the draft decided for one column, and why (the comment above it). */
interface FieldDraft {
  readonly field: Record<string, unknown>;
  readonly notes: readonly string[];
  readonly proposal?: Proposal | undefined;
}

/**
 * Returns YAML to paste under `datasets:`. Each proposed category, reference and link carries its reason in a comment, and a
 * header lists the decisions left to the reader.
 */
export function draftDataset(collections: readonly IntrospectedCollection[], options: DraftOptions): DatasetDraft {
  const name = options.name ?? 'main';
  const tables = readTables(collections);
  const references = readReferences(tables);
  markPeopleByRole(tables, references);
  const links = proposeLinks(tables, references);
  const reached = reachedTables(tables, references, links);
  const alarms: string[] = [];
  const comments = new Map<string, string>();
  const keyComments = new Map<string, string>();
  const collectionsOut: Record<string, unknown> = {};
  const categorised = new Map<string, string[]>();
  for (const c of collections) {
    // A Redis index of another collection's keys holds no data of its own: it is proposed as that collection's keyIndex.
    const table = tables.get(c.name);
    if (table === undefined) continue;
    if (c.listedBy !== undefined) {
      const named = (pattern: string) => pattern.replaceAll('*', '{…}');
      keyComments.set(
        c.name,
        ` the sets ${c.listedBy} list these keys. Name the placeholders of key (${named(c.key ?? '')}), then declare\n` +
          ` keyIndex: '${named(c.listedBy)}' with the placeholder both share: a lookup by it reads one set, not every key.`,
      );
    }
    const fields: Record<string, Record<string, unknown>> = {};
    for (const col of c.columns) {
      const ref = references.find((r) => r.table === c.name && r.column === col.name);
      const drafted = draftField(col, table, ref, ref && links.get(`${ref.table}.${ref.column}`), { tables, reached, kind: options.kind });
      fields[col.name] = drafted.field;
      if (drafted.notes.length > 0) comments.set(`${c.name}.${col.name}`, drafted.notes.map((n) => ` ${n}`).join('\n'));
      if (drafted.proposal?.alarm) alarms.push(`${c.name}.${col.name}: ${drafted.proposal.alarm}`);
      if (drafted.field.category !== undefined) categorised.set(c.name, [...(categorised.get(c.name) ?? []), col.name]);
    }
    collectionsOut[c.name] = {
      ...(c.key ? { key: c.key } : {}),
      ...(c.type ? { type: c.type } : {}),
      ...(table.primaryKey.length === 1
        ? { primaryKey: table.primaryKey[0] }
        : table.primaryKey.length > 1
          ? { primaryKey: table.primaryKey }
          : {}),
      fields,
    };
  }
  const store = { kind: options.kind, ...('file' in options.store ? { file: options.store.file } : { url: { env: options.store.env } }) };
  const doc = new Document({ datasets: { [name]: { store, collections: collectionsOut } } });
  doc.commentBefore = reviewHeader({ tables, references, links, reached, categorised, alarms });
  annotate(doc, name, comments, keyComments);
  const proposals = [...categorised.values()].reduce((n, list) => n + list.length, 0);
  return { yaml: doc.toString({ lineWidth: 0 }), alarms, proposals, references: references.length };
}

interface DraftContext {
  readonly tables: ReadonlyMap<string, TableFacts>;
  readonly reached: ReadonlySet<string>;
  readonly kind: StoreKind;
}

function draftField(
  col: IntrospectedColumn,
  table: TableFacts,
  ref: DraftReference | undefined,
  link: ProposedLink | undefined,
  context: DraftContext,
): FieldDraft {
  const storeType = fieldTypeOf(col.dataType);
  // SQLite keeps dates as text: the name tells.
  const dated =
    context.kind === 'sqlite' &&
    storeType === 'string' &&
    findPhrase(wordsOf(col.name).slice(-1), ['at', 'on', 'date', 'time', 'timestamp']);
  const field: Record<string, unknown> = { type: dated ? 'datetime' : storeType };
  const notes: string[] = [];
  const proposal = categoryOf(col, table, ref, link, context);
  if (proposal?.category) {
    field.category = proposal.category;
    if (proposal.type && holdsText(col.dataType) && !dated) field.type = proposal.type;
    notes.push(`proposed: ${proposal.reason}${proposal.alarm ? ` — WARNING: ${proposal.alarm}` : ''}`);
  }
  if (!col.nullable) field.required = true;
  if (ref) {
    field.references = `${ref.target.table}.${ref.target.column}`;
    if (ref.guessed) notes.push(`reference proposed from the column name (the store declares no foreign key): ${ref.guessed}`);
    if (link) {
      field.link = link.link;
      notes.push(`link ${link.link} proposed: ${link.reason}`);
    }
  }
  if (proposal?.category === 'user.auth.password' && looksHashed(col.samples)) {
    field.protection = 'hashed';
    notes.push('protection hashed proposed: the sampled values look like password hashes');
  }
  return { field, notes, proposal };
}

/** The category a column gets once its table's context is known: keys are not the data they point at. */
function categoryOf(
  col: IntrospectedColumn,
  table: TableFacts,
  ref: DraftReference | undefined,
  link: ProposedLink | undefined,
  context: DraftContext,
): Proposal | undefined {
  if (ref) {
    const target = context.tables.get(ref.target.table);
    if (link?.link === 'belongs-to' && target?.people !== undefined)
      return { category: 'user.account.id', scope: 'any', reason: `the id of the ${target.name} row this row belongs to` };
    return undefined;
  }
  if (col.primaryKey && table.primaryKey.length === 1 && table.people !== undefined)
    return { category: 'user.account.id', scope: 'any', reason: `the key of a table of people (${table.people})` };
  const raw = table.proposals.get(col.name);
  if (raw === undefined) return undefined;
  if (raw.scope === 'person' && !context.reached.has(table.name) && !looksLikePeople(table)) return undefined;
  if (raw.scope === 'people' && !looksLikePeople(table)) return undefined;
  return raw;
}

/** A table a role column points at (a support rep's) holds people, whatever its columns. */
function markPeopleByRole(tables: ReadonlyMap<string, TableFacts>, references: readonly DraftReference[]): void {
  for (const r of references) {
    const target = tables.get(r.target.table);
    const role = roleOf(r.column);
    if (target === undefined || target.people !== undefined || role === undefined || target === tables.get(r.table)) continue;
    target.people = `${r.table}.${r.column} names a role ("${role}") its rows hold`;
  }
}

function annotate(doc: Document, name: string, comments: ReadonlyMap<string, string>, keyComments: ReadonlyMap<string, string>): void {
  const collections = doc.getIn(['datasets', name, 'collections']);
  if (!isMap(collections)) return;
  for (const pair of collections.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !isMap(pair.value)) continue;
    const keyComment = keyComments.get(String(pair.key.value));
    const key = (pair.value as YAMLMap).items.find((item) => isScalar(item.key) && item.key.value === 'key');
    if (keyComment && key && isScalar(key.key)) key.key.commentBefore = keyComment;
    const fields = (pair.value as YAMLMap).get('fields');
    if (!isMap(fields)) continue;
    for (const field of fields.items) {
      if (!isPair(field) || !isScalar(field.key)) continue;
      const comment = comments.get(`${String(pair.key.value)}.${String(field.key.value)}`);
      if (comment) field.key.commentBefore = comment;
    }
  }
}

// Drafts a manifest dataset section from an introspected store: tables, columns, references, proposed categories.
import { Document, isMap, isPair, isScalar, type YAMLMap } from 'yaml';
import type { IntrospectedCollection } from '../connectors/index.js';
import type { StoreKind } from '../policy/index.js';
import { fieldTypeOf, proposeCategory } from './detectors.js';

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
  readonly proposals: number;
}

/** Returns YAML to paste under `datasets:`, with a comment saying why each category was proposed. */
export function draftDataset(collections: readonly IntrospectedCollection[], options: DraftOptions): DatasetDraft {
  const name = options.name ?? 'main';
  const alarms: string[] = [];
  let proposals = 0;
  const comments = new Map<string, string>();
  const keyComments = new Map<string, string>();
  const collectionsOut: Record<string, unknown> = {};
  for (const c of collections) {
    // A Redis index of another collection's keys holds no data of its own: it is proposed as that collection's keyIndex.
    if (c.lists !== undefined) continue;
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
      const type = fieldTypeOf(col.dataType);
      // SQLite keeps dates as text: the name tells.
      const field: Record<string, unknown> = { type: type === 'string' && /(_at|_on|date|time)$/i.test(col.name) ? 'datetime' : type };
      const proposal = col.primaryKey ? undefined : proposeCategory(col.name, col.samples);
      if (proposal?.category) {
        field.category = proposal.category;
        if (proposal.type) field.type = proposal.type;
        proposals++;
        comments.set(`${c.name}.${col.name}`, `proposed: ${proposal.reason}${proposal.alarm ? ` — WARNING: ${proposal.alarm}` : ''}`);
        if (proposal.alarm) alarms.push(`${c.name}.${col.name}: ${proposal.alarm}`);
      }
      if (col.references) field.references = `${col.references.table}.${col.references.column}`;
      fields[col.name] = field;
    }
    const primaryKey = c.columns.filter((col) => col.primaryKey).map((col) => col.name);
    collectionsOut[c.name] = {
      ...(c.key ? { key: c.key } : {}),
      ...(c.type ? { type: c.type } : {}),
      ...(primaryKey.length === 1 ? { primaryKey: primaryKey[0] } : primaryKey.length > 1 ? { primaryKey } : {}),
      fields,
    };
  }
  const store = { kind: options.kind, ...('file' in options.store ? { file: options.store.file } : { url: { env: options.store.env } }) };
  const doc = new Document({ datasets: { [name]: { store, collections: collectionsOut } } });
  doc.commentBefore =
    ' Drafted by `custos generate dataset`. Check every proposed category, declare identities\n' +
    ' (identity: email, customer_id…), timestamps for retention and erasure strategies, then run `custos lint`.';
  annotate(doc, name, comments, keyComments);
  return { yaml: doc.toString({ lineWidth: 0 }), alarms, proposals };
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
      if (comment) field.key.commentBefore = ` ${comment}`;
    }
  }
}

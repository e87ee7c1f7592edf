// Datasets, their collections and fields: stores resolved against the profile, references parsed, identities folded.
import { isAbsolute, resolve } from 'node:path';
import type * as M from '../model.js';
import type { ManifestData } from '../schema/index.js';
import { optionalText, toText } from '../text.js';
import { RETENTION_TRIGGERS, UNDATED, type ReferenceLink } from '../vocabulary.js';
import { freezeMap } from './values.js';

type Dataset = ManifestData['datasets'][string];
type Collection = Dataset['collections'][string];

function parseReference(text: string | undefined, link: ReferenceLink | undefined, dataset: string): M.ReferenceModel | undefined {
  if (text === undefined) return undefined;
  const parts = text.split('.');
  const meaning = { link: link ?? 'association', declared: link !== undefined };
  if (parts.length === 2) return { dataset, collection: parts[0] ?? '', field: parts[1] ?? '', ...meaning };
  return { dataset: parts[0] ?? '', collection: parts[1] ?? '', field: parts[2] ?? '', ...meaning };
}

/** Case-insensitive identities the stores may hold in any case: the fields holding them are compared lower-cased. */
export function foldedIdentities(data: ManifestData): ReadonlySet<string> {
  return new Set(
    Object.entries(data.identities).flatMap(([id, k]) =>
      (k.caseInsensitive ?? k.type === 'email') && k.storedLowercase !== true ? [id] : [],
    ),
  );
}

export function buildDataset(
  id: string,
  ds: Dataset,
  categories: ReadonlyMap<string, M.CategoryModel>,
  baseDir: string,
  profile: string | undefined,
  folded: ReadonlySet<string>,
): M.DatasetModel {
  const { profiles, ...base } = ds.store;
  const selected = (profile === undefined ? undefined : profiles?.[profile]) ?? base;
  const store: M.StoreModel = Object.freeze({
    ...selected,
    file: selected.file === undefined ? undefined : isAbsolute(selected.file) ? selected.file : resolve(baseDir, selected.file),
    profile: selected === base ? undefined : profile,
  });
  return Object.freeze({
    id,
    description: optionalText(ds.description),
    store,
    collections: freezeMap(Object.entries(ds.collections).map(([name, c]) => [name, buildCollection(id, name, c, categories, folded)])),
  });
}

function buildCollection(
  dataset: string,
  name: string,
  c: Collection,
  categories: ReadonlyMap<string, M.CategoryModel>,
  folded: ReadonlySet<string>,
): M.CollectionModel {
  const provided = c.provided ?? false;
  const foldsCase = (fieldName: string, f: { identity?: string | undefined }) =>
    (f.identity !== undefined && folded.has(f.identity)) ||
    Object.entries(c.identity ?? {}).some(
      ([key, held]) => folded.has(key) && (typeof held === 'string' ? held === fieldName : held.includes(fieldName)),
    );
  const fields = freezeMap(
    Object.entries(c.fields).map(([fieldName, f]) => [
      fieldName,
      Object.freeze({
        ...f,
        name: fieldName,
        dataset,
        collection: name,
        class: f.category === undefined ? undefined : categories.get(f.category)?.class,
        description: optionalText(f.description),
        label: optionalText(f.label),
        references: parseReference(f.references, f.link, dataset),
        required: f.required ?? false,
        ...(foldsCase(fieldName, f) ? { foldCase: true } : {}),
        protection: f.protection ?? 'clear',
        provided: f.provided ?? provided,
        violation: f.violation && { reason: toText(f.violation.reason), found: f.violation.found },
      }) satisfies M.FieldModel,
    ]),
  );
  const identityFields = new Map<string, string[]>(
    Object.entries(c.identity ?? {}).map(([key, held]) => [key, typeof held === 'string' ? [held] : [...new Set(held)]]),
  );
  // Fields declaring an identity themselves come in an order that does not depend on the manifest's key order: the
  // one named as the identity first (`email` before `backup_email`), then by name. A collection-level list keeps its order.
  const declaring = [...fields.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of declaring.sort((a, b) => Number(b.name === b.identity) - Number(a.name === a.identity))) {
    if (f.identity === undefined) continue;
    const held = identityFields.get(f.identity) ?? [];
    if (!held.includes(f.name)) identityFields.set(f.identity, [...held, f.name]);
  }
  const identity = new Map([...identityFields].map(([key, held]): [string, string] => [key, held[0] ?? '']));
  const pk = c.primaryKey === undefined ? (fields.has('id') ? ['id'] : []) : Array.isArray(c.primaryKey) ? c.primaryKey : [c.primaryKey];
  return Object.freeze({
    dataset,
    name,
    qualifiedName: `${dataset}.${name}`,
    description: optionalText(c.description),
    key: c.key,
    type: c.type,
    keyIndex: c.keyIndex,
    primaryKey: pk,
    identity,
    identityFields,
    timestamps: Object.fromEntries(Object.entries(c.timestamps ?? {}).filter(([, spec]) => spec !== UNDATED)),
    undated: RETENTION_TRIGGERS.filter((t) => c.timestamps?.[t] === UNDATED),
    retention: c.retention,
    anonymity: c.anonymity && {
      quasi: [...c.anonymity.quasi],
      sensitive:
        c.anonymity.sensitive === undefined
          ? []
          : typeof c.anonymity.sensitive === 'string'
            ? [c.anonymity.sensitive]
            : [...c.anonymity.sensitive],
      k: c.anonymity.k,
      l: c.anonymity.l,
      t: c.anonymity.t,
    },
    onErase: c.onErase ?? 'delete-row',
    restriction: c.restriction && {
      field: c.restriction.field,
      value: c.restriction.value ?? true,
      liftValue: c.restriction.liftValue ?? null,
    },
    outbox: c.outbox ?? false,
    thirdParty: c.thirdParty,
    provided,
    fields,
  });
}

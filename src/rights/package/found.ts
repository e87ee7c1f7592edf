// What an access package holds: the collections with rows, their files, the categories found and the values withheld.
import type { CollectionModel, FieldModel, PolicyModel } from '../../policy/index.js';
import { disclosureOf, WITHHELD, withheldMarker, type Disclosure, type WithheldMarkers } from '../execute/export.js';

/** A collection that had rows for the person, and the files of the package that carry them. */
export interface PackagedCollection {
  readonly collection: CollectionModel;
  readonly fields: readonly FieldModel[];
  readonly rows: number;
  /** `data/<dataset>.<collection>.json` and `.csv`. */
  readonly files: readonly string[];
  /** Outbox collections (K6.3): one readable file per email. */
  readonly emails: readonly string[];
}

/** A field whose values the package replaces by a marker, and why. */
export interface WithheldField {
  readonly field: FieldModel;
  readonly marker: string;
  /** Held against the rules (a declared violation) and being removed, rather than withheld by its protection or class. */
  readonly breach: boolean;
}

const BREACHES: ReadonlySet<Disclosure> = new Set(['card-number', 'security-code', 'forbidden']);

export function dataFileNames(collection: CollectionModel): { readonly json: string; readonly csv: string } {
  const base = `data/${collection.dataset}.${collection.name}`;
  return { json: `${base}.json`, csv: `${base}.csv` };
}

/** Categories of the exported fields, each with the collections it was found in, in first-seen order. */
export function foundCategories(collections: readonly PackagedCollection[]): ReadonlyMap<string, readonly CollectionModel[]> {
  const out = new Map<string, CollectionModel[]>();
  for (const c of collections) {
    for (const f of c.fields) {
      if (f.category === undefined) continue;
      const list = out.get(f.category) ?? [];
      if (!list.includes(c.collection)) list.push(c.collection);
      out.set(f.category, list);
    }
  }
  return out;
}

/**
 * The fields `exportValue` withholds (K1.2): stored encrypted or hashed, of a class never exported in clear, or held
 * against the rules and being removed (a full card number is listed without its last four digits).
 */
export function withheldFields(
  model: PolicyModel,
  collections: readonly PackagedCollection[],
  markers: WithheldMarkers = WITHHELD,
): WithheldField[] {
  return collections.flatMap((c) =>
    c.fields.flatMap((field): WithheldField[] => {
      const marker = withheldMarker(model, field, markers);
      return marker === undefined ? [] : [{ field, marker, breach: BREACHES.has(disclosureOf(model, field)) }];
    }),
  );
}

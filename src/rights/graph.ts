// The reference graph of a manifest's collections: who references whom, through which field.
import type { CollectionModel, PolicyModel, ReferenceLink } from '../policy/index.js';

export interface ReferenceEdge {
  /** The referencing collection (qualified) and its field. */
  readonly child: string;
  readonly childField: string;
  /** The referenced collection (qualified) and its field. */
  readonly parent: string;
  readonly parentField: string;
  /** What the reference says about whose row is whose (`association`: never walked by a request). */
  readonly link: ReferenceLink;
  /** The child's field is NOT NULL in the store: it can never be nulled. */
  readonly required: boolean;
}

export interface CollectionGraph {
  readonly collections: ReadonlyMap<string, CollectionModel>;
  readonly edges: readonly ReferenceEdge[];
  /** Edges where the collection is the child (it references others). */
  readonly outgoing: ReadonlyMap<string, readonly ReferenceEdge[]>;
  /** Edges where the collection is the parent (others reference it). */
  readonly incoming: ReadonlyMap<string, readonly ReferenceEdge[]>;
}

/**
 * The graph, with collections and edges sorted by name: whatever the order of the manifest's files and keys, the same
 * model gives the same graph, so the same plan.
 */
export function buildGraph(model: PolicyModel): CollectionGraph {
  const collections = new Map([...model.index.collections].sort(([a], [b]) => compareNames(a, b)));
  const edges: ReferenceEdge[] = [];
  for (const c of collections.values()) {
    for (const f of [...c.fields.values()].sort((a, b) => compareNames(a.name, b.name))) {
      if (!f.references) continue;
      const parent = `${f.references.dataset}.${f.references.collection}`;
      if (!collections.get(parent)?.fields.has(f.references.field)) continue;
      const { link } = f.references;
      edges.push({
        child: c.qualifiedName,
        childField: f.name,
        parent,
        parentField: f.references.field,
        link,
        required: f.required === true,
      });
    }
  }
  const outgoing = new Map<string, ReferenceEdge[]>();
  const incoming = new Map<string, ReferenceEdge[]>();
  for (const e of edges) {
    outgoing.set(e.child, [...(outgoing.get(e.child) ?? []), e]);
    incoming.set(e.parent, [...(incoming.get(e.parent) ?? []), e]);
  }
  return { collections, edges, outgoing, incoming };
}

/** True when the collection holds at least one field with a data category. */
export function isPersonal(c: CollectionModel): boolean {
  for (const f of c.fields.values()) if (f.category !== undefined) return true;
  return false;
}

/** Code-point order, independent of locale, so plans are the same on every machine. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

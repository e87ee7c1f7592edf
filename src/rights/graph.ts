// The reference graph of a manifest's collections: who references whom, through which field.
import type { CollectionModel, PolicyModel } from '../policy/index.js';

export interface ReferenceEdge {
  /** The referencing collection (qualified) and its field. */
  readonly child: string;
  readonly childField: string;
  /** The referenced collection (qualified) and its field. */
  readonly parent: string;
  readonly parentField: string;
}

export interface CollectionGraph {
  readonly collections: ReadonlyMap<string, CollectionModel>;
  readonly edges: readonly ReferenceEdge[];
  /** Edges where the collection is the child (it references others). */
  readonly outgoing: ReadonlyMap<string, readonly ReferenceEdge[]>;
  /** Edges where the collection is the parent (others reference it). */
  readonly incoming: ReadonlyMap<string, readonly ReferenceEdge[]>;
}

export function buildGraph(model: PolicyModel): CollectionGraph {
  const collections = model.index.collections;
  const edges: ReferenceEdge[] = [];
  for (const c of collections.values()) {
    for (const f of c.fields.values()) {
      if (!f.references) continue;
      const parent = `${f.references.dataset}.${f.references.collection}`;
      if (!collections.get(parent)?.fields.has(f.references.field)) continue;
      edges.push({ child: c.qualifiedName, childField: f.name, parent, parentField: f.references.field });
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

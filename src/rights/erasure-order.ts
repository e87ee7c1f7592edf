// Erasure order, derived from references: children before parents, cycles broken by nulling a reference first.
import type { CollectionModel } from '../policy/index.js';
import type { CollectionGraph, ReferenceEdge } from './graph.js';
import type { ErasureOperation, FieldOperation } from './plan.js';

type Mode = 'delete' | 'mask';

/** Plans erasure of the reached collections; `order` is the lookup order (used to keep ties stable). */
export function planErasure(graph: CollectionGraph, order: readonly string[]): { operations: ErasureOperation[]; notes: string[] } {
  const notes: string[] = [];
  const reached = new Set(order);
  const edges = graph.edges.filter((e) => e.child !== e.parent && reached.has(e.child) && reached.has(e.parent));
  const mode = new Map<string, Mode>();
  for (const q of order) {
    const c = graph.collections.get(q) as CollectionModel;
    const held = [...c.fields.values()].some((f) => f.strategy === 'hold');
    mode.set(q, held || c.onErase === 'mask' ? 'mask' : 'delete');
  }
  // A kept row whose reference is held keeps its parent too (masked instead of deleted).
  for (let changed = true; changed;) {
    changed = false;
    for (const e of edges) {
      const childField = graph.collections.get(e.child)?.fields.get(e.childField);
      if (mode.get(e.child) === 'mask' && mode.get(e.parent) === 'delete' && childField?.strategy === 'hold') {
        mode.set(e.parent, 'mask');
        notes.push(`${e.parent} is masked, not deleted: held rows of ${e.child} reference it through ${e.childField}`);
        changed = true;
      }
    }
  }
  const nullReferences: ErasureOperation[] = [];
  const remaining = new Set(order);
  const live = new Set(edges.filter((e) => mode.get(e.parent) === 'delete'));
  const sorted: string[] = [];
  while (remaining.size > 0) {
    // A collection is ready when no remaining collection still references it (its children are done).
    const ready = order.find((q) => remaining.has(q) && ![...live].some((e) => e.parent === q && remaining.has(e.child)));
    if (ready !== undefined) {
      sorted.push(ready);
      remaining.delete(ready);
      continue;
    }
    const breakable = [...live].find((e) => remaining.has(e.child) && remaining.has(e.parent) && canNull(graph, e));
    if (!breakable) {
      const stuck = order.find((q) => remaining.has(q)) as string;
      notes.push(`no reference of the cycle through ${stuck} can be nulled; relying on the store's deferred constraints`);
      sorted.push(stuck);
      remaining.delete(stuck);
      continue;
    }
    live.delete(breakable);
    const child = graph.collections.get(breakable.child) as CollectionModel;
    nullReferences.push({
      kind: 'null-reference',
      collection: breakable.child,
      dataset: child.dataset,
      field: breakable.childField,
      reason: `breaks the cycle with ${breakable.parent}`,
    });
  }
  const operations = sorted.map((q): ErasureOperation => {
    const c = graph.collections.get(q) as CollectionModel;
    if (mode.get(q) === 'delete') return { kind: 'delete', collection: q, dataset: c.dataset };
    const refsToDeleted = new Set(edges.filter((e) => e.child === q && mode.get(e.parent) === 'delete').map((e) => e.childField));
    return { kind: 'mask', collection: q, dataset: c.dataset, fields: maskOperations(c, refsToDeleted), holds: holdsOf(c) };
  });
  return { operations: [...nullReferences, ...operations], notes };
}

function canNull(graph: CollectionGraph, e: ReferenceEdge): boolean {
  const c = graph.collections.get(e.child);
  const f = c?.fields.get(e.childField);
  return c !== undefined && f !== undefined && f.strategy !== 'hold' && !c.primaryKey.includes(f.name);
}

/** Field operations for a kept row: personal fields per their strategy (default null), references to deleted rows nulled. */
function maskOperations(c: CollectionModel, refsToDeleted: ReadonlySet<string>): FieldOperation[] {
  const ops: FieldOperation[] = [];
  for (const f of c.fields.values()) {
    if (c.primaryKey.includes(f.name)) continue;
    if (f.strategy === 'hold') {
      if (!refsToDeleted.has(f.name)) ops.push({ field: f.name, strategy: 'hold', hold: f.hold });
      continue;
    }
    if ((f.category === undefined || f.strategy === 'keep') && !refsToDeleted.has(f.name)) continue;
    const strategy =
      f.strategy === undefined || f.strategy === 'delete-row' || f.strategy === 'keep' || refsToDeleted.has(f.name) ? 'null' : f.strategy;
    ops.push({ field: f.name, strategy, value: strategy === 'fixed' ? f.value : undefined });
  }
  return ops;
}

function holdsOf(c: CollectionModel): string[] {
  return [...new Set([...c.fields.values()].flatMap((f) => (f.strategy === 'hold' && f.hold !== undefined ? [f.hold] : [])))];
}

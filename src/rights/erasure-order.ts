// Erasure order, derived from references: children before parents, rows that outlive a deleted parent detached first.
import type { CollectionModel } from '../policy/index.js';
import { compareNames, type CollectionGraph, type ReferenceEdge } from './graph.js';
import type { ErasureOperation, FieldOperation } from './plan.js';

type Mode = 'delete' | 'mask';

/**
 * Plans erasure of the reached collections; `order` is the lookup order (deterministic, used to keep ties stable).
 *
 * Every write on a row that is kept has a reason: a reference is nulled only where it points at a row this erasure
 * deletes, and a row whose reference cannot be nulled (NOT NULL, held, part of its key) keeps its parent, masked
 * instead of deleted.
 */
export function planErasure(graph: CollectionGraph, order: readonly string[]): { operations: ErasureOperation[]; notes: string[] } {
  const notes: string[] = [];
  const reached = new Set(order);
  const mode = new Map<string, Mode>();
  for (const q of order) {
    const c = graph.collections.get(q) as CollectionModel;
    const held = [...c.fields.values()].some((f) => f.strategy === 'hold');
    mode.set(q, held || c.onErase === 'mask' ? 'mask' : 'delete');
  }
  // References into a reached collection whose referencing rows may outlive the rows it deletes: kept rows of the
  // person's, and anyone's rows linked by an association (another customer's order pointing at a deleted agent).
  // A row pointing at a row of its own collection (a manager) is someone else's unless the link says it belongs to it.
  const into = graph.edges.filter((e) => (e.child !== e.parent || e.link !== 'belongs-to') && reached.has(e.parent));
  const outlives = (e: ReferenceEdge) => e.link === 'association' || !reached.has(e.child) || mode.get(e.child) === 'mask';
  for (let changed = true; changed;) {
    changed = false;
    for (const e of into) {
      if (mode.get(e.parent) !== 'delete' || !outlives(e)) continue;
      const why = unnullable(graph, e);
      if (why === undefined) continue;
      mode.set(e.parent, 'mask');
      notes.push(`${e.parent} is masked, not deleted: rows of ${e.child} that stay reference it through ${e.childField}, ${why}`);
      changed = true;
    }
  }
  // A kept row of the person's whose mask nulls the reference anyway needs no separate write; anyone else's does.
  const maskNulls = (e: ReferenceEdge) =>
    e.link !== 'association' &&
    mode.get(e.child) === 'mask' &&
    maskOperations(graph.collections.get(e.child) as CollectionModel, []).some((f) => f.field === e.childField && f.strategy === 'null');
  const detached = into.filter((e) => mode.get(e.parent) === 'delete' && outlives(e) && !maskNulls(e));
  const detach: ErasureOperation[] = detached.map((e) => ({
    kind: 'null-reference',
    collection: e.child,
    dataset: (graph.collections.get(e.child) as CollectionModel).dataset,
    field: e.childField,
    reason: `it points at ${e.parent} rows this erasure deletes`,
    parent: { collection: e.parent, field: e.parentField },
  }));
  // Deletion order over the references the detaching above leaves in place: children before parents.
  const live = new Set(into.filter((e) => reached.has(e.child) && mode.get(e.parent) === 'delete' && !detached.includes(e)));
  const nullReferences: ErasureOperation[] = [];
  const remaining = new Set(order);
  const sorted: string[] = [];
  while (remaining.size > 0) {
    // A collection is ready when no remaining collection still references it (its children are done).
    const ready = order.find((q) => remaining.has(q) && ![...live].some((e) => e.parent === q && remaining.has(e.child)));
    if (ready !== undefined) {
      sorted.push(ready);
      remaining.delete(ready);
      continue;
    }
    // By rule, not by position: a pointer to an owned row (a default card) is nulled before an ownership reference.
    const candidates = [...live].filter((e) => remaining.has(e.child) && remaining.has(e.parent) && unnullable(graph, e) === undefined);
    const breakable = candidates.find((e) => e.link !== 'belongs-to') ?? candidates[0];
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
    const holds = holdsOf(c);
    const referenced = graph.edges.some((e) => e.parent === q && e.child !== q);
    const released = holds.length === 0 ? undefined : c.onErase === 'delete-row' && !referenced ? 'delete-row' : 'mask';
    return { kind: 'mask', collection: q, dataset: c.dataset, fields: maskOperations(c, notes), holds, released };
  });
  return { operations: [...nullReferences, ...detach, ...operations], notes };
}

/** Why a reference can never be nulled (NOT NULL, held, part of the row's key), or undefined when it can. */
function unnullable(graph: CollectionGraph, e: ReferenceEdge): string | undefined {
  const c = graph.collections.get(e.child);
  const f = c?.fields.get(e.childField);
  if (!c || !f) return 'which is not declared';
  if (e.required) return 'which the store keeps NOT NULL (required)';
  if (f.strategy === 'hold') return `which is held (${f.hold ?? 'legal hold'})`;
  if (c.primaryKey.includes(f.name)) return 'which is part of their primary key';
  return undefined;
}

/** Field operations for a kept row: personal fields per their strategy (default null). References are left to `detach`. */
function maskOperations(c: CollectionModel, notes: string[]): FieldOperation[] {
  const ops: FieldOperation[] = [];
  for (const f of [...c.fields.values()].sort((a, b) => compareNames(a.name, b.name))) {
    if (c.primaryKey.includes(f.name)) continue;
    if (f.strategy === 'hold') {
      ops.push({ field: f.name, strategy: 'hold', hold: f.hold });
      continue;
    }
    if (f.category === undefined || f.strategy === 'keep') continue;
    // A required field cannot be nulled: it is kept as it is unless a value is declared for it.
    if (f.required === true && (f.strategy === undefined || f.strategy === 'delete-row' || f.strategy === 'null')) {
      notes.push(
        `${c.qualifiedName}.${f.name} stays as it is on kept rows: the store keeps it NOT NULL; declare strategy: fixed with a value to overwrite it`,
      );
      continue;
    }
    const strategy = f.strategy === undefined || f.strategy === 'delete-row' ? 'null' : f.strategy;
    ops.push({ field: f.name, strategy, value: strategy === 'fixed' ? f.value : undefined });
  }
  return ops;
}

function holdsOf(c: CollectionModel): string[] {
  return [...new Set([...c.fields.values()].flatMap((f) => (f.strategy === 'hold' && f.hold !== undefined ? [f.hold] : [])))];
}

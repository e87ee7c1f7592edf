// The request planner: from the identity keys a request carries, walks the ownership links and orders lookups and erasure.
import type { PolicyModel } from '../policy/index.js';
import { buildGraph, compareNames, isPersonal, type CollectionGraph, type ReferenceEdge } from './graph.js';
import { planErasure } from './erasure-order.js';
import type { CollectionLookup, ErasureOperation, RightsAction, RightsPlan, Route } from './plan.js';

export interface PlanRequestInput {
  readonly action: RightsAction;
  /** Identity keys the request carries; values are supplied at execution. */
  readonly identityKeys: readonly string[];
}

const cache = new WeakMap<PolicyModel, Map<string, RightsPlan>>();

/** Builds the printable plan of a request. Pure: reads only the model, so plans are cached per model. */
export function planRequest(model: PolicyModel, input: PlanRequestInput): RightsPlan {
  const key = `${input.action}\u0000${[...new Set(input.identityKeys)].sort().join(',')}`;
  const plans = cache.get(model) ?? new Map<string, RightsPlan>();
  cache.set(model, plans);
  const cached = plans.get(key);
  if (cached) return cached;
  const plan = buildPlan(model, input);
  plans.set(key, plan);
  return plan;
}

function buildPlan(model: PolicyModel, input: PlanRequestInput): RightsPlan {
  const graph = buildGraph(model);
  const identityKeys = [...new Set(input.identityKeys)].sort();
  const { order: reachedOrder, obtainable } = reach(graph, new Set(identityKeys));
  const position = new Map(reachedOrder.map((q, i) => [q, i]));
  const notes: string[] = [];
  const routed = reachedOrder.map((q): CollectionLookup => ({
    collection: q,
    dataset: graph.collections.get(q)?.dataset ?? '',
    routes: routesFor(graph, q, position, obtainable, notes),
    keyFields: [],
  }));
  // A collection a cycle left with no route is not looked up (a lookup never runs without a condition): it is unreachable.
  const cut = new Set(routed.filter((l) => l.routes.length === 0).map((l) => l.collection));
  const lookups = routed.filter((l) => !cut.has(l.collection));
  const order = lookups.map((l) => l.collection);
  const erasure = input.action === 'erase' ? planErasure(graph, order) : { operations: [], notes: [] };
  const withKeys = addKeyFields(graph, lookups, erasure.operations);
  const unreachable = [...graph.collections.values()]
    .filter((c) => isPersonal(c) && (!position.has(c.qualifiedName) || cut.has(c.qualifiedName)))
    .map((c) => ({
      collection: c.qualifiedName,
      reason: cut.has(c.qualifiedName)
        ? 'only a cycle of ownership links leads to it, and each of its sources is looked up after it'
        : unreachableReason(graph, c.qualifiedName),
    }));
  return Object.freeze({
    action: input.action,
    identityKeys,
    lookups: withKeys,
    erasure: erasure.operations,
    unreachable,
    notes: [...notes, ...erasure.notes],
  });
}

/**
 * Reached collections in resolution order.
 * Phase 1 (identity expansion): collections holding an obtainable identity are seeded, and their other identity keys
 * become obtainable. Only rows matched by identity vouch for more identities.
 * Phase 2 (ownership): a collection whose `belongs-to` reference points at a reached one holds the person's rows (an
 * order of the customer); a collection an `owns` reference of a reached one points at may too (the customer's address,
 * unless shared). An association (a support rep, a product, a shared lookup) is never walked, either way.
 * Collections are visited in name order, so the manifest's order of files and keys never changes the plan.
 */
function reach(graph: CollectionGraph, initial: ReadonlySet<string>): { order: string[]; obtainable: Set<string> } {
  const obtainable = new Set(initial);
  const reached = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const c of graph.collections.values()) {
      if (reached.has(c.qualifiedName) || ![...c.identity.keys()].some((k) => obtainable.has(k))) continue;
      reached.add(c.qualifiedName);
      for (const k of c.identity.keys()) obtainable.add(k);
      changed = true;
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const q of graph.collections.keys()) {
      if (reached.has(q) || !ownershipSources(graph, q).some((e) => reached.has(sourceOf(e)))) continue;
      reached.add(q);
      changed = true;
    }
  }
  const identified = (q: string) => [...(graph.collections.get(q)?.identity.keys() ?? [])].some((k) => obtainable.has(k));
  return { order: orderSourcesFirst(graph, reached, identified), obtainable };
}

/** The edges through which a request can reach `q`'s rows: its `belongs-to` references, and `owns` references to it. */
function ownershipSources(graph: CollectionGraph, q: string): ReferenceEdge[] {
  const belongs = (graph.outgoing.get(q) ?? []).filter((e) => e.link === 'belongs-to' && e.parent !== q);
  const owned = (graph.incoming.get(q) ?? []).filter((e) => e.link === 'owns' && e.child !== q);
  return [...belongs, ...owned];
}

/**
 * The references that can make a row of `q` shared: `owns` and associations from other rows. A `belongs-to` child (a
 * proof of an address) is the row's own data, never another person pointing at it.
 */
function sharers(graph: CollectionGraph, q: string): ReferenceEdge[] {
  return (graph.incoming.get(q) ?? []).filter((e) => e.child !== q && e.link !== 'belongs-to');
}

/** The collection whose rows an ownership edge reads keys from. */
function sourceOf(e: ReferenceEdge): string {
  return e.link === 'owns' ? e.child : e.parent;
}

/**
 * What must be read before `q`: the sources of its ownership edges and, when it is reached through `owns`, every
 * collection referencing it (to tell the person's rows from shared ones).
 */
function prerequisites(graph: CollectionGraph, q: string): string[] {
  const sources = ownershipSources(graph, q).map(sourceOf);
  const owned = (graph.incoming.get(q) ?? []).some((e) => e.link === 'owns' && e.child !== q);
  const referrers = owned ? sharers(graph, q).map((e) => e.child) : [];
  return [...new Set([...sources, ...referrers])];
}

/**
 * Orders reached collections so every route's source comes first. In a cycle, the first by name that a request can
 * already find (by identity, or through a source placed before it) goes first; only then the first by name.
 */
function orderSourcesFirst(graph: CollectionGraph, reached: ReadonlySet<string>, identified: (q: string) => boolean): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const pending = [...graph.collections.keys()].filter((q) => reached.has(q));
  while (pending.length > 0) {
    let ready = pending.findIndex((q) => prerequisites(graph, q).every((p) => placed.has(p) || !reached.has(p)));
    if (ready === -1) ready = pending.findIndex((q) => identified(q) || ownershipSources(graph, q).some((e) => placed.has(sourceOf(e))));
    const [next] = pending.splice(ready === -1 ? 0 : ready, 1);
    if (next === undefined) break;
    order.push(next);
    placed.add(next);
  }
  return order;
}

function routesFor(
  graph: CollectionGraph,
  q: string,
  position: ReadonlyMap<string, number>,
  obtainable: ReadonlySet<string>,
  notes: string[],
): Route[] {
  const c = graph.collections.get(q);
  if (!c) return [];
  const mine = position.get(q) ?? 0;
  const routes: Route[] = [];
  for (const [identity, fields] of [...c.identityFields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (obtainable.has(identity)) for (const field of fields) routes.push({ kind: 'identity', field, identity });
  }
  const referrers = sharers(graph, q).map((e) => ({ collection: e.child, field: e.childField }));
  for (const e of ownershipSources(graph, q)) {
    const source = sourceOf(e);
    const p = position.get(source);
    if (p === undefined) continue;
    if (p > mine) {
      // A cycle of ownership: this route's source is read after this collection, so it cannot feed it. Said, not dropped silently.
      notes.push(
        `${q} is looked up before ${source} (a cycle of ownership links), so it is not reached through ${e.child}.${e.childField}`,
      );
      continue;
    }
    routes.push(
      e.link === 'owns'
        ? { kind: 'owned', field: e.parentField, from: e.child, fromField: e.childField, referrers }
        : { kind: 'reference', field: e.childField, from: e.parent, fromField: e.parentField },
    );
  }
  return routes;
}

/**
 * Key fields: what later routes read from each collection (a referrer of an owned collection gives its primary key too,
 * to tell the person's rows from others'), what erasure's nulls select by, and its identity fields (for expansion).
 */
function addKeyFields(
  graph: CollectionGraph,
  lookups: readonly CollectionLookup[],
  erasure: readonly ErasureOperation[],
): CollectionLookup[] {
  const needed = new Map<string, Set<string>>();
  const need = (q: string, fields: readonly string[]) => {
    const set = needed.get(q) ?? new Set<string>();
    for (const f of fields) set.add(f);
    needed.set(q, set);
  };
  for (const l of lookups) {
    for (const r of l.routes) {
      if (r.kind === 'reference' || r.kind === 'owned') need(r.from, [r.fromField]);
      if (r.kind === 'owned')
        for (const ref of r.referrers) need(ref.collection, [ref.field, ...(graph.collections.get(ref.collection)?.primaryKey ?? [])]);
    }
  }
  for (const op of erasure) if (op.kind === 'null-reference' && op.parent) need(op.parent.collection, [op.parent.field]);
  return lookups.map((l) => {
    const c = graph.collections.get(l.collection);
    const keys = new Set(needed.get(l.collection) ?? []);
    for (const fields of c?.identityFields.values() ?? []) for (const f of fields) keys.add(f);
    return Object.freeze({ ...l, keyFields: [...keys].sort(compareNames) });
  });
}

/** Why no request reaches a collection holding personal data: the fix differs when only an association links it. */
function unreachableReason(graph: CollectionGraph, q: string): string {
  const c = graph.collections.get(q);
  if (c && c.identity.size > 0) {
    return `needs identity ${[...c.identity.keys()].join(' or ')}, which neither the request nor any reached collection provides`;
  }
  const associations = (graph.outgoing.get(q) ?? []).filter((e) => e.link === 'association');
  if (associations.length > 0) {
    const fields = associations.map((e) => `${e.childField} → ${e.parent}`).join(', ');
    return `its references (${fields}) are associations, which a request never walks; declare link: belongs-to where its rows are the referenced row's person's`;
  }
  return 'no identity field and no ownership link to a collection the request reaches';
}

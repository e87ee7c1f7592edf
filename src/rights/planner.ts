// The request planner: from the identity keys a request carries, walks the reference graph and orders lookups and erasure.
import type { PolicyModel } from '../policy/index.js';
import { buildGraph, isPersonal, type CollectionGraph } from './graph.js';
import { planErasure } from './erasure-order.js';
import type { CollectionLookup, RightsAction, RightsPlan, Route } from './plan.js';

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
  const { order, obtainable } = reach(graph, new Set(input.identityKeys));
  const position = new Map(order.map((q, i) => [q, i]));
  const lookups: CollectionLookup[] = order.map((q) => ({
    collection: q,
    dataset: graph.collections.get(q)?.dataset ?? '',
    routes: routesFor(graph, q, position, obtainable),
    keyFields: [],
  }));
  const withKeys = addKeyFields(graph, lookups);
  const unreachable = [...graph.collections.values()]
    .filter((c) => isPersonal(c) && !position.has(c.qualifiedName))
    .map((c) => ({
      collection: c.qualifiedName,
      reason:
        c.identity.size > 0
          ? `needs identity ${[...c.identity.keys()].join(' or ')}, which neither the request nor any reached collection provides`
          : 'no identity field and no reference to a collection the request reaches',
    }));
  const erasure = input.action === 'erase' ? planErasure(graph, order) : { operations: [], notes: [] };
  return Object.freeze({
    action: input.action,
    identityKeys: [...input.identityKeys],
    lookups: withKeys,
    erasure: erasure.operations,
    unreachable,
    notes: erasure.notes,
  });
}

/**
 * Reached collections in resolution order.
 * Phase 1 (identity expansion): collections holding an obtainable identity are seeded, and their other identity keys
 * become obtainable. Only rows matched by identity vouch for more identities, and references are walked up only where
 * the manifest says the reference identifies the person (a reference field declared as an identity): an implicit
 * upward walk would pull in other people (a ticket's assignee is staff, not the requester).
 * Phase 2: collections referencing a reached one (children of the person's rows).
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
    for (const c of graph.collections.values()) {
      if (reached.has(c.qualifiedName) || !(graph.outgoing.get(c.qualifiedName) ?? []).some((e) => reached.has(e.parent))) continue;
      reached.add(c.qualifiedName);
      changed = true;
    }
  }
  return { order: orderParentsFirst(graph, reached), obtainable };
}

/** Orders reached collections so referenced (parent) collections come before those referencing them; cycles keep manifest order. */
function orderParentsFirst(graph: CollectionGraph, reached: ReadonlySet<string>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const pending = [...graph.collections.keys()].filter((q) => reached.has(q));
  while (pending.length > 0) {
    const ready = pending.findIndex((q) =>
      (graph.outgoing.get(q) ?? []).every((e) => e.parent === q || placed.has(e.parent) || !reached.has(e.parent)),
    );
    const [next] = pending.splice(ready === -1 ? 0 : ready, 1);
    if (next === undefined) break;
    order.push(next);
    placed.add(next);
  }
  return order;
}

function routesFor(graph: CollectionGraph, q: string, position: ReadonlyMap<string, number>, obtainable: ReadonlySet<string>): Route[] {
  const c = graph.collections.get(q);
  if (!c) return [];
  const mine = position.get(q) ?? 0;
  const routes: Route[] = [];
  for (const [identity, field] of c.identity) if (obtainable.has(identity)) routes.push({ kind: 'identity', field, identity });
  for (const e of graph.outgoing.get(q) ?? []) {
    const p = position.get(e.parent);
    if (p !== undefined && p < mine) routes.push({ kind: 'reference', field: e.childField, from: e.parent, fromField: e.parentField });
  }
  return routes;
}

/** Key fields: what later routes read from each collection, and its identity fields (for expansion). */
function addKeyFields(graph: CollectionGraph, lookups: readonly CollectionLookup[]): CollectionLookup[] {
  const needed = new Map<string, Set<string>>();
  for (const l of lookups) {
    for (const r of l.routes) if (r.kind === 'reference') needed.set(r.from, (needed.get(r.from) ?? new Set()).add(r.fromField));
  }
  return lookups.map((l) => {
    const c = graph.collections.get(l.collection);
    const keys = new Set(needed.get(l.collection) ?? []);
    for (const f of c?.identity.values() ?? []) keys.add(f);
    return Object.freeze({ ...l, keyFields: [...keys] });
  });
}

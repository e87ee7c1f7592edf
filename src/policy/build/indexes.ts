// The indexes computed once at compile time, so engines and renderers never scan the whole model.
import type * as M from '../model.js';
import { freezeMap, groupBy } from './values.js';
import { retentionByCategory } from './processing.js';

export function buildIndex(
  datasets: ReadonlyMap<string, M.DatasetModel>,
  purposes: ReadonlyMap<string, M.PurposeModel>,
  retention: ReadonlyMap<string, M.RetentionRuleModel>,
  legalHolds: ReadonlyMap<string, M.LegalHoldModel>,
): M.PolicyIndex {
  const collections = freezeMap(
    [...datasets.values()].flatMap((ds) => [...ds.collections.values()].map((c) => [c.qualifiedName, c] as const)),
  );
  const fields = [...collections.values()].flatMap((c) => [...c.fields.values()]);
  return Object.freeze({
    purposesByCategory: groupBy([...purposes.values()].flatMap((p) => p.categories.map((c) => [c, p] as const))),
    fieldsByCategory: groupBy(fields.flatMap((f) => (f.category ? [[f.category, f] as const] : []))),
    retentionByCategory: retentionByCategory(purposes, retention),
    holdsByCategory: groupBy([...legalHolds.values()].flatMap((h) => h.categories.map((c) => [c, h] as const))),
    collectionsByIdentity: groupBy([...collections.values()].flatMap((c) => [...c.identity.keys()].map((k) => [k, c] as const))),
    collections,
    heldCategories: new Set(fields.flatMap((f) => (f.category ? [f.category] : []))),
  });
}

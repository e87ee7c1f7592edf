// Reading a resolution: the selections a step writes by, identity selections, and the parents' keys erasure detaches by.
import type { KeyValue } from '../../connectors/index.js';
import type { CollectionLookup, RightsPlan } from '../plan.js';
import type { KeySet } from '../values.js';
import type { ResolvedRequest, Where } from './types.js';

/** The keys erasure detaches referencing rows by (`null-reference` with a parent), from the person's rows read. */
export function parentKeysOf(
  plan: RightsPlan,
  keys: ReadonlyMap<string, ReadonlyMap<string, KeySet>>,
): Record<string, Record<string, KeyValue[]>> | undefined {
  let out: Record<string, Record<string, KeyValue[]>> | undefined;
  for (const op of plan.erasure) {
    if (op.kind !== 'null-reference' || !op.parent) continue;
    const values = (keys.get(op.parent.collection)?.get(op.parent.field)?.values() ?? []).filter((v) => v !== null);
    out ??= {};
    (out[op.parent.collection] ??= {})[op.parent.field] = values;
  }
  return out;
}

/**
 * The selections that write or count the person's rows in `collection`: the rows resolution pinned by key where it
 * pinned them (`ResolveOptions.pin`), else every route's selection; none when there is nothing to select.
 */
export function selectionsOf(resolved: ResolvedRequest, collection: string): readonly Where[] {
  return resolved.pinned?.[collection] ?? resolved.selections[collection] ?? [];
}

/** True when the selection is one of the lookup's identity routes (rows matched by the person's own identities). */
export function isIdentityWhere(l: CollectionLookup, where: Where): boolean {
  const fields = Object.keys(where);
  return fields.length > 0 && fields.every((field) => l.routes.some((r) => r.kind === 'identity' && r.field === field));
}

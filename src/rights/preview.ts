// Dry runs: resolves a request and counts what each collection holds for the person, writing nothing.
import type { ConnectorPool } from '../connectors/index.js';
import { planRequest } from './planner.js';
import type { Identities, RightsAction, RightsPlan } from './plan.js';
import { resolveRequest } from './resolve.js';
import { collectionOf, type PolicyModel } from '../policy/index.js';

export interface RequestPreview {
  readonly plan: RightsPlan;
  readonly found: boolean;
  /** Collection → rows of the person. */
  readonly rows: Readonly<Record<string, number>>;
}

export async function previewRequest(
  model: PolicyModel,
  action: RightsAction,
  identities: Identities,
  pool: ConnectorPool,
  signal?: AbortSignal,
): Promise<RequestPreview> {
  const plan = planRequest(model, { action, identityKeys: [...identities.keys()] });
  const resolved = await resolveRequest(model, plan, identities, pool, { signal });
  const rows: Record<string, number> = {};
  for (const lookup of plan.lookups) {
    const wheres = resolved.selections[lookup.collection] ?? [];
    const collection = collectionOf(model, lookup.collection);
    const connector = wheres.length > 0 ? await pool.get(lookup.dataset) : undefined;
    rows[lookup.collection] = connector ? await connector.count({ collection, where: wheres }) : 0;
  }
  return { plan, found: resolved.found, rows };
}

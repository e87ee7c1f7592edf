// Account closure preconditions (K6.1): counts the person's rows that block closure, in the provider's own stores.
import { collectionOf, type Text } from '../../policy/index.js';
import { selectionsOf, type ResolvedRequest } from '../resolve.js';
import type { ExecutionContext } from './context.js';

export interface ClosureBlocker {
  readonly id: string;
  readonly description: Text;
  readonly collection: string;
  /** How many of the person's rows match the blocking condition. */
  readonly rows: number;
}

/** Every precondition that the person's data currently violates; empty when closure may proceed. */
export async function evaluateClosure(ctx: ExecutionContext, resolved: ResolvedRequest): Promise<ClosureBlocker[]> {
  const closure = ctx.model.accounts.closure;
  if (!closure) return [];
  const blockers: ClosureBlocker[] = [];
  for (const p of closure.preconditions) {
    const qualified = `${p.dataset}.${p.collection}`;
    const collection = collectionOf(ctx.model, qualified);
    const connector = await ctx.pool.get(p.dataset);
    const wheres = selectionsOf(resolved, qualified);
    // The person's rows (any route, or as pinned by key) that also match the blocking condition.
    const rows = wheres.length === 0 ? 0 : await connector.count({ collection, where: wheres.map((where) => ({ ...where, ...p.when })) });
    if (rows > 0) blockers.push({ id: p.id, description: p.description, collection: qualified, rows });
  }
  return blockers;
}

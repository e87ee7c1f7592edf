// Rows a store can remove on time by itself (Redis keys given an expiry): when a rule allows it, the sweep gives each row
// still inside its period the instant it expires, instead of waiting for a later sweep to delete it.
import type { CollectionModel, PolicyModel } from '../policy/index.js';
import type { Connector } from '../connectors/index.js';
import type { RetentionCondition } from './conditions.js';

/**
 * True when nothing but the row's own date decides when it goes, so the store may remove it then by itself: the store
 * can (`capabilities.expiry`), the action is delete, the date is the row's own and never moves (`collected`, not last
 * activity an application updates), no hold (`then:`, or an erasure's `strategy: hold` field), no restriction, no consent
 * extension, and no collection `belongs-to` it (its children would be left behind).
 */
export function expiryAllowed(
  model: PolicyModel,
  connector: Connector,
  collection: CollectionModel,
  condition: RetentionCondition,
): boolean {
  if (!connector.capabilities.expiry || connector.expireAt === undefined) return false;
  if (condition.action !== 'delete' || condition.clock.trigger !== 'collected' || condition.clock.hops.length > 0) return false;
  if (condition.then || condition.restriction || condition.extension) return false;
  if ([...collection.fields.values()].some((f) => f.strategy === 'hold')) return false;
  for (const other of model.index.collections.values())
    for (const field of other.fields.values()) {
      const ref = field.references;
      if (ref?.link === 'belongs-to' && ref.dataset === collection.dataset && ref.collection === collection.name) return false;
    }
  return true;
}

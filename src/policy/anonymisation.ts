// What the anonymise action does to each field of a collection, and which rule anonymises a collection: one reading for
// the retention engine (which writes it), lint (which checks the thresholds can hold) and the notice (which cites them).
import type { CollectionModel, FieldModel, PolicyModel, RetentionRuleModel } from './model.js';
import type { FieldAnonymiser } from './schema/anonymity.js';

/** What one field becomes when its row is anonymised. */
export type FieldAnonymisation =
  | { readonly kind: 'kept' }
  | { readonly kind: 'null' }
  | { readonly kind: 'fixed'; readonly value: string | number | boolean | null }
  | { readonly kind: 'truncate-ip' }
  | { readonly kind: 'operator'; readonly spec: FieldAnonymiser }
  /** Required (NOT NULL) with nothing to write but null: the retention engine reports it as a problem. */
  | { readonly kind: 'refused' };

const MEASURES = new Set(['integer', 'number', 'boolean']);

/**
 * The links to a person go (identities, references to their rows, keyed pseudonyms, which link records by design);
 * a declared `anonymise:` operator writes its coarser value; addresses keep their first half; declared fixed values are
 * written; measures (scores, amounts, flags), `strategy: keep` fields and fields of no category stay. A required field
 * with nothing but null to write is `refused`.
 */
export function fieldAnonymisation(c: CollectionModel, f: FieldModel): FieldAnonymisation {
  if (c.primaryKey.includes(f.name) || f.name === c.restriction?.field) return { kind: 'kept' };
  const links = linksToPerson(f);
  // On a link it is ignored here and refused by lint (CUS089): an operator would keep part of the link.
  if (!links && f.anonymise !== undefined) return { kind: 'operator', spec: f.anonymise };
  if (!links && f.category === undefined) return { kind: 'kept' };
  if (f.strategy === 'keep' || (!links && f.type !== undefined && MEASURES.has(f.type) && f.strategy === undefined))
    return { kind: 'kept' };
  if (f.strategy === 'fixed') return { kind: 'fixed', value: f.value ?? null };
  if (f.strategy === 'truncate-ip' || f.minimise === 'truncate-ip') return { kind: 'truncate-ip' };
  return f.required ? { kind: 'refused' } : { kind: 'null' };
}

/** An identity, or a reference a request walks (`belongs-to`, `owns`): always nulled, whatever else is declared. */
export function linksToPerson(f: FieldModel): boolean {
  return f.identity !== undefined || (f.references !== undefined && f.references.link !== 'association');
}

/**
 * The rule a collection's rows follow when it anonymises them: the collection's own `retention:`, else the one kept
 * rule its fields' categories share. Undefined when its rows are deleted, never expire or follow rules with no clock in
 * common (the retention engine and CUS059 say why).
 */
export function anonymisingRule(model: PolicyModel, c: CollectionModel): RetentionRuleModel | undefined {
  if (c.retention !== undefined) {
    const own = model.retention.get(c.retention);
    return own?.action === 'anonymise' ? own : undefined;
  }
  const rules = new Map<string, RetentionRuleModel>();
  for (const f of c.fields.values()) {
    if (f.category === undefined || f.violation) continue;
    for (const r of model.index.retentionByCategory.get(f.category) ?? []) if (r.bound !== 'transient') rules.set(r.id, r);
  }
  const kept = [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
  const terms = new Set(kept.map((r) => JSON.stringify([r.trigger, r.duration, r.action, r.then])));
  return terms.size === 1 && kept[0]?.action === 'anonymise' ? kept[0] : undefined;
}

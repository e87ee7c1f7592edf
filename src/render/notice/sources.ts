// Where in the manifest each part of the notice is written: the paths `custos notice --explain` resolves to file:line.
import type { PurposeModel, RetentionRuleModel } from '../../policy/index.js';
import { purposeRetention, type RenderContext } from '../context.js';
import type { SourcePath, Sources } from '../document/tree.js';

/**
 * Where a category comes from: its declaration under `taxonomy.categories` when the manifest re-labels or adds it, and
 * the first purpose, field, rule or hold that names it (a built-in category is in the notice because something names it).
 */
export function categorySources(ctx: RenderContext, key: string): Sources {
  const m = ctx.model;
  const out: SourcePath[] = [];
  if (!m.categories.get(key)?.builtIn) out.push(['taxonomy', 'categories', key]);
  const purpose = [...m.purposes.values()].find((p) => p.categories.includes(key));
  if (purpose) return [...out, ['purposes', purpose.id, 'categories', purpose.categories.indexOf(key)]];
  const field = m.index.fieldsByCategory.get(key)?.[0];
  if (field) return [...out, ['datasets', field.dataset, 'collections', field.collection, 'fields', field.name, 'category']];
  const rule = [...m.retention.values()].find((r) => r.categories.includes(key));
  if (rule) return [...out, ['retention', rule.id, 'categories', rule.categories.indexOf(key)]];
  const hold = [...m.legalHolds.values()].find((h) => h.categories.includes(key));
  if (hold) return [...out, ['legalHolds', hold.id, 'categories', hold.categories.indexOf(key)]];
  return out;
}

/** The rules a purpose's retention is said from: its own (`retention:`), those of some of its categories, and the legal holds they end under. */
export function retentionSources(ctx: RenderContext, p: PurposeModel): Sources {
  const { rule, byCategory } = purposeRetention(ctx, p);
  const rules = [...(rule === undefined ? [] : [rule]), ...byCategory.map((x) => x.rule)];
  // Nothing stated: the purpose itself is where the period is missing.
  if (rules.length === 0) return [['purposes', p.id]];
  return [...(rule === undefined ? [] : [['purposes', p.id, 'retention']]), ...rules.flatMap(ruleSources)];
}

/** A retention rule, and the legal hold its data passes under (`then:`). */
export function ruleSources(rule: RetentionRuleModel): SourcePath[] {
  return [['retention', rule.id], ...(rule.then === undefined ? [] : [['legalHolds', rule.then]])];
}

/** The statement of a purpose's legal bases, or of their absence where a law in force requires one. */
export function legalBasisSources(p: PurposeModel): Sources {
  return p.legalBases.length > 0
    ? [['purposes', p.id, 'legalBasis']]
    : [
        ['purposes', p.id],
        ['organization', 'jurisdictions'],
      ];
}

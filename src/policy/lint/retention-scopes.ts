// Rules on the retention shapes that say less than a period: transient data is not stored (CUS078), and a rule scoped
// to purposes governs its categories under each of them (CUS079).
import type { LintRule } from './context.js';

/**
 * A field holding a category whose every rule says it is never stored (`transient: true`) contradicts the notice, which
 * tells people that data is not kept: either the field goes, or the category needs a rule that keeps it.
 */
export const checkTransientFields: LintRule = (ctx) => {
  const m = ctx.model;
  for (const c of m.index.collections.values()) {
    for (const f of c.fields.values()) {
      if (f.category === undefined || f.violation) continue;
      const rules = m.index.retentionByCategory.get(f.category) ?? [];
      if (rules.length === 0 || !rules.every((r) => r.bound === 'transient')) continue;
      ctx.report(
        'CUS078',
        `${c.qualifiedName}.${f.name} holds ${f.category}, which the notice says is not stored (retention ${rules.map((r) => `"${r.id}"`).join(', ')} is transient)`,
        ['datasets', c.dataset, 'collections', c.name, 'fields', f.name],
        `stop storing it and remove the field, or give ${f.category} a rule that keeps it (duration: or atMost:)`,
      );
    }
  }
};

/** `purposes:` narrows a rule's categories to some purposes: each must process one of them, or the rule says nothing there. */
export const checkRuleScopes: LintRule = (ctx) => {
  const m = ctx.model;
  for (const r of m.retention.values()) {
    const declared = ctx.declared(['retention', r.id, 'purposes']);
    if (!declared || r.scope === undefined) continue;
    r.scope.forEach((id, i) => {
      const p = m.purposes.get(id);
      if (p === undefined) return; // CUS013
      // The purpose's own rule governs all its data anyway; listing it says where the categories apply too.
      if (p.retention === r.id || r.categories.some((c) => p.categories.includes(c))) return;
      ctx.report(
        'CUS079',
        r.categories.length === 0
          ? `retention rule "${r.id}" is scoped to purpose "${id}" but lists no categories: purposes: narrows categories:`
          : `retention rule "${r.id}" is scoped to purpose "${id}", which processes none of its categories`,
        ['retention', r.id, 'purposes', i],
        r.categories.length === 0
          ? `make the rule purpose "${id}"'s retention: instead, or list the categories it governs`
          : `remove "${id}", or add the rule's categories to that purpose`,
      );
    });
  }
};

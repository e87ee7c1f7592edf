// Data a recipient collects from the person itself (a payment form) is never held by the provider: a field holding it
// contradicts the notice (CUS084).
import type { LintRule } from './context.js';

export const checkCollectedDirectly: LintRule = (ctx) => {
  const m = ctx.model;
  for (const r of m.recipients.values()) {
    for (const category of r.collects?.categories ?? []) {
      for (const f of m.index.fieldsByCategory.get(category) ?? []) {
        ctx.report(
          'CUS084',
          `${f.dataset}.${f.collection}.${f.name} holds "${category}", which recipient "${r.id}" collects directly: the notice says we never receive it`,
          ['datasets', f.dataset, 'collections', f.collection, 'fields', f.name, 'category'],
          `stop storing it, or remove it from recipients.${r.id}.collects if the data does reach us`,
        );
      }
    }
  }
};

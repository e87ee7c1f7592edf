// Rules on edits of the forbidden list (`taxonomy.forbidden: { add, remove }`): narrowing it below GDPR art. 9(1) is said
// (CUS082), and an edit that cannot apply is refused (CUS085).
import { CARD_SECURITY_CODE } from '../breaches.js';
import { DEFAULT_CATEGORIES, GDPR_ART9_CATEGORIES } from '../defaults/taxonomy.js';
import type { LintRule } from './context.js';

export const checkForbiddenEdits: LintRule = (ctx) => {
  const m = ctx.model;
  const { add, remove } = m.forbiddenEdits;
  add.forEach((key, i) => {
    if (!m.categories.has(key)) ctx.report('CUS010', `unknown category "${key}"`, ['taxonomy', 'forbidden', 'add', i]);
  });
  remove.forEach((key, i) => {
    const at = ['taxonomy', 'forbidden', 'remove', i];
    const problem =
      key === CARD_SECURITY_CODE
        ? [
            'the card security code is never kept after authorisation (PCI DSS): it cannot leave the forbidden list',
            'remove it from the list',
          ]
        : DEFAULT_CATEGORIES[key]?.class !== 'forbidden'
          ? [`"${key}" is not on the built-in forbidden list: there is nothing to remove`, 'remove it from the list']
          : m.categories.get(key)?.class === 'forbidden'
            ? [
                `"${key}" is removed from the forbidden list but given no other class, so it stays forbidden`,
                `declare its class under taxonomy.categories (e.g. ${key}: { class: high })`,
              ]
            : undefined;
    if (problem) ctx.report('CUS085', problem[0] ?? '', at, problem[1]);
  });
  const narrowed = remove.filter((key) => GDPR_ART9_CATEGORIES.includes(key));
  if (narrowed.length > 0) {
    ctx.report(
      'CUS082',
      `the forbidden list is narrowed below GDPR art. 9(1): ${narrowed.join(', ')} may be collected, and the notice no longer lists ${narrowed.length === 1 ? 'it' : 'them'}`,
      ['taxonomy', 'forbidden', 'remove'],
      'make sure an exception of art. 9(2) applies (explicit consent, employment law…) and that the notice says which',
    );
  }
};

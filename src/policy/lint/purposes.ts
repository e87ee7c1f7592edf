// Rules that every piece of data is held for a stated reason, on a legal basis, for a limited time, shared only as declared (CUS030–CUS034, CUS041).
import type { LintRule } from './context.js';

export const checkLegalBases: LintRule = (ctx) => {
  for (const p of ctx.model.purposes.values()) {
    const at = ['purposes', p.id];
    if (p.legalBasis === undefined) {
      ctx.report(
        'CUS030',
        `purpose "${p.id}" has no legal basis`,
        at,
        'add legalBasis: contract, legal-obligation, legitimate-interest, consent, vital-interest or public-task',
      );
    } else if (p.legalBasis === 'consent' && p.consent === undefined) {
      ctx.report(
        'CUS031',
        `purpose "${p.id}" relies on consent but names no consent purpose to record it`,
        [...at, 'legalBasis'],
        'add consent: <id> and declare it under consent.purposes',
      );
    } else if (p.legalBasis === 'legitimate-interest' && p.legitimateInterest === undefined) {
      ctx.report(
        'CUS041',
        `purpose "${p.id}" relies on legitimate interest without stating the interest`,
        [...at, 'legalBasis'],
        'add legitimateInterest: the interest pursued, as the notice must say it',
      );
    }
  }
};

export const checkCategoriesHaveReasons: LintRule = (ctx) => {
  const m = ctx.model;
  const reportedRetention = new Set<string>();
  for (const c of m.index.collections.values()) {
    for (const f of c.fields.values()) {
      // A declared violation is data held for no reason on purpose: it is being removed, and no purpose may claim it.
      if (f.category === undefined || !m.categories.has(f.category) || f.class === 'forbidden' || f.violation) continue;
      const at = ['datasets', c.dataset, 'collections', c.name, 'fields', f.name, 'category'];
      if (!m.index.purposesByCategory.has(f.category)) {
        ctx.report(
          'CUS032',
          `${c.qualifiedName}.${f.name} holds "${f.category}", which no purpose covers: data kept for no reason`,
          at,
          'add the category to the purpose it serves, or stop storing it',
        );
      }
      if (c.retention === undefined && !m.index.retentionByCategory.has(f.category) && !reportedRetention.has(f.category)) {
        reportedRetention.add(f.category);
        ctx.report(
          'CUS033',
          `category "${f.category}" (held in ${c.qualifiedName}.${f.name}) has no retention rule`,
          at,
          "give a purpose covering it a retention rule, or list it in a rule's categories",
        );
      }
    }
  }
};

export const checkRecipientShares: LintRule = (ctx) => {
  const m = ctx.model;
  for (const p of m.purposes.values()) {
    p.recipients.forEach((share, i) => {
      const recipient = m.recipients.get(share.id);
      if (!recipient || !share.explicit) return;
      share.categories.forEach((cat, j) => {
        if (!recipient.categories.includes(cat)) {
          ctx.report(
            'CUS034',
            `recipient "${share.id}" receives "${cat}" under purpose "${p.id}" but is not declared to receive it`,
            ['purposes', p.id, 'recipients', i, 'categories', j],
            `add it to recipients.${share.id}.categories, or stop sharing it`,
          );
        }
        if (!p.categories.includes(cat)) {
          ctx.report(
            'CUS034',
            `recipient "${share.id}" receives "${cat}", which purpose "${p.id}" does not process`,
            ['purposes', p.id, 'recipients', i, 'categories', j],
            `add it to purposes.${p.id}.categories`,
          );
        }
      });
    });
  }
};

// Rules that every piece of data is held for a stated reason, on a legal basis, for a limited time, shared only as declared
// (CUS030–CUS034, CUS041, CUS073), that no purpose or recipient names data never held or never shared (CUS065, CUS066), and that
// every recipient serves a purpose (CUS070).
import { CARD_SECURITY_CODE } from '../breaches.js';
import type { PolicyModel } from '../model.js';
import type { LintContext, LintRule } from './context.js';

export const checkLegalBases: LintRule = (ctx) => {
  const m = ctx.model;
  const requiring = m.jurisdictions.filter((j) => j.requiresLegalBasis).map((j) => j.name.en ?? j.id);
  for (const p of m.purposes.values()) {
    const at = ['purposes', p.id];
    if (p.legalBases.length === 0) {
      // Quebec, PIPEDA, CCPA and the FADP do not ask for a basis per purpose: only a law that does makes its absence wrong.
      if (requiring.length === 0) continue;
      ctx.report(
        'CUS030',
        `purpose "${p.id}" has no legal basis, which ${requiring.join(' and ')} law requires`,
        at,
        'add legalBasis: contract, legal-obligation, legitimate-interest, consent, vital-interest or public-task',
      );
      continue;
    }
    const several = p.legalBases.length > 1;
    p.legalBases.forEach((b, i) => {
      // A single basis is reported at `legalBasis`, one of a list at its own entry.
      const where = ctx.declared([...at, 'legalBasis', i]) ? [...at, 'legalBasis', i] : [...at, 'legalBasis'];
      if (b.basis === 'consent' && p.consent === undefined) {
        ctx.report(
          'CUS031',
          `purpose "${p.id}" relies on consent but names no consent purpose to record it`,
          where,
          'add consent: <id> and declare it under consent.purposes',
        );
      } else if (b.basis === 'legitimate-interest' && p.legitimateInterest === undefined) {
        ctx.report(
          'CUS041',
          `purpose "${p.id}" relies on legitimate interest without stating the interest`,
          where,
          'add legitimateInterest: the interest pursued, as the notice must say it',
        );
      }
      if (several && b.covers === undefined) {
        ctx.report(
          'CUS073',
          `purpose "${p.id}" rests on ${p.legalBases.length} legal bases, but ${b.basis} does not say what it covers: the notice cannot tell which processing rests on which`,
          where,
          `add covers: { en: …, fr: … } to the ${b.basis} entry (e.g. "for the duration of the contract")`,
        );
      }
    });
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
        // A recipient of what its request concerns may receive any category the purpose processes.
        if (!recipient.concernedByRequest && !recipient.categories.includes(cat)) {
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

/** Why a category may never be processed at all, if it may not: a card security code, or a forbidden class. */
function neverProcessed(m: PolicyModel, category: string): string | undefined {
  if (category === CARD_SECURITY_CODE) return 'a card security code, which is never kept after authorisation';
  if (m.categories.get(category)?.class === 'forbidden') return 'a forbidden category, never collected, stored or used';
  return undefined;
}

function checkNamedCategory(ctx: LintContext, category: string, who: string, at: readonly (string | number)[]): void {
  const m = ctx.model;
  const never = neverProcessed(m, category);
  if (never !== undefined) {
    ctx.report(
      'CUS065',
      `${who} names "${category}", ${never}`,
      at,
      'remove it from the list, or re-class the category in taxonomy.categories if it is not what the name says',
    );
    return;
  }
  const cls = m.categories.get(category)?.class;
  if (at[0] === 'recipients' && cls !== undefined && !m.handling[cls].shareable) {
    ctx.report(
      'CUS066',
      `${who} receives "${category}", of the ${cls} class, which taxonomy.handling.${cls} declares not shareable`,
      at,
      `stop sharing it, or set taxonomy.handling.${cls}.shareable: true if the class may be shared`,
    );
  }
}

export const checkNeverProcessed: LintRule = (ctx) => {
  const m = ctx.model;
  for (const p of m.purposes.values()) {
    p.categories.forEach((cat, j) => checkNamedCategory(ctx, cat, `purpose "${p.id}"`, ['purposes', p.id, 'categories', j]));
  }
  for (const r of m.recipients.values()) {
    r.categories.forEach((cat, j) => checkNamedCategory(ctx, cat, `recipient "${r.id}"`, ['recipients', r.id, 'categories', j]));
  }
};

export const checkRecipientsServePurposes: LintRule = (ctx) => {
  const m = ctx.model;
  const used = new Set([...m.purposes.values()].flatMap((p) => p.recipients.map((r) => r.id)));
  // A purpose naming an unknown recipient (CUS012) is most likely a misspelling of the one that looks unused.
  if ([...used].some((id) => !m.recipients.has(id))) return;
  for (const r of m.recipients.values()) {
    if (used.has(r.id)) continue;
    ctx.report(
      'CUS070',
      `recipient "${r.id}" is declared but no purpose shares data with it: the notice would name a recipient for no reason`,
      ['recipients', r.id],
      `list it under the recipients of the purpose it serves, or remove it`,
    );
  }
};

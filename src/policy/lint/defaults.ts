// Information on defaults the manifest relies on without stating them, so the notice stays silent on them (CUS060–CUS064).
import { DATA_CLASSES, HANDLING_ACTIONS } from '../vocabulary.js';
import type { LintRule } from './context.js';

/** CUS060: the built-in forbidden categories are enforced (CUS020, CUS023) but the notice does not list them. */
export const checkForbiddenListed: LintRule = (ctx) => {
  if (ctx.model.forbiddenListed) return;
  ctx.report(
    'CUS060',
    'the built-in forbidden categories (GDPR art. 9(1), card security code) are enforced, but the notice does not list them',
    ['taxonomy'],
    'to publish the list, write `forbidden: default` under taxonomy',
  );
};

/** CUS061: a class in use follows Custos's handling rules, but the notice prints none or only some of their texts. */
export const checkHandlingTexts: LintRule = (ctx) => {
  const m = ctx.model;
  const used = new Set<string>([...[...m.purposes.values()].flatMap((p) => p.categories), ...m.index.heldCategories]);
  const silent = DATA_CLASSES.flatMap((cls) => {
    // A class whose texts the manifest keeps unpublished (`publish: false`) has said so: nothing to tell.
    if (cls === 'forbidden' || !m.handling[cls].publish || ![...used].some((k) => m.categories.get(k)?.class === cls)) return [];
    const missing = HANDLING_ACTIONS.filter((a) => m.handling[cls].published[a] === undefined);
    if (missing.length === 0) return [];
    return [`${cls} (${missing.length === HANDLING_ACTIONS.length ? 'all' : missing.join(', ')})`];
  });
  if (silent.length === 0) return;
  ctx.report(
    'CUS061',
    `the handling rules in force apply, but the notice states no handling text for: ${silent.join('; ')}`,
    ['taxonomy', 'handling'],
    'state the texts under taxonomy.handling.<class>, or write `handlingTexts: default` under taxonomy to publish the built-in ones',
  );
};

/** CUS062: no time to handle complaints is stated for a jurisdiction, so the notice promises none. */
export const checkComplaintDeadlines: LintRule = (ctx) => {
  for (const j of ctx.model.jurisdictions) {
    if (j.complaints !== undefined) continue;
    ctx.report(
      'CUS062',
      `no complaint-handling deadline stated for ${j.id}: the notice promises none`,
      ['organization', 'jurisdictions', j.id],
      `to promise one, write organization.jurisdictions as a map and add \`complaints: P30D\` under ${j.id}`,
    );
  }
};

/** CUS063: nothing is stated on what happens to data after death, so the notice says nothing on it. */
export const checkPostMortem: LintRule = (ctx) => {
  if (ctx.model.rights.postMortem !== undefined) return;
  ctx.report(
    'CUS063',
    'nothing is stated on what happens to data after death: the notice says nothing on it',
    ['rights'],
    'to state it, write `postMortem: destroy` (or keep, transfer) under rights',
  );
};

/** CUS083: under the GDPR (or the UK GDPR), no postal address is stated for the controller, so the notice gives none. */
export const checkControllerAddress: LintRule = (ctx) => {
  const org = ctx.model.organization;
  if (org.address !== undefined || org.contact.address !== undefined) return;
  const laws = ctx.model.jurisdictions.filter((j) => j.id === 'gdpr' || j.id === 'uk-gdpr').map((j) => j.id);
  if (laws.length === 0) return;
  ctx.report(
    'CUS083',
    `no address is stated for the controller: the notice gives none, though ${laws.join(' and ')} art. 13(1)(a) expects the controller's contact details`,
    ['organization'],
    'add `address:` under organization',
  );
};

/** CUS064: no review cycle is declared, so no review is ever due and the notice states no cycle. */
export const checkReviewCycleDeclared: LintRule = (ctx) => {
  if (ctx.model.organization.policy.reviewCycle !== undefined) return;
  ctx.report(
    'CUS064',
    'no review cycle declared: no review is ever reported due (CUS038) and the notice states no cycle',
    ['organization', 'policy'],
    'to review on a cycle, add `reviewCycle: P1Y` under organization.policy',
  );
};

// Rules on the organization section: declared review cycle, jurisdiction overrides, translations (CUS038–CUS040, CUS016).
import { JURISDICTION_PRESETS } from '../defaults/jurisdictions.js';
import type { Text } from '../model.js';
import type { PathSegment } from '../sources.js';
import { didYouMean } from '../suggest.js';
import { baseLanguage, DATA_CLASSES, HANDLING_ACTIONS } from '../vocabulary.js';
import type { LintContext, LintRule } from './context.js';

export const checkReviewDue: LintRule = (ctx) => {
  const policy = ctx.model.organization.policy;
  // Only a declared cycle makes a review due (CUS064 says when none is declared).
  if (policy.nextReview === undefined) return;
  const due = new Date(`${policy.nextReview}T00:00:00Z`);
  if (ctx.now.getTime() > due.getTime()) {
    const days = Math.floor((ctx.now.getTime() - due.getTime()) / 86_400_000);
    ctx.report(
      'CUS038',
      `policy review was due on ${policy.nextReview} (${days} days ago; last reviewed ${policy.lastReviewed}, cycle ${policy.reviewCycleText})`,
      ['organization', 'policy', 'lastReviewed'],
      'review the policy, then update lastReviewed',
    );
  }
};

export const checkJurisdictions: LintRule = (ctx) => {
  const m = ctx.model;
  for (const j of m.jurisdictions) {
    const at = ['organization', 'jurisdictions', j.id];
    // A custom jurisdiction states its own law's extension: only a preset knows when the law allows none.
    if (j.preset !== undefined && JURISDICTION_PRESETS[j.preset].extension === 'none' && j.extension !== undefined) {
      ctx.report(
        'CUS039',
        `${j.name.en} allows no extension of the ${j.deadlineText} deadline, but one of ${j.extensionText} is declared`,
        [...at, 'extension'],
        'remove the extension (or write extension: none)',
      );
    }
  }
};

export const checkJurisdictionAuthorities: LintRule = (ctx) => {
  for (const j of ctx.model.jurisdictions) {
    if (j.authorityRef !== undefined && !ctx.model.authorities.has(j.authorityRef)) {
      ctx.report(
        'CUS016',
        `unknown authority "${j.authorityRef}"`,
        ['organization', 'jurisdictions', j.id, 'authority'],
        didYouMean(j.authorityRef, ctx.model.authorities.keys()) ?? 'declare it under organization.authorities',
      );
    }
  }
};

/** Every text the notice, the record or an access package may print, with where it is in the manifest. */
function peopleFacingTexts(ctx: LintContext): [Text | undefined, PathSegment[]][] {
  const m = ctx.model;
  const texts: [Text | undefined, PathSegment[]][] = [];
  const org = m.organization;
  org.security.forEach((t, i) => texts.push([t, ['organization', 'security', i]]));
  for (const h of org.policy.history) texts.push([h.changes, ['organization', 'policy', 'history', h.position, 'changes']]);
  texts.push(
    [org.scope?.controller, ['organization', 'scope', 'controller']],
    [org.scope?.processor, ['organization', 'scope', 'processor']],
  );
  for (const a of m.authorities.values()) texts.push([a.name, ['organization', 'authorities', a.id, 'name']]);
  for (const k of m.identities.values()) texts.push([k.label, ['identities', k.id, 'label']]);
  for (const s of m.subjects.values()) texts.push([s.name, ['subjects', s.id, 'name']], [s.description, ['subjects', s.id, 'description']]);
  for (const c of m.categories.values()) {
    if (c.builtIn) continue;
    texts.push([c.label, ['taxonomy', 'categories', c.key, 'label']], [c.description, ['taxonomy', 'categories', c.key, 'description']]);
  }
  for (const cls of DATA_CLASSES) {
    for (const a of HANDLING_ACTIONS) texts.push([m.handling[cls].published[a], ['taxonomy', 'handling', cls, a]]);
  }
  for (const r of m.recipients.values()) {
    texts.push(
      [r.name, ['recipients', r.id, 'name']],
      [r.description, ['recipients', r.id, 'description']],
      [r.collects?.description, ['recipients', r.id, 'collects', 'description']],
    );
  }
  for (const j of m.jurisdictions) {
    const at = ['organization', 'jurisdictions', j.id];
    // Presets carry both languages; only what the manifest wrote can miss one.
    if (j.preset === undefined) texts.push([j.name, [...at, 'name']], [j.law, [...at, 'law']]);
    if (ctx.declared([...at, 'notes']) && Object.keys(j.notes).length > 0) texts.push([j.notes, [...at, 'notes']]);
  }
  m.locations.hosting.forEach((h, i) => texts.push([h.name, ['locations', 'hosting', i, 'name']]));
  m.locations.transfers.forEach((t, i) => texts.push([t.description, ['locations', 'transfers', i, 'description']]));
  m.locations.exclusions.forEach((t, i) => texts.push([t, ['locations', 'exclusions', i]]));
  for (const p of m.purposes.values()) {
    const at = ['purposes', p.id];
    texts.push(
      [p.name, [...at, 'name']],
      [p.description, [...at, 'description']],
      [p.legitimateInterest, [...at, 'legitimateInterest']],
      [p.source, [...at, 'source']],
      [p.automatedDecision, [...at, 'automatedDecision']],
      [p.ifRefused, [...at, 'ifRefused']],
    );
    p.legalBases.forEach((b, i) => texts.push([b.covers, [...at, 'legalBasis', i, 'covers']]));
  }
  for (const r of m.retention.values()) texts.push([r.description, ['retention', r.id, 'description']]);
  for (const h of m.legalHolds.values())
    texts.push([h.description, ['legalHolds', h.id, 'description']], [h.law, ['legalHolds', h.id, 'law']]);
  for (const c of m.consent.purposes.values())
    texts.push([c.name, ['consent', 'purposes', c.id, 'name']], [c.description, ['consent', 'purposes', c.id, 'description']]);
  for (const [cat, settings] of m.consent.cookies) {
    const at = ['consent', 'cookies', cat];
    texts.push([settings.description, [...at, 'description']], [settings.optOut, [...at, 'optOut']]);
    settings.cookies.forEach((c, i) =>
      texts.push([c.provider, [...at, 'cookies', i, 'provider']], [c.description, [...at, 'cookies', i, 'description']]),
    );
  }
  texts.push(
    [m.rights.verification, ['rights', 'verification']],
    [m.rights.fees, ['rights', 'fees']],
    [m.rights.postMortem?.description, ['rights', 'postMortem', 'description']],
  );
  for (const c of m.index.collections.values()) {
    texts.push([c.description, ['datasets', c.dataset, 'collections', c.name, 'description']]);
    for (const f of c.fields.values()) texts.push([f.label, ['datasets', c.dataset, 'collections', c.name, 'fields', f.name, 'label']]);
  }
  m.accounts.closure?.preconditions.forEach((p, i) =>
    texts.push([p.description, ['accounts', 'closure', 'preconditions', i, 'description']]),
  );
  return texts;
}

/** CUS040: each people-facing text that misses a declared language, at that text's line. */
export const checkTranslations: LintRule = (ctx) => {
  for (const [text, path] of peopleFacingTexts(ctx)) missingLanguages(ctx, text, path);
};

function missingLanguages(ctx: LintContext, text: Text | undefined, path: readonly PathSegment[]): void {
  if (!text) return;
  const missing = ctx.model.languages.filter((l) => text[l] === undefined && text[baseLanguage(l)] === undefined);
  if (missing.length > 0) {
    ctx.report('CUS040', `no ${missing.join(', ')} text for ${path.join('.')}`, path, `add ${missing.map((l) => `${l}: "…"`).join(', ')}`);
  }
}

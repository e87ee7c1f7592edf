// Rules on the organization section: declared review cycle, jurisdiction overrides, translations (CUS038–CUS040, CUS016).
import { JURISDICTION_PRESETS } from '../defaults/jurisdictions.js';
import type { Text } from '../model.js';
import type { PathSegment } from '../sources.js';
import { didYouMean } from '../suggest.js';
import { baseLanguage } from '../vocabulary.js';
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

export const checkTranslations: LintRule = (ctx) => {
  const m = ctx.model;
  const texts: [Text | undefined, PathSegment[]][] = [];
  for (const p of m.purposes.values()) {
    texts.push(
      [p.name, ['purposes', p.id, 'name']],
      [p.description, ['purposes', p.id, 'description']],
      [p.legitimateInterest, ['purposes', p.id, 'legitimateInterest']],
    );
    p.legalBases.forEach((b, i) => texts.push([b.covers, ['purposes', p.id, 'legalBasis', i, 'covers']]));
  }
  for (const j of m.jurisdictions) {
    const at = ['organization', 'jurisdictions', j.id];
    // Presets carry both languages; only what the manifest wrote can miss one.
    if (j.preset === undefined) texts.push([j.name, [...at, 'name']], [j.law, [...at, 'law']]);
    if (ctx.declared([...at, 'notes']) && Object.keys(j.notes).length > 0) texts.push([j.notes, [...at, 'notes']]);
  }
  for (const s of m.subjects.values()) texts.push([s.name, ['subjects', s.id, 'name']]);
  for (const r of m.recipients.values()) texts.push([r.description, ['recipients', r.id, 'description']]);
  for (const r of m.retention.values()) texts.push([r.description, ['retention', r.id, 'description']]);
  for (const h of m.legalHolds.values()) texts.push([h.description, ['legalHolds', h.id, 'description']]);
  for (const c of m.consent.purposes.values())
    texts.push([c.name, ['consent', 'purposes', c.id, 'name']], [c.description, ['consent', 'purposes', c.id, 'description']]);
  m.organization.security.forEach((t, i) => texts.push([t, ['organization', 'security', i]]));
  m.locations.hosting.forEach((h, i) => texts.push([h.name, ['locations', 'hosting', i, 'name']]));
  m.locations.transfers.forEach((t, i) => texts.push([t.description, ['locations', 'transfers', i, 'description']]));
  m.accounts.closure?.preconditions.forEach((p, i) =>
    texts.push([p.description, ['accounts', 'closure', 'preconditions', i, 'description']]),
  );
  for (const [text, path] of texts) missingLanguages(ctx, text, path);
};

function missingLanguages(ctx: LintContext, text: Text | undefined, path: readonly PathSegment[]): void {
  if (!text) return;
  const missing = ctx.model.languages.filter((l) => text[l] === undefined && text[baseLanguage(l)] === undefined);
  if (missing.length > 0) {
    ctx.report('CUS040', `no ${missing.join(', ')} text for ${path.join('.')}`, path, `add ${missing.map((l) => `${l}: "…"`).join(', ')}`);
  }
}

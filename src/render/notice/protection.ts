// Notice sections on classification and per-class handling (K1.2), what is never collected (K1.4), and security measures.
import { HANDLING_ACTIONS } from '../../policy/index.js';
import { categoriesByClass, categoryLabel, categoryLabels, forbiddenCategories, type RenderContext } from '../context.js';
import { list, paragraph, section, term, terms, type Section } from '../document/tree.js';

export function classificationSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.protection;
  const classes = [...categoriesByClass(ctx)].map(([cls, keys]) => {
    const rule = ctx.model.handling[cls];
    return section(`class-${cls}`, ctx.t.vocab.dataClass[cls], [
      paragraph(m.covers(categoryLabels(ctx, keys, true))),
      terms(HANDLING_ACTIONS.map((a) => term(ctx.t.vocab.handlingAction[a], ctx.text(rule.actions[a])))),
    ]);
  });
  const forbidden = forbiddenCategories(ctx);
  const never = section('never-collected', m.neverHeading, [
    paragraph(m.neverIntro),
    list(forbidden.map((k) => [categoryLabel(ctx, k)])),
    terms([term(ctx.t.vocab.handlingAction.destroy, ctx.text(ctx.model.handling.forbidden.actions.destroy))]),
  ]);
  return section('classification', m.heading, [paragraph(m.intro), ...classes, never]);
}

export function securitySection(ctx: RenderContext): Section | undefined {
  const measures = ctx.model.organization.security;
  if (measures.length === 0) return undefined;
  const m = ctx.t.notice.protection;
  return section('security', m.securityHeading, [paragraph(m.securityIntro), list(measures.map((s) => [ctx.text(s)]))]);
}

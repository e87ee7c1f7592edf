// Notice sections on classification and per-class handling (K1.2), what is never collected (K1.4), and security measures.
import { HANDLING_ACTIONS } from '../../policy/index.js';
import { categoriesByClass, categoryLabel, categoryLabels, forbiddenCategories, type RenderContext } from '../context.js';
import { list, paragraph, section, term, terms, type Section, type SourcePath } from '../document/tree.js';

/**
 * Per-class handling, with only the texts the manifest states (or adopts with `handlingTexts: default`), and the
 * forbidden categories: the built-in list only with `forbidden: default`, otherwise those the manifest declares itself.
 * Absent when there is nothing to say.
 */
const HANDLING_TEXTS: SourcePath = ['taxonomy', 'handlingTexts'];

export function classificationSection(ctx: RenderContext): Section | undefined {
  const m = ctx.t.notice.protection;
  const classes = [...categoriesByClass(ctx)].flatMap(([cls, keys]) => {
    const rule = ctx.model.handling[cls];
    // A text the class states, or the built-in one adopted with `handlingTexts: default`: explain keeps whichever is written.
    const from = (...path: string[]): SourcePath[] => [['taxonomy', 'handling', cls, ...path], HANDLING_TEXTS];
    const stated = HANDLING_ACTIONS.map((a) => term(ctx.t.vocab.handlingAction[a], ctx.text(rule.published[a]), from(a)));
    if (stated.every((t) => t === undefined)) return [];
    return [
      section(`class-${cls}`, ctx.t.vocab.dataClass[cls], [paragraph(m.covers(categoryLabels(ctx, keys, true))), terms(stated)], from()),
    ];
  });
  const forbidden = forbiddenCategories(ctx);
  const never =
    forbidden.length === 0
      ? undefined
      : section(
          'never-collected',
          m.neverHeading,
          [
            paragraph(m.neverIntro),
            list(
              forbidden.map((k) => [categoryLabel(ctx, k)]),
              forbidden.map((k) => [
                ['taxonomy', 'forbidden', 'add', k],
                ['taxonomy', 'forbidden'],
              ]),
            ),
            terms([
              term(ctx.t.vocab.handlingAction.destroy, ctx.text(ctx.model.handling.forbidden.published.destroy), [
                ['taxonomy', 'handling', 'forbidden', 'destroy'],
                HANDLING_TEXTS,
              ]),
            ]),
          ],
          [['taxonomy', 'forbidden']],
        );
  if (classes.length === 0 && never === undefined) return undefined;
  return section('classification', m.heading, [classes.length === 0 ? undefined : paragraph(m.intro), ...classes, never], [['taxonomy']]);
}

/** Whether the notice has a classification section (the data section refers to it). */
export function hasClassificationSection(ctx: RenderContext): boolean {
  return classificationSection(ctx) !== undefined;
}

export function securitySection(ctx: RenderContext): Section | undefined {
  const measures = ctx.model.organization.security;
  if (measures.length === 0) return undefined;
  const m = ctx.t.notice.protection;
  return section(
    'security',
    m.securityHeading,
    [
      paragraph(m.securityIntro),
      list(
        measures.map((s) => [ctx.text(s)]),
        measures.map((_, i) => [['organization', 'security', i]]),
      ),
    ],
    [['organization', 'security']],
  );
}

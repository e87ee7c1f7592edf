// Notice sections on what data is processed (by class) and why: each purpose with its basis, people, data, recipients, retention.
import type { PurposeModel } from '../../policy/index.js';
import {
  categoriesByClass,
  categoryLabel,
  categoryLabels,
  legalBasesShown,
  legalBasisSentences,
  legalBasisShort,
  legalBasisText,
  purposeRetention,
  retentionClause,
  sentence,
  subjectNames,
  type RenderContext,
  retentionStatement,
} from '../context.js';
import { lines, list, paragraph, section, term, terms, traced, type Phrase, type Section, type SourcePath } from '../document/tree.js';
import { colon } from '../document/typography.js';
import { hasClassificationSection } from './protection.js';
import { listInWords } from '../words.js';
import { categorySources, legalBasisSources, retentionSources } from './sources.js';

export function dataSection(ctx: RenderContext): Section {
  const m = ctx.t.notice;
  const classes = [...categoriesByClass(ctx)].map(([cls, keys]) => {
    const sources = keys.map((k) => categorySources(ctx, k));
    return section(
      `data-${cls}`,
      ctx.t.vocab.dataClass[cls],
      [
        list(
          keys.map((k): Phrase => {
            const description = ctx.text(ctx.model.categories.get(k)?.description);
            return [description ? `${categoryLabel(ctx, k)} — ${description}` : categoryLabel(ctx, k)];
          }),
          sources,
        ),
      ],
      sources.flat(),
    );
  });
  const subjects = [...ctx.model.subjects.values()];
  const subjectItems = subjects.map((s): Phrase => {
    const description = ctx.text(s.description);
    return [description ? `${ctx.text(s.name)} — ${description}` : ctx.text(s.name)];
  });
  return section(
    'data',
    m.data.heading,
    [
      paragraph(hasClassificationSection(ctx) ? m.data.intro(m.protection.heading) : m.data.introPlain),
      ...classes,
      subjects.length === 0
        ? undefined
        : section(
            'subjects',
            m.data.subjectsHeading,
            [
              list(
                subjectItems,
                subjects.map((s) => [['subjects', s.id]]),
              ),
            ],
            [['subjects']],
          ),
    ],
    [['purposes'], ['datasets']],
  );
}

/** The retention of a purpose as sentences: its own rule, then the rules of some of its categories. */
export function retentionSentences(ctx: RenderContext, p: PurposeModel): string[] {
  const { rule, byCategory } = purposeRetention(ctx, p);
  // Periods set per kind of data need no "not stated" before them.
  return [
    ...(rule === undefined && byCategory.length > 0 ? [] : [retentionStatement(ctx, rule)]),
    ...byCategory.map((x) => retentionStatement(ctx, x.rule, x.categories, `${categoryLabels(ctx, x.categories)}${colon(ctx.lang)} `)),
  ];
}

function summaryRetention(ctx: RenderContext, p: PurposeModel): string {
  const { rule, byCategory } = purposeRetention(ctx, p);
  return rule === undefined && byCategory.length > 0 ? ctx.t.notice.retention.byData : retentionClause(ctx, rule);
}

function purposeSection(ctx: RenderContext, p: PurposeModel): Section {
  const m = ctx.t.notice.purposes;
  const recipients = p.recipients.map((r) => ctx.text(ctx.model.recipients.get(r.id)?.name) || r.id);
  const at: SourcePath = ['purposes', p.id];
  return section(
    `purpose-${p.id}`,
    ctx.text(p.name),
    [
      traced([[...at, 'description']], paragraph(ctx.text(p.description))),
      terms([
        // Several bases read one per line, each with what it covers.
        term(m.legalBasis, p.legalBases.length > 1 ? lines(legalBasisSentences(ctx, p)) : legalBasisText(ctx, p), legalBasisSources(p)),
        term(m.subjects, subjectNames(ctx, p.subjects), [[...at, 'subjects']]),
        term(m.data, categoryLabels(ctx, p.categories), [[...at, 'categories']]),
        term(
          m.recipients,
          recipients.length > 0 ? listInWords(recipients, ctx.lang) : m.noRecipients,
          recipients.length > 0 ? [[...at, 'recipients']] : [at],
        ),
        term(m.retention, retentionSentences(ctx, p).join(' '), retentionSources(ctx, p)),
        term(m.source, ctx.text(p.source), [[...at, 'source']]),
        term(m.automated, ctx.text(p.automatedDecision), [[...at, 'automatedDecision']]),
        term(m.ifRefused, ctx.text(p.ifRefused), [[...at, 'ifRefused']]),
        // Stated (`portable:`), or inferred from a contract or consent basis: explain keeps whichever the manifest holds.
        p.portable
          ? term(m.portability, m.portable, [
              [...at, 'portable'],
              [...at, 'legalBasis'],
            ])
          : undefined,
      ]),
    ],
    [[...at, 'name']],
  );
}

export function purposesSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.purposes;
  const purposes = [...ctx.model.purposes.values()];
  const bases = legalBasesShown(ctx);
  const [purposeHead, , retentionHead] = m.head;
  const summary = {
    kind: 'table' as const,
    head: bases ? m.head : [purposeHead, retentionHead],
    rowHeaders: true,
    rows: purposes.map((p): Phrase[] => [
      [ctx.text(p.name)],
      ...(bases ? [[legalBasisShort(ctx, p)]] : []),
      [sentence(summaryRetention(ctx, p))],
    ]),
    rowSources: purposes.map((p) => [['purposes', p.id, 'name'], ...(bases ? legalBasisSources(p) : []), ...retentionSources(ctx, p)]),
  };
  return section(
    'purposes',
    m.heading,
    [paragraph(bases ? m.intro : m.introWithoutBasis), summary, ...purposes.map((p) => purposeSection(ctx, p))],
    [['purposes']],
  );
}

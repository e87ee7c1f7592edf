// The privacy notice: builds one document tree from the PolicyModel, then serialises it to Markdown or HTML.
import type { Language, PolicyModel } from '../../policy/index.js';
import { createContext, type RenderContext } from '../context.js';
import { toHtml } from '../document/html.js';
import { toMarkdown } from '../document/markdown.js';
import { paragraph, section, term, terms, traced, type Block, type DocumentTree, type Phrase, type Section } from '../document/tree.js';
import { NOTICE_FORMATS, pick, pickLanguage, type NoticeFormat } from '../options.js';
import { dateInWords, durationInWords } from '../words.js';
import { cookiesSection } from './cookies.js';
import { controllerSection, scopeSection } from './organization.js';
import { classificationSection, securitySection } from './protection.js';
import { dataSection, purposesSection } from './purposes.js';
import { retentionSection } from './retention.js';
import { rightsSection } from './rights.js';
import { placesSection, recipientsSection } from './sharing.js';

export interface NoticeOptions {
  /** Language of the notice (default: the manifest's first language). */
  readonly lang?: Language;
  /** `md` (default) or `html` (a standalone page). */
  readonly format?: NoticeFormat;
  /** When given, the footer says the notice was generated that day (default: no date, so output is reproducible). */
  readonly now?: Date;
}

const POLICY = ['organization', 'policy'] as const;

function changesSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.changes;
  const p = ctx.model.organization.policy;
  // The revisions the manifest lists, newest first (the model keeps them so).
  const history: Block | undefined =
    p.history.length === 0
      ? undefined
      : {
          kind: 'table',
          head: m.historyHead,
          rows: p.history.map((h): Phrase[] => [[h.version], [dateInWords(h.date, ctx.lang)], [ctx.text(h.changes)]]),
          rowHeaders: true,
          rowSources: p.history.map((h) => [[...POLICY, 'history', h.position]]),
        };
  // A cycle and its next review are stated only when the manifest declares a cycle.
  return section(
    'changes',
    m.heading,
    [
      p.reviewCycle === undefined ? undefined : traced([[...POLICY, 'reviewCycle']], paragraph(m.intro)),
      terms([
        term(m.version, p.version, [[...POLICY, 'version']]),
        p.effective === undefined ? undefined : term(m.effective, dateInWords(p.effective, ctx.lang), [[...POLICY, 'effective']]),
        term(m.lastReviewed, dateInWords(p.lastReviewed, ctx.lang), [[...POLICY, 'lastReviewed']]),
        p.reviewCycle === undefined ? undefined : term(m.cycle, durationInWords(p.reviewCycle, ctx.lang), [[...POLICY, 'reviewCycle']]),
        p.nextReview === undefined
          ? undefined
          : term(m.nextReview, dateInWords(p.nextReview, ctx.lang), [
              [...POLICY, 'lastReviewed'],
              [...POLICY, 'reviewCycle'],
            ]),
      ]),
      history === undefined ? undefined : traced([[...POLICY, 'history']], paragraph(m.historyIntro)),
      history,
    ],
    [POLICY],
  );
}

/** The notice as a document tree, shared by both serialisers. */
export function noticeDocument(model: PolicyModel, lang: Language, now?: Date): DocumentTree {
  const ctx = createContext(model, lang);
  const m = ctx.t.notice;
  const p = model.organization.policy;
  const sections = [
    controllerSection(ctx),
    scopeSection(ctx),
    dataSection(ctx),
    purposesSection(ctx),
    recipientsSection(ctx),
    placesSection(ctx),
    retentionSection(ctx),
    cookiesSection(ctx),
    classificationSection(ctx),
    securitySection(ctx),
    rightsSection(ctx),
    changesSection(ctx),
  ].filter((s): s is Section => s !== undefined);
  const version = [m.version(p.version), p.effective === undefined ? undefined : m.effective(dateInWords(p.effective, lang))];
  return {
    lang,
    title: m.title(model.organization.name),
    titleFrom: [['organization', 'name']],
    lead: [[version.filter((v) => v !== undefined).join(' — ')], [m.lastReviewed(dateInWords(p.lastReviewed, lang))]],
    leadSources: [
      [[...POLICY, 'version'], ...(p.effective === undefined ? [] : [[...POLICY, 'effective']])],
      [[...POLICY, 'lastReviewed']],
    ],
    sections,
    contentsLabel: m.contents,
    ...(now === undefined ? {} : { footer: [m.generatedOn(dateInWords(now, lang))] }),
  };
}

/** Renders the privacy notice of `model` as a Markdown document or a standalone HTML page. */
export function renderNotice(model: PolicyModel, options: NoticeOptions = {}): string {
  const lang = pickLanguage(model, options.lang);
  const format = pick('format', options.format, NOTICE_FORMATS, 'md');
  const doc = noticeDocument(model, lang, options.now);
  switch (format) {
    case 'md':
      return toMarkdown(doc);
    case 'html':
      return toHtml(doc);
    default:
      return format satisfies never;
  }
}

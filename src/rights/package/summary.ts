// The access package's summary.html (GDPR art. 15, K5.1): contents, controller, data found and why, places, rights and complaints.
import { THIRD_PARTY_HANDLINGS, type ContactModel, type DataClass, type Language, type PolicyModel } from '../../policy/index.js';
import {
  categoryLabel,
  createContext,
  retentionClause,
  sentence,
  type RenderContext,
  toHtml,
  code,
  lineBreak,
  list,
  paragraph,
  section,
  strong,
  term,
  terms,
  type DocumentTree,
  type Inline,
  type Phrase,
  type Section,
  contactTerms,
  controllerIdentity,
  rightsSection,
  placesSection,
  dateInWords,
} from '../../render/index.js';
import { withheldFields, type PackagedCollection } from './found.js';
import type { PackagedMessageFile } from './person-messages.js';
import { packageMessages, type PackageMessages } from './summary-messages.js';
import { purposesSection, yourDataSection } from './summary-purposes.js';

export interface SummaryInput {
  readonly model: PolicyModel;
  readonly lang: Language;
  readonly requestId: string;
  readonly generatedAt: Date;
  /** Collections with at least one row. */
  readonly collections: readonly PackagedCollection[];
  /** K6.3: the messages Custos sent the person, as the package holds them. Default: none. */
  readonly messages?: readonly PackagedMessageFile[] | undefined;
}

function withheldSection(ctx: RenderContext, p: PackageMessages, collections: readonly PackagedCollection[]): Section {
  const withheld = withheldFields(ctx.model, collections, p.package.markers);
  const classes = [...new Set(withheld.map((w) => w.field.class).filter((c): c is DataClass => c !== undefined))];
  // Only the texts the manifest publishes (its own, or the built-in ones with `handlingTexts: default`), as in the notice.
  const rule = (cls: DataClass) =>
    [ctx.model.handling[cls].published.store, ctx.model.handling[cls].published.share].map((t) => ctx.text(t)).filter((t) => t !== '');
  const stated = classes.filter((cls) => rule(cls).length > 0);
  return section('withheld', p.package.withheldHeading, [
    paragraph(p.package.withheldIntro),
    withheld.some((w) => w.breach) ? paragraph(p.package.withheldBreach) : undefined,
    withheld.length === 0
      ? paragraph(p.package.withheldNone)
      : list(
          withheld.map(({ field, marker }): Phrase => [
            strong(field.category === undefined ? field.name : categoryLabel(ctx, field.category)),
            ' (',
            code(`${field.dataset}.${field.collection}.${field.name}`),
            ') — ',
            code(marker),
          ]),
        ),
    stated.length === 0 ? undefined : paragraph(p.package.withheldRules),
    stated.length === 0 ? undefined : terms(stated.map((cls) => term(ctx.t.vocab.dataClass[cls], rule(cls).join(' ')))),
  ]);
}

/** K6.3: the files of the messages Custos sent the person, and how many codes and links they show as a marker. */
function sentMessages(p: PackageMessages, number: Intl.NumberFormat, messages: readonly PackagedMessageFile[]) {
  if (messages.length === 0) return [];
  const removed = messages.reduce((n, m) => n + m.removed, 0);
  return [
    paragraph(p.messages.intro(messages.length, number.format(messages.length))),
    list(messages.map((m) => [code(m.file)])),
    removed === 0 ? undefined : paragraph(p.messages.removedNote(removed, number.format(removed), p.messages.removed)),
  ];
}

function packageSection(
  ctx: RenderContext,
  p: PackageMessages,
  collections: readonly PackagedCollection[],
  messages: readonly PackagedMessageFile[],
): Section {
  const number = new Intl.NumberFormat(ctx.lang === 'fr' ? 'fr-FR' : 'en-GB');
  const rows = collections.map((c): Phrase[] => {
    const description = ctx.text(c.collection.description);
    const retention = c.collection.retention === undefined ? undefined : ctx.model.retention.get(c.collection.retention);
    return [
      description === '' ? [code(c.collection.qualifiedName)] : [description, lineBreak, code(c.collection.qualifiedName)],
      [number.format(c.rows)],
      [retention === undefined ? p.package.keptByPurpose : sentence(retentionClause(ctx, retention))],
      c.files.flatMap((f, i): Inline[] => (i === 0 ? [code(f)] : [lineBreak, code(f)])),
    ];
  });
  const outboxes = collections
    .filter((c) => c.emails.length > 0)
    .flatMap((c) => [paragraph(p.package.emails(c.emails.length, number.format(c.emails.length))), list(c.emails.map((e) => [code(e)]))]);
  const others = THIRD_PARTY_HANDLINGS.flatMap((handling) => {
    const held = collections.filter((c) => c.collection.thirdParty === handling);
    return held.length === 0
      ? []
      : [
          paragraph(p.package.otherPeople[handling]),
          list(held.map((c): Phrase => [code(c.collection.qualifiedName), ` — ${number.format(c.rows)}`])),
        ];
  });
  return section('package', p.package.heading, [
    paragraph(p.package.intro),
    { kind: 'table', head: p.package.head, rows, rowHeaders: true },
    ...others,
    ...outboxes,
    ...sentMessages(p, number, messages),
    paragraph(p.package.manifest),
    withheldSection(ctx, p, collections),
  ]);
}

function controllerSection(ctx: RenderContext, p: PackageMessages): Section {
  const m = ctx.t.notice.controller;
  const org = ctx.model.organization;
  const contact = (id: string, heading: string, intro: string, c: ContactModel | undefined) =>
    c === undefined ? undefined : section(id, heading, [paragraph(intro), terms(contactTerms(ctx, c))]);
  return section('controller', p.controllerHeading, [
    ...controllerIdentity(ctx),
    contact('dpo', m.dpoHeading, m.dpoIntro, org.dpo),
    contact('representative', m.representativeHeading, m.representativeIntro, org.representative),
  ]);
}

/** The summary as a document tree (escaping is the serialiser's job, so no value of the person's data can inject markup). */
export function summaryDocument(input: SummaryInput): DocumentTree {
  const ctx = createContext(input.model, input.lang);
  const p = packageMessages(input.lang);
  return {
    lang: input.lang,
    title: p.title(input.model.organization.name),
    lead: [[p.request(input.requestId)], [p.generatedOn(dateInWords(input.generatedAt, input.lang))]],
    sections: [
      packageSection(ctx, p, input.collections, input.messages ?? []),
      controllerSection(ctx, p),
      yourDataSection(ctx, p, input.collections),
      purposesSection(ctx, p, input.collections),
      placesSection(ctx),
      rightsSection(ctx),
    ],
    contentsLabel: p.contents,
  };
}

/** summary.html: a standalone page, no script, no external resource. */
export function renderSummary(input: SummaryInput): string {
  return toHtml(summaryDocument(input));
}

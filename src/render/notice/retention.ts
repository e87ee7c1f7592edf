// Notice section on how long data is kept: per purpose and category, in words from its trigger, and the legal holds (K3).
import { categoryLabels, purposeRetention, retentionClause, sentence, type RenderContext } from '../context.js';
import { paragraph, section, type Phrase, type Section } from '../document/tree.js';
import { countryName, periodInWords } from '../words.js';

export function retentionSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.retention;
  const rows: Phrase[][] = [];
  for (const p of ctx.model.purposes.values()) {
    const { rule, byCategory } = purposeRetention(ctx, p);
    const rest = new Set(byCategory.flatMap((x) => x.categories));
    const main = p.categories.filter((c) => !rest.has(c));
    rows.push([
      [ctx.text(p.name)],
      [main.length === p.categories.length ? m.allData : categoryLabels(ctx, main)],
      [sentence(retentionClause(ctx, rule, main.length === p.categories.length ? undefined : main))],
    ]);
    for (const x of byCategory)
      rows.push([[ctx.text(p.name)], [categoryLabels(ctx, x.categories)], [sentence(retentionClause(ctx, x.rule, x.categories))]]);
  }
  const holds = [...ctx.model.legalHolds.values()].map((h): Phrase[] => [
    [ctx.text(h.description)],
    [categoryLabels(ctx, h.categories)],
    [periodInWords(h.duration, h.trigger, ctx.lang)],
    [
      [ctx.text(h.law), h.jurisdiction && /^[A-Z]{2}$/.test(h.jurisdiction) ? countryName(h.jurisdiction, ctx.lang) : h.jurisdiction]
        .filter((v) => v)
        .join(' — ') || '—',
    ],
  ]);
  return section('retention', m.heading, [
    paragraph(m.intro),
    { kind: 'table', head: m.head, rows, rowHeaders: true },
    ctx.model.organization.deletion === 'automatic' ? paragraph(m.end) : undefined,
    holds.length === 0
      ? undefined
      : section('legal-holds', m.holdsHeading, [
          paragraph(m.holdsIntro),
          { kind: 'table', head: m.holdsHead, rows: holds, rowHeaders: true },
        ]),
  ]);
}

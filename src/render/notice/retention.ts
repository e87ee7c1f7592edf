// Notice section on how long data is kept: per purpose and category, in words from its trigger, and the legal holds (K3).
import { anonymisingRule, type CollectionModel } from '../../policy/index.js';
import { categoryLabels, holdPeriod, purposeRetention, retentionStatement, type RenderContext } from '../context.js';
import { paragraph, section, traced, type Block, type Phrase, type Section, type Sources } from '../document/tree.js';
import { countryName, periodInWords } from '../words.js';
import { ruleSources } from './sources.js';

export function retentionSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.retention;
  const rows: Phrase[][] = [];
  const rowSources: Sources[] = [];
  const stated = new Set<string>();
  for (const p of ctx.model.purposes.values()) {
    const { rule, byCategory } = purposeRetention(ctx, p);
    for (const r of [rule, ...byCategory.map((x) => x.rule)]) if (r) stated.add(r.id);
    const rest = new Set(byCategory.flatMap((x) => x.categories));
    const main = p.categories.filter((c) => !rest.has(c));
    rows.push([
      [ctx.text(p.name)],
      [main.length === p.categories.length ? m.allData : categoryLabels(ctx, main)],
      [retentionStatement(ctx, rule, main.length === p.categories.length ? undefined : main)],
    ]);
    rowSources.push(rule === undefined ? [['purposes', p.id]] : [['purposes', p.id, 'retention'], ...ruleSources(rule)]);
    for (const x of byCategory) {
      rows.push([[ctx.text(p.name)], [categoryLabels(ctx, x.categories)], [retentionStatement(ctx, x.rule, x.categories)]]);
      rowSources.push(ruleSources(x.rule));
    }
  }
  for (const row of collectionRows(ctx, stated)) {
    rows.push(row.cells);
    rowSources.push(row.from);
  }
  const holdModels = [...ctx.model.legalHolds.values()];
  const holds = holdModels.map((h): Phrase[] => [
    [ctx.text(h.description)],
    [categoryLabels(ctx, h.categories)],
    [holdPeriod(ctx, h)],
    [
      [ctx.text(h.law), h.jurisdiction && /^[A-Z]{2}$/.test(h.jurisdiction) ? countryName(h.jurisdiction, ctx.lang) : h.jurisdiction]
        .filter((v) => v)
        .join(' — ') || '—',
    ],
  ]);
  const holdTable: Block = {
    kind: 'table',
    head: m.holdsHead,
    rows: holds,
    rowHeaders: true,
    rowSources: holdModels.map((h) => [['legalHolds', h.id]]),
  };
  return section(
    'retention',
    m.heading,
    [
      paragraph(m.intro),
      { kind: 'table', head: m.head, rows, rowHeaders: true, rowSources },
      ...anonymityParagraphs(ctx),
      ctx.model.organization.deletion === 'automatic' ? traced([['organization', 'deletion']], paragraph(m.end)) : undefined,
      holds.length === 0 ? undefined : section('legal-holds', m.holdsHeading, [paragraph(m.holdsIntro), holdTable], [['legalHolds']]),
    ],
    [['purposes'], ['retention']],
  );
}

/**
 * A collection's own `retention:` keeps its rows on one clock, whatever its fields' categories: a collection whose rule
 * the table does not state already is a row of its own ("Server logs (collection)"), named by its description, else
 * its name.
 */
function collectionRows(ctx: RenderContext, stated: ReadonlySet<string>): { cells: Phrase[]; from: Sources }[] {
  return [...ctx.model.index.collections.values()].flatMap((c) => {
    const rule = c.retention === undefined ? undefined : ctx.model.retention.get(c.retention);
    if (rule === undefined || stated.has(rule.id)) return [];
    const categories = [...new Set([...c.fields.values()].flatMap((f) => (f.category === undefined ? [] : [f.category])))];
    if (categories.length === 0) return [];
    const name = (ctx.text(c.description) || c.name).replace(/\.$/, '');
    return [
      {
        cells: [[ctx.t.notice.retention.collection(name)], [categoryLabels(ctx, categories)], [retentionStatement(ctx, rule, categories)]],
        from: [['datasets', c.dataset, 'collections', c.name, 'retention'], ...ruleSources(rule)],
      },
    ];
  });
}

/**
 * The anonymity each anonymised collection declares (`anonymity:`), one paragraph each: when its rows are anonymised and
 * the thresholds they then meet, fields named by their labels, traced to the declaration and the rule.
 */
function anonymityParagraphs(ctx: RenderContext): Block[] {
  return [...ctx.model.index.collections.values()].flatMap((c) => {
    const rule = anonymisingRule(ctx.model, c);
    const a = c.anonymity;
    if (a === undefined || rule?.duration === undefined || rule.trigger === undefined) return [];
    const text = ctx.t.notice.retention.anonymity({
      name: (ctx.text(c.description) || c.name).replace(/\.$/, ''),
      period: periodInWords(rule.duration, rule.trigger, ctx.lang),
      quasi: a.quasi.map((f) => fieldLabel(ctx, c, f)),
      k: a.k,
      sensitive: a.sensitive.map((f) => fieldLabel(ctx, c, f)),
      l: a.l,
      t: a.t,
    });
    return [traced([['datasets', c.dataset, 'collections', c.name, 'anonymity'], ...ruleSources(rule)], paragraph(text))];
  });
}

/** A field's label, else its column name in words (`team_size` → "team size"; CUS090 warns). */
function fieldLabel(ctx: RenderContext, c: CollectionModel, name: string): string {
  return ctx.text(c.fields.get(name)?.label) || name.replace(/_/g, ' ');
}

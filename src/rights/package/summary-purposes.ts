// Summary sections on the data found and the purposes using it: legal basis, recipients and places, retention, source, automated decisions.
import type { CollectionModel, PurposeModel } from '../../policy/index.js';
import {
  categoryLabel,
  categoryLabels,
  holdPeriod,
  legalBasisText,
  placesInWords,
  purposeHolds,
  purposeRetention,
  retentionClause,
  safeguardName,
  sentence,
  type RenderContext,
  code,
  lineBreak,
  link,
  lines,
  paragraph,
  section,
  term,
  terms,
  type Inline,
  type Phrase,
  type Section,
  colon,
  listInWords,
} from '../../render/index.js';
import { foundCategories, type PackagedCollection } from './found.js';
import type { PackageMessages } from './summary-messages.js';

function purposesOf(ctx: RenderContext, category: string): readonly PurposeModel[] {
  return ctx.model.index.purposesByCategory.get(category) ?? [];
}

/** Where a category comes from: the person, a purpose's declared source, or the class's collection rule of the policy. */
function categorySource(ctx: RenderContext, p: PackageMessages, key: string, provided: ReadonlySet<string>): string {
  if (provided.has(key)) return p.data.provided;
  const sources = [...new Set(purposesOf(ctx, key).map((q) => ctx.text(q.source)))].filter((s) => s !== '');
  if (sources.length > 0) return sources.map((s) => sentence(s)).join(' ');
  const cls = ctx.model.categories.get(key)?.class;
  // A class's collection text only where the manifest publishes it, as the notice does.
  return (cls === undefined ? '' : ctx.text(ctx.model.handling[cls].published.create)) || p.purposes.defaultSource;
}

function codes(names: readonly string[]): Phrase {
  return names.flatMap((n, i): Inline[] => (i === 0 ? [code(n)] : [lineBreak, code(n)]));
}

/** One row per category found: where it was found, the purposes using it and where it comes from. */
export function yourDataSection(ctx: RenderContext, p: PackageMessages, collections: readonly PackagedCollection[]): Section {
  const found = foundCategories(collections);
  const provided = new Set(
    collections.flatMap((c) => c.fields.flatMap((f) => (f.provided && f.category !== undefined ? [f.category] : []))),
  );
  const keys = [...found.keys()].sort((a, b) => categoryLabel(ctx, a).localeCompare(categoryLabel(ctx, b), ctx.lang));
  const rows = keys.map((k): Phrase[] => [
    [categoryLabel(ctx, k)],
    codes((found.get(k) ?? []).map((c) => c.qualifiedName)),
    [
      listInWords(
        purposesOf(ctx, k).map((q) => ctx.text(q.name)),
        ctx.lang,
      ) || '—',
    ],
    [categorySource(ctx, p, k, provided)],
  ]);
  return section('your-data', p.data.heading, [paragraph(p.data.intro), { kind: 'table', head: p.data.head, rows, rowHeaders: true }]);
}

/** The recipients of a purpose that receive some of the categories found, with what they receive, where, and the safeguard. */
function recipientsPhrase(ctx: RenderContext, p: PackageMessages, purpose: PurposeModel, found: Found): Phrase | string {
  const out: Inline[] = [];
  for (const r of purpose.recipients) {
    const received = r.categories.filter((c) => found.has(c));
    const recipient = ctx.model.recipients.get(r.id);
    if (recipient === undefined || (received.length === 0 && !recipient.concernedByRequest)) continue;
    // An authority receives whatever its request concerns: no list of categories can say more.
    const what = received.length === 0 ? ctx.t.notice.recipients.concernedByRequest.toLowerCase() : categoryLabels(ctx, received, true);
    const parts = [ctx.t.vocab.recipientKind[recipient.kind], p.purposes.receives(what)];
    if (recipient.places.length > 0) parts.push(placesInWords(ctx, recipient.places));
    if (recipient.safeguard !== undefined) parts.push(ctx.t.notice.places.safeguard(safeguardName(ctx, recipient.safeguard)));
    if (out.length > 0) out.push(lineBreak);
    const name = ctx.text(recipient.name);
    out.push(recipient.url === undefined ? name : link(name, recipient.url), ` — ${parts.join(' — ')}`);
  }
  return out.length > 0 ? out : ctx.t.notice.purposes.noRecipients;
}

type Found = ReadonlyMap<string, readonly CollectionModel[]>;

/**
 * Retention in words for the categories found: the rules of some of its categories, then the purpose's rule. When the
 * purpose has none, data found only in collections with their own rule points to the package table, which states them.
 */
function retentionText(ctx: RenderContext, p: PackageMessages, purpose: PurposeModel, mine: readonly string[], found: Found): string {
  const { rule, byCategory } = purposeRetention(ctx, purpose);
  const groups = byCategory
    .map((x) => ({ rule: x.rule, categories: x.categories.filter((c) => mine.includes(c)) }))
    .filter((x) => x.categories.length > 0);
  const covered = new Set(groups.flatMap((x) => x.categories));
  const rest = mine.filter((c) => !covered.has(c));
  const clause = (labels: string, text: string) => `${labels}${colon(ctx.lang)} ${text}.`;
  const out = groups.map((x) => clause(categoryLabels(ctx, x.categories), retentionClause(ctx, x.rule, x.categories)));
  if (rest.length === 0) return out.join(' ');
  if (rule !== undefined) return [sentence(retentionClause(ctx, rule)), ...out].join(' ');
  const ruled = (c: string) => (found.get(c) ?? []).every((col) => col.retention !== undefined && ctx.model.retention.has(col.retention));
  const byCollection = rest.filter(ruled);
  const unstated = rest.filter((c) => !ruled(c));
  if (byCollection.length > 0) out.push(p.purposes.keptByCollection(categoryLabels(ctx, byCollection), p.package.heading));
  if (unstated.length > 0) out.push(clause(categoryLabels(ctx, unstated), retentionClause(ctx, undefined)));
  return out.join(' ');
}

function holdsPhrase(ctx: RenderContext, purpose: PurposeModel, mine: readonly string[]): Phrase {
  return lines(
    purposeHolds(ctx, purpose)
      .map((h) => ({ h, held: h.categories.filter((c) => mine.includes(c)) }))
      .filter((x) => x.held.length > 0)
      .map(({ h, held }) => `${categoryLabels(ctx, held)}${colon(ctx.lang)} ${holdPeriod(ctx, h)}. ${sentence(ctx.text(h.description))}`),
  );
}

function purposeSection(ctx: RenderContext, p: PackageMessages, purpose: PurposeModel, found: Found): Section {
  const n = ctx.t.notice.purposes;
  const mine = purpose.categories.filter((c) => found.has(c));
  return section(`purpose-${purpose.id}`, ctx.text(purpose.name), [
    paragraph(ctx.text(purpose.description)),
    terms([
      term(n.legalBasis, legalBasisText(ctx, purpose)),
      term(p.purposes.yourData, categoryLabels(ctx, mine)),
      term(n.recipients, recipientsPhrase(ctx, p, purpose, found)),
      term(n.retention, retentionText(ctx, p, purpose, mine, found)),
      term(p.purposes.holds, holdsPhrase(ctx, purpose, mine)),
      term(n.source, ctx.text(purpose.source) || p.purposes.defaultSource),
      term(n.automated, ctx.text(purpose.automatedDecision) || p.purposes.noAutomated),
    ]),
  ]);
}

/** Every purpose that uses at least one category found, restricted to those categories. */
export function purposesSection(ctx: RenderContext, p: PackageMessages, collections: readonly PackagedCollection[]): Section {
  const found = foundCategories(collections);
  const purposes = [...ctx.model.purposes.values()].filter((q) => q.categories.some((c) => found.has(c)));
  return section('purposes', p.purposes.heading, [paragraph(p.purposes.intro), ...purposes.map((q) => purposeSection(ctx, p, q, found))]);
}

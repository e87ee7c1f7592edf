// Notice sections on who receives the data and where it lives: recipients, hosting, transfers, remote access, exclusions (K2.3, K2.4).
import type { Text } from '../../policy/index.js';
import type { RenderContext } from '../context.js';
import { categoryLabels, placeName, placesInWords, safeguardName, sentence } from '../context.js';
import {
  link,
  list,
  paragraph,
  section,
  strong,
  term,
  terms,
  traced,
  type Block,
  type Phrase,
  type Section,
  type SourcePath,
} from '../document/tree.js';
import { listInWords } from '../words.js';

export function recipientsSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.recipients;
  const recipients = [...ctx.model.recipients.values()];
  // No recipient declared: the purposes, none of which names one, are what the sentence is said from.
  if (recipients.length === 0) return section('recipients', m.heading, [paragraph(m.none)], [['purposes']]);
  const purposesOf = (id: string) =>
    [...ctx.model.purposes.values()].filter((p) => p.recipients.some((r) => r.id === id)).map((p) => ctx.text(p.name));
  const rows = recipients.map((r): Phrase[] => {
    const description = ctx.text(r.description);
    const kind = ctx.t.vocab.recipientKind[r.kind];
    const name = ctx.text(r.name);
    return [
      [r.url === undefined ? name : link(name, r.url)],
      [description ? `${kind} — ${description}` : kind],
      [r.concernedByRequest ? m.concernedByRequest : categoryLabels(ctx, r.categories) || '—'],
      [listInWords(purposesOf(r.id), ctx.lang)],
      [r.places.length === 0 ? '—' : placesInWords(ctx, r.places)],
      [r.safeguard === undefined ? '—' : safeguardName(ctx, r.safeguard)],
    ];
  });
  // Data a processor collects itself (a payment form) is named, and said never to reach us.
  const collected = recipients.flatMap((r) =>
    r.collects === undefined
      ? []
      : [
          traced(
            [['recipients', r.id, 'collects']],
            paragraph(sentence(m.collects(ctx.text(r.name), categoryLabels(ctx, r.collects.categories, true)))),
          ),
          ...describe(ctx, r.collects.description, ['recipients', r.id, 'collects', 'description']),
        ],
  );
  const table: Block = {
    kind: 'table',
    head: m.head,
    rows,
    rowHeaders: true,
    rowSources: recipients.map((r) => [['recipients', r.id]]),
  };
  return section('recipients', m.heading, [paragraph(m.intro), table, ...collected], [['recipients']]);
}

function describe(ctx: RenderContext, text: Text | undefined, at: SourcePath): Block[] {
  const said = ctx.text(text);
  return said === '' ? [] : [traced([at], paragraph(sentence(said)))];
}

export function placesSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.places;
  const loc = ctx.model.locations;
  const hosting = loc.hosting.map((h): Phrase => {
    const notes = [h.primary ? m.primary : undefined, h.customerChosen ? m.customerChosen : undefined].filter((n) => n !== undefined);
    const noted = notes.length > 0 ? ` (${notes.join(', ')})` : '';
    // A hosting whose place is not stated is named alone.
    return [strong(ctx.text(h.name)), h.place === undefined ? noted : ` — ${placeName(ctx, h.place)}${noted}`];
  });
  const transfers = loc.transfers.map((t, i) =>
    term(
      `${placeName(ctx, t.to)} (${t.remoteAccess ? m.remoteAccess : m.transfer})`,
      `${sentence(ctx.text(t.description))} ${sentence(m.safeguard(safeguardName(ctx, t.safeguard)))}`,
      [['locations', 'transfers', i]],
    ),
  );
  const at = (key: string): SourcePath[] => [['locations', key]];
  return section(
    'places',
    m.heading,
    [
      section(
        'hosting',
        m.hostingHeading,
        [
          paragraph(m.hostingIntro),
          list(
            hosting,
            loc.hosting.map((_, i) => [['locations', 'hosting', i]]),
          ),
        ],
        at('hosting'),
      ),
      transfers.length === 0
        ? undefined
        : section('transfers', m.transfersHeading, [paragraph(m.transfersIntro), terms(transfers)], at('transfers')),
      loc.exclusions.length === 0
        ? undefined
        : section(
            'exclusions',
            m.exclusionsHeading,
            [
              list(
                loc.exclusions.map((e) => [ctx.text(e)]),
                loc.exclusions.map((_, i) => [['locations', 'exclusions', i]]),
              ),
            ],
            at('exclusions'),
          ),
    ],
    [['locations']],
  );
}

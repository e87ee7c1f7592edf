// Lists every piece a document says (its title, each paragraph, list item, term and table row) with the manifest paths it was written from.
import type { Block, DocumentTree, Inline, Phrase, Section, Sources } from './tree.js';

export const PIECE_KINDS = ['title', 'lead', 'heading', 'paragraph', 'item', 'term', 'row'] as const;
export type PieceKind = (typeof PIECE_KINDS)[number];

export interface DocumentPiece {
  /** Titles of the sections it is in, outermost first. */
  readonly where: readonly string[];
  readonly kind: PieceKind;
  /** Its text, without markup. */
  readonly text: string;
  /** Its own sources, or those of the nearest section that states some. Empty when neither does. */
  readonly from: Sources;
  /** True when `from` is the enclosing section's (an introduction or a heading written from the section's data). */
  readonly inherited: boolean;
}

function inlineText(inline: Inline): string {
  if (typeof inline === 'string') return inline;
  switch (inline.kind) {
    case 'link':
    case 'strong':
    case 'code':
      return inline.text;
    case 'break':
      return ' / ';
    default:
      return inline satisfies never;
  }
}

export const phraseText = (phrase: Phrase): string => phrase.map(inlineText).join('');

/** Every piece of `doc`, in reading order. */
export function documentPieces(doc: DocumentTree): DocumentPiece[] {
  const pieces: DocumentPiece[] = [];
  const add = (where: readonly string[], kind: PieceKind, text: string, own: Sources | undefined, section: Sources) =>
    pieces.push({
      where,
      kind,
      text,
      from: own !== undefined && own.length > 0 ? own : section,
      inherited: !(own !== undefined && own.length > 0),
    });
  add([], 'title', doc.title, doc.titleFrom, []);
  doc.lead.forEach((line, i) => add([], 'lead', phraseText(line), doc.leadSources?.[i], []));
  const walkSection = (s: Section, where: readonly string[], inherited: Sources) => {
    const from = s.from !== undefined && s.from.length > 0 ? s.from : inherited;
    const here = [...where, s.title];
    add(where, 'heading', s.title, s.from, inherited);
    for (const block of s.blocks) walkBlock(block, here, from);
  };
  const walkBlock = (block: Block, where: readonly string[], from: Sources) => {
    switch (block.kind) {
      case 'paragraph':
        add(where, 'paragraph', phraseText(block.content), block.from, from);
        return;
      case 'list':
        block.items.forEach((item, i) => add(where, 'item', phraseText(item), block.itemSources?.[i], from));
        return;
      case 'terms':
        for (const item of block.items) add(where, 'term', `${item.term}: ${phraseText(item.value)}`, item.from, from);
        return;
      case 'table':
        block.rows.forEach((row, i) => add(where, 'row', row.map(phraseText).join(' | '), block.rowSources?.[i], from));
        return;
      case 'section':
        walkSection(block, where, from);
        return;
      default:
        return block satisfies never;
    }
  };
  for (const s of doc.sections) walkSection(s, [], []);
  return pieces;
}

// `custos notice --explain`: each piece of the notice with the manifest file:line it was written from, so a DPO can audit one against the other.
import { locateSource, type Language, type LocatedSource, type ManifestSources, type PolicyModel } from '../../policy/index.js';
import { documentPieces, type DocumentPiece } from '../document/explain.js';
import { pickLanguage } from '../options.js';
import { noticeDocument } from './notice.js';

export interface ExplainedPiece extends Omit<DocumentPiece, 'from'> {
  /** Where in the manifest the piece was written from; empty for a piece nothing in the manifest accounts for. */
  readonly sources: readonly LocatedSource[];
}

export interface NoticeExplanation {
  readonly lang: Language;
  readonly pieces: readonly ExplainedPiece[];
  /** Pieces with no source: each one is a sentence the manifest does not account for. */
  readonly untraced: number;
}

/** The notice of `model` in `lang` (default: the manifest's first language), piece by piece, with its sources located in `sources`. */
export function explainNotice(model: PolicyModel, sources: ManifestSources, options: { readonly lang?: Language } = {}): NoticeExplanation {
  const lang = pickLanguage(model, options.lang);
  const pieces = documentPieces(noticeDocument(model, lang)).map(({ from, ...piece }): ExplainedPiece => {
    const found = from.map((path) => locateSource(sources, path)).filter((s) => s !== undefined);
    // A piece may name alternatives (`portable:`, or the basis it is inferred from): those the manifest holds win.
    const located = found.some((s) => s.exact) ? found.filter((s) => s.exact) : found;
    const unique = [...new Map(located.map((s) => [`${s.location.file}:${s.location.line}:${s.path}`, s])).values()];
    return { ...piece, sources: unique };
  });
  return { lang, pieces, untraced: pieces.filter((p) => p.sources.length === 0).length };
}

const KIND_MARK: Readonly<Record<ExplainedPiece['kind'], string>> = {
  title: '#',
  lead: '>',
  heading: '§',
  paragraph: '¶',
  item: '•',
  term: '=',
  row: '|',
};

const clip = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

/** The explanation as text: one line per piece, indented by section, then where it comes from. */
export function explanationText(e: NoticeExplanation): string {
  const lines = e.pieces.map((p) => {
    const indent = '  '.repeat(p.where.length);
    const where =
      p.sources.length === 0
        ? 'NO SOURCE in the manifest'
        : p.sources.map((s) => `${s.location.file}:${s.location.line} ${s.path}${s.exact ? '' : ' (nearest)'}`).join('; ');
    return `${indent}${KIND_MARK[p.kind]} ${clip(p.text.replace(/\s+/g, ' '), 72 - indent.length)}\n${indent}    ← ${where}${p.inherited && p.sources.length > 0 ? ' (section)' : ''}`;
  });
  const summary =
    e.untraced === 0
      ? `${e.pieces.length} pieces, each traced to the manifest`
      : `${e.pieces.length} pieces, ${e.untraced} without a source in the manifest`;
  return `${lines.join('\n')}\n\nnotice (${e.lang}): ${summary}\n`;
}

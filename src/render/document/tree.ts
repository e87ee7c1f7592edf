// The intermediate document both serialisers read: sections, paragraphs, lists, term lists and tables of plain inline text.
import type { Language } from '../../policy/index.js';

/** A run of text. Strings are plain text: serialisers escape them, so manifest strings can never inject markup. */
export type Inline =
  | string
  | { readonly kind: 'link'; readonly text: string; readonly href: string }
  | { readonly kind: 'strong'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  /** A line break inside a table cell. */
  | { readonly kind: 'break' };

/** One line of inline runs, rendered side by side. */
export type Phrase = readonly Inline[];

/** A path in the manifest, as the YAML nests it: `['purposes', 'billing', 'legalBasis']`. */
export type SourcePath = readonly (string | number)[];

/**
 * The manifest paths a piece of the document was written from; `custos notice --explain` resolves them to file:line.
 * A piece without its own sources is explained by its section's.
 */
export type Sources = readonly SourcePath[];

export interface TermItem {
  readonly term: string;
  readonly value: Phrase;
  readonly from?: Sources;
}

export interface TableBlock {
  readonly kind: 'table';
  readonly head: readonly string[];
  readonly rows: readonly (readonly Phrase[])[];
  /** The first cell of each row names the row (`<th scope="row">`). */
  readonly rowHeaders?: boolean;
  readonly caption?: string;
  /** Sources of each row, by index. */
  readonly rowSources?: readonly (Sources | undefined)[];
}

export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly content: Phrase;
  readonly from?: Sources;
}

export interface ListBlock {
  readonly kind: 'list';
  readonly items: readonly Phrase[];
  /** Sources of each item, by index. */
  readonly itemSources?: readonly (Sources | undefined)[];
}

export type Block = ParagraphBlock | ListBlock | { readonly kind: 'terms'; readonly items: readonly TermItem[] } | TableBlock | Section;

export interface Section {
  readonly kind: 'section';
  /** Anchor id, built from manifest ids (never from display text). */
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly from?: Sources;
}

export interface DocumentTree {
  readonly lang: Language;
  readonly title: string;
  /** Lines under the title (version, dates). */
  readonly lead: readonly Phrase[];
  /** Sources of the title and of each lead line. */
  readonly titleFrom?: Sources;
  readonly leadSources?: readonly (Sources | undefined)[];
  readonly sections: readonly Section[];
  /** Label of the table of contents; the HTML page lists the top sections under it. */
  readonly contentsLabel?: string;
  readonly footer?: Phrase;
  /** Wide documents (the record of processing) use the full page width. */
  readonly wide?: boolean;
}

export const paragraph = (...content: Inline[]): ParagraphBlock => ({ kind: 'paragraph', content });
export const list = (items: readonly Phrase[], itemSources?: readonly (Sources | undefined)[]): ListBlock =>
  itemSources === undefined ? { kind: 'list', items } : { kind: 'list', items, itemSources };
export const terms = (items: readonly (TermItem | undefined)[]): Block => ({
  kind: 'terms',
  items: items.filter((i): i is TermItem => i !== undefined),
});
export const section = (id: string, title: string, blocks: readonly (Block | undefined)[], from?: Sources): Section => ({
  kind: 'section',
  id,
  title,
  blocks: blocks.filter((b): b is Block => b !== undefined),
  ...(from === undefined ? {} : { from }),
});

/** The same paragraph, said to come from `from`. */
export const traced = (from: Sources, block: ParagraphBlock): ParagraphBlock => ({ ...block, from });
export const link = (text: string, href: string): Inline => ({ kind: 'link', text, href });
export const strong = (text: string): Inline => ({ kind: 'strong', text });
export const code = (text: string): Inline => ({ kind: 'code', text });

/** A term item only when there is something to say. */
export function term(name: string, value: Phrase | string | undefined, from?: Sources): TermItem | undefined {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
  return { term: name, value: typeof value === 'string' ? [value] : (value as Phrase), ...(from === undefined ? {} : { from }) };
}

export const lineBreak: Inline = { kind: 'break' };

/** Items one per line (in a table cell). */
export function lines(items: readonly string[]): Phrase {
  return items.flatMap((item, i): Inline[] => (i === 0 ? [item] : [lineBreak, item]));
}

// Serialises a DocumentTree to Markdown (CommonMark with GFM tables); every manifest string is escaped.
import type { Language } from '../../policy/index.js';
import { escapeMarkdown, markdownCode, markdownHref, safeHref } from './escape.js';
import type { Block, DocumentTree, Inline, Phrase } from './tree.js';
import { colon, typeset } from './typography.js';

/** Renders the document as Markdown: `#` title, one heading level per section depth, tables as GFM pipes. */
export function toMarkdown(doc: DocumentTree): string {
  const out: string[] = [`# ${text(doc.title, doc.lang)}`];
  for (const line of doc.lead) out.push(phrase(line, doc.lang, true));
  for (const s of doc.sections) out.push(block(s, 2, doc.lang));
  if (doc.footer) out.push('---', phrase(doc.footer, doc.lang, true));
  return `${out.join('\n\n')}\n`;
}

function text(value: string, lang: Language, lineStart = false): string {
  return escapeMarkdown(typeset(value, lang), lineStart);
}

function inline(run: Inline, lang: Language, lineStart: boolean): string {
  if (typeof run === 'string') return text(run, lang, lineStart);
  switch (run.kind) {
    case 'strong':
      return `**${text(run.text, lang)}**`;
    case 'code':
      return markdownCode(run.text);
    case 'break':
      return '<br>';
    case 'link': {
      const href = safeHref(run.href);
      return href === undefined ? text(run.text, lang, lineStart) : `[${text(run.text, lang)}](<${markdownHref(href)}>)`;
    }
    default:
      return run satisfies never;
  }
}

/** A phrase; `lineStart` when it begins a line, where `1.` or `-` would otherwise start a list. */
function phrase(runs: Phrase, lang: Language, lineStart = false): string {
  return runs.map((r, i) => inline(r, lang, lineStart && i === 0)).join('');
}

const isList = (b: Block) => b.kind === 'list' || b.kind === 'terms';

/** Blocks separated by blank lines; two lists in a row get an HTML comment between them, or Markdown would merge them. */
function blocks(children: readonly Block[], depth: number, lang: Language): string[] {
  const out: string[] = [];
  children.forEach((b, i) => {
    const previous = children[i - 1];
    if (previous !== undefined && isList(previous) && isList(b)) out.push('<!-- -->');
    out.push(block(b, depth, lang));
  });
  return out;
}

function block(b: Block, depth: number, lang: Language): string {
  switch (b.kind) {
    case 'section':
      return [`${'#'.repeat(Math.min(depth, 6))} ${text(b.title, lang)}`, ...blocks(b.blocks, depth + 1, lang)].join('\n\n');
    case 'paragraph':
      return phrase(b.content, lang, true);
    case 'list':
      return b.items.map((item) => `- ${phrase(item, lang, true)}`).join('\n');
    case 'terms':
      return b.items.map((item) => `- **${text(item.term, lang)}${colon(lang)}** ${phrase(item.value, lang)}`).join('\n');
    case 'table': {
      const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
      const lines = [row(b.head.map((h) => text(h, lang))), row(b.head.map(() => '---'))];
      for (const r of b.rows) lines.push(row(r.map((cell) => phrase(cell, lang) || ' ')));
      return (b.caption === undefined ? [] : [`*${text(b.caption, lang)}*`, '']).concat(lines).join('\n');
    }
    default:
      return b satisfies never;
  }
}

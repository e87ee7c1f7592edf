// Serialises a DocumentTree to a standalone, semantic HTML page: lang, escaped text, headings in order, tables with th.
import type { Language } from '../../policy/index.js';
import { escapeHtml, safeHref } from './escape.js';
import { STYLESHEET } from './stylesheet.js';
import type { Block, DocumentTree, Inline, Phrase, Section, TableBlock } from './tree.js';
import { typeset } from './typography.js';

/** Renders the document as a complete HTML page with the built-in stylesheet; no script, no external resource. */
export function toHtml(doc: DocumentTree): string {
  const lang = doc.lang;
  const t = (s: string) => escapeHtml(typeset(s, lang));
  const body: string[] = [`<header>`, `<h1>${t(doc.title)}</h1>`, ...doc.lead.map((l) => `<p class="lead">${phrase(l, lang)}</p>`)];
  body.push('</header>');
  if (doc.contentsLabel !== undefined && doc.sections.length > 1) {
    body.push(`<nav aria-label="${t(doc.contentsLabel)}">`, `<h2 class="toc-title">${t(doc.contentsLabel)}</h2>`, '<ol>');
    for (const s of doc.sections) body.push(`<li><a href="#${escapeHtml(s.id)}">${t(s.title)}</a></li>`);
    body.push('</ol>', '</nav>');
  }
  body.push('<main>', ...doc.sections.map((s) => section(s, 2, lang)), '</main>');
  if (doc.footer) body.push(`<footer><p>${phrase(doc.footer, lang)}</p></footer>`);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${t(doc.title)}</title>`,
    `<style>${STYLESHEET}</style>`,
    '</head>',
    `<body${doc.wide ? ' class="wide"' : ''}>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function inline(run: Inline, lang: Language): string {
  if (typeof run === 'string') return escapeHtml(typeset(run, lang));
  if (run.kind === 'break') return '<br>';
  const content = escapeHtml(typeset(run.text, lang));
  switch (run.kind) {
    case 'strong':
      return `<strong>${content}</strong>`;
    case 'code':
      return `<code>${escapeHtml(run.text)}</code>`;
    case 'link': {
      const href = safeHref(run.href);
      return href === undefined ? content : `<a href="${escapeHtml(href)}">${content}</a>`;
    }
    default:
      return run satisfies never;
  }
}

function phrase(runs: Phrase, lang: Language): string {
  return runs.map((r) => inline(r, lang)).join('');
}

function section(s: Section, level: number, lang: Language): string {
  const h = Math.min(level, 6);
  const id = escapeHtml(s.id);
  return [
    `<section id="${id}" aria-labelledby="${id}-title">`,
    `<h${h} id="${id}-title">${escapeHtml(typeset(s.title, lang))}</h${h}>`,
    ...s.blocks.map((b) => block(b, level + 1, lang)),
    '</section>',
  ].join('\n');
}

function block(b: Block, level: number, lang: Language): string {
  switch (b.kind) {
    case 'section':
      return section(b, level, lang);
    case 'paragraph':
      return `<p>${phrase(b.content, lang)}</p>`;
    case 'list':
      return ['<ul>', ...b.items.map((i) => `<li>${phrase(i, lang)}</li>`), '</ul>'].join('\n');
    case 'terms':
      return [
        '<dl>',
        ...b.items.map((i) => `<div><dt>${escapeHtml(typeset(i.term, lang))}</dt><dd>${phrase(i.value, lang)}</dd></div>`),
        '</dl>',
      ].join('\n');
    case 'table':
      return table(b, lang);
    default:
      return b satisfies never;
  }
}

function table(b: TableBlock, lang: Language): string {
  const head = b.head.map((h) => `<th scope="col">${escapeHtml(typeset(h, lang))}</th>`).join('');
  const rows = b.rows.map((r) => {
    const cells = r.map((c, i) => (b.rowHeaders && i === 0 ? `<th scope="row">${phrase(c, lang)}</th>` : `<td>${phrase(c, lang)}</td>`));
    return `<tr>${cells.join('')}</tr>`;
  });
  const caption = b.caption === undefined ? [] : [`<caption>${escapeHtml(typeset(b.caption, lang))}</caption>`];
  return [
    '<div class="table-wrap">',
    '<table>',
    ...caption,
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n');
}

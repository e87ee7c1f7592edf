// Writes a message's content out: plain text, and HTML where every value is escaped and nothing is fetched from afar.
import type { Language } from '../policy/index.js';
import { colon, escapeHtml, safeHref, typeset } from '../render/index.js';
import type { MessageBlock, MessageContent } from './content.js';

/** A subject is one header line: whatever a value held, no line break reaches it. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();

function blockText(block: MessageBlock, lang: Language): string {
  const t = (s: string) => typeset(s, lang);
  switch (block.kind) {
    case 'paragraph':
      return t(block.text);
    case 'code':
      return `${t(block.label)}${colon(lang)} ${block.code}`;
    case 'list':
      return block.items
        .map((item) => `- ${t(item.title)}${item.text === undefined ? '' : `\n  ${t(item.text).replace(/\n/g, '\n  ')}`}`)
        .join('\n');
    case 'link':
      return `${t(block.label)}${colon(lang)} ${block.url}`;
    default:
      return block satisfies never;
  }
}

export function contentText(content: MessageContent, lang: Language): { readonly subject: string; readonly body: string } {
  const body = [typeset(content.greeting, lang), ...content.blocks.map((b) => blockText(b, lang))].join('\n\n');
  // "-- " on its own line: the signature separator mail readers recognise and fold.
  const signature = content.signature.map((b) => blockText(b, lang)).join('\n');
  return { subject: oneLine(typeset(content.subject, lang)), body: `${body}\n\n-- \n${signature}\n` };
}

const CODE_STYLE = 'font-family: monospace; font-size: 1.5em; letter-spacing: 0.2em';

function blockHtml(block: MessageBlock, lang: Language): string {
  const t = (s: string) => escapeHtml(typeset(s, lang)).replace(/\n/g, '<br>');
  switch (block.kind) {
    case 'paragraph':
      return `<p>${t(block.text)}</p>`;
    case 'code':
      return `<p>${t(block.label)}${escapeHtml(colon(lang))}<br><strong style="${CODE_STYLE}">${escapeHtml(block.code)}</strong></p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li><strong>${t(item.title)}</strong>${item.text === undefined ? '' : `<br>${t(item.text)}`}</li>`).join('')}</ul>`;
    case 'link': {
      // Params and options are checked as http(s) URLs; an unsafe one would still be shown as text, never linked.
      const href = safeHref(block.url);
      return href === undefined
        ? `<p>${t(block.label)}${escapeHtml(colon(lang))} ${escapeHtml(block.url)}</p>`
        : `<p><a href="${escapeHtml(href)}">${t(block.label)}</a></p>`;
    }
    default:
      return block satisfies never;
  }
}

/** A whole HTML page with no `<img>`, no stylesheet link, no script: only inline styles and the links the template names. */
export function contentHtml(content: MessageContent, lang: Language): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(oneLine(typeset(content.subject, lang)))}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    `<p>${escapeHtml(typeset(content.greeting, lang))}</p>`,
    ...content.blocks.map((b) => blockHtml(b, lang)),
    '<hr>',
    ...content.signature.map((b) => blockHtml(b, lang)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// Escaping for the two serialisers, and the link schemes a rendered document may point to.

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Escapes text for Markdown: every character CommonMark or GFM could read as markup (including raw HTML's `<`)
 * gets a backslash and newlines fold into spaces; at the start of a line, `-`, `+` or `1.` cannot start a list.
 */
export function escapeMarkdown(text: string, lineStart = false): string {
  const escaped = text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_[\]<>|#~&]/g, '\\$&');
  return lineStart ? escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2') : escaped;
}

/** A Markdown code span that survives backticks in the text. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${text.replace(/\s*\n\s*/g, ' ')}${pad}${fence}`;
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** The link target if its scheme is safe to follow (no `javascript:`), else undefined: the text is then shown unlinked. */
export function safeHref(href: string): string | undefined {
  if (/^#[A-Za-z][\w-]*$/.test(href)) return href;
  try {
    return SAFE_SCHEMES.has(new URL(href).protocol) ? href : undefined;
  } catch {
    return undefined;
  }
}

/** A link target written inside Markdown's `(<…>)`: characters that would end it are percent-encoded. */
export function markdownHref(href: string): string {
  return href.replace(/[<>\s()\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

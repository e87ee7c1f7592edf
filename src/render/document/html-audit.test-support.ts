// Test support: parses a rendered page with a real HTML parser and reports what a validator or screen reader would notice.
import { parse, type DefaultTreeAdapterTypes } from 'parse5';

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;

export interface HtmlAudit {
  readonly parseErrors: readonly string[];
  readonly lang: string | undefined;
  readonly title: string;
  /** Heading levels in document order (1 for h1 …). */
  readonly headings: readonly number[];
  /** Per table: whether it has a thead, and how many th cells it has. */
  readonly tables: readonly { readonly thead: boolean; readonly th: number; readonly rows: number }[];
  /** Tag names of every element (to look for a stray script or img). */
  readonly tags: ReadonlySet<string>;
  /** The visible text, whitespace collapsed. */
  readonly text: string;
}

function children(n: Node): readonly DefaultTreeAdapterTypes.ChildNode[] {
  return 'childNodes' in n ? n.childNodes : [];
}

function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (const c of children(n)) walk(c, visit);
  if ('content' in n && n.nodeName === 'template') walk(n.content as unknown as Node, visit);
}

const isElement = (n: Node): n is DefaultTreeAdapterTypes.Element => 'tagName' in n;

export function auditHtml(html: string): HtmlAudit {
  const parseErrors: string[] = [];
  const doc = parse(html, { onParseError: (e) => parseErrors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  const headings: number[] = [];
  const tables: { thead: boolean; th: number; rows: number }[] = [];
  const tags = new Set<string>();
  const text: string[] = [];
  let lang: string | undefined;
  let title = '';
  walk(doc, (n) => {
    if (n.nodeName === '#text' && 'value' in n) text.push(n.value);
    if (!isElement(n)) return;
    tags.add(n.tagName);
    if (n.tagName === 'html') lang = n.attrs.find((a) => a.name === 'lang')?.value;
    if (n.tagName === 'title')
      title = children(n)
        .map((c) => ('value' in c ? c.value : ''))
        .join('');
    const h = /^h([1-6])$/.exec(n.tagName);
    if (h) headings.push(Number(h[1]));
    if (n.tagName === 'table') {
      let thead = false;
      let th = 0;
      let rows = 0;
      walk(n, (c) => {
        if (!isElement(c)) return;
        if (c.tagName === 'thead') thead = true;
        if (c.tagName === 'th') th++;
        if (c.tagName === 'tr') rows++;
      });
      tables.push({ thead, th, rows });
    }
  });
  return { parseErrors, lang, title, headings, tables, tags, text: text.join(' ').replace(/\s+/g, ' ') };
}

/** True when no heading skips a level going down (h2 → h4) and the page has exactly one h1, first. */
export function headingsInOrder(levels: readonly number[]): boolean {
  if (levels[0] !== 1 || levels.filter((l) => l === 1).length !== 1) return false;
  return levels.every((l, i) => i === 0 || l <= (levels[i - 1] ?? 1) + 1);
}

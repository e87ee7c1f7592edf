// The two serialisers: escaping of manifest strings, safe links, heading order, French typography, list separation.
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, safeHref } from './escape.js';
import { toHtml } from './html.js';
import { auditHtml, headingsInOrder } from './html-audit.test-support.js';
import { toMarkdown } from './markdown.js';
import { code, link, list, paragraph, section, term, terms, type DocumentTree } from './tree.js';
import { typeset } from './typography.js';

const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

const doc = (over: Partial<DocumentTree> = {}): DocumentTree => ({
  lang: 'en',
  title: `Notice of ${hostile}`,
  lead: [['v1']],
  contentsLabel: 'Contents',
  sections: [
    section('one', 'One', [
      paragraph(hostile),
      list([['1. not a list'], ['- nor this']]),
      terms([term('Site', [link('click', 'javascript:alert(1)')]), term('Mail', [link('us', 'mailto:a@b.example')])]),
      section('one-a', 'One A', [
        { kind: 'table', head: ['Name', 'Value | pipe'], rows: [[[code('a`b')], ['x|y']]], rowHeaders: true },
        section('one-a-i', 'Deep', [paragraph('deep')]),
      ]),
    ]),
    section('two', 'Two', [paragraph('two')]),
  ],
  ...over,
});

describe('HTML serialiser', () => {
  const html = toHtml(doc());
  const audit = auditHtml(html);

  it('writes a complete, parse-error-free page with a language and the built-in stylesheet', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(audit.parseErrors).toEqual([]);
    expect(audit.lang).toBe('en');
    expect(html).toContain('<style>');
    expect(audit.tags.has('link')).toBe(false);
  });

  it('escapes manifest text: no script, no injected element, the text still readable', () => {
    expect(audit.tags.has('script')).toBe(false);
    expect(audit.tags.has('img')).toBe(false);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(audit.text).toContain('<script>alert("x")</script> & <img src=x onerror=alert(1)>');
    expect(audit.title).toBe(`Notice of ${hostile}`);
  });

  it('links only safe schemes', () => {
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="mailto:a@b.example">us</a>');
  });

  it('orders headings by nesting depth and gives tables header cells', () => {
    expect(audit.headings).toEqual([1, 2, 2, 3, 4, 2]);
    expect(headingsInOrder(audit.headings)).toBe(true);
    expect(audit.tables).toEqual([{ thead: true, th: 3, rows: 2 }]);
  });
});

describe('Markdown serialiser', () => {
  const md = toMarkdown(doc());

  it('escapes markup characters so a manifest string cannot inject HTML or formatting', () => {
    expect(md).toContain('\\<script\\>alert("x")\\</script\\> \\& \\<img src=x onerror=alert(1)\\>');
    expect(md).not.toContain('<script>');
  });

  it('keeps list-looking text from starting a list, and pipes from breaking a table', () => {
    expect(md).toContain('- 1\\. not a list');
    expect(md).toContain('- \\- nor this');
    expect(md).toContain('| Name | Value \\| pipe |');
    expect(md).toContain('| `` a`b `` | x\\|y |');
  });

  it('separates two lists in a row so Markdown does not merge them', () => {
    expect(md).toContain('- \\- nor this\n\n<!-- -->\n\n- **Site:** click');
  });

  it('uses one heading level per depth', () => {
    expect(md).toMatch(/^# Notice of/);
    expect(md).toContain('\n## One\n');
    expect(md).toContain('\n### One A\n');
    expect(md).toContain('\n#### Deep\n');
  });
});

describe('escaping and typography', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('escapes Markdown without mangling ordinary text', () => {
    expect(escapeMarkdown('Version 2.1, e-mail')).toBe('Version 2.1, e-mail');
    expect(escapeMarkdown('2. item', true)).toBe('2\\. item');
  });

  it('accepts http, https, mailto, tel and in-page anchors only', () => {
    expect(safeHref('https://x.example/a?b=1')).toBe('https://x.example/a?b=1');
    expect(safeHref('tel:+331')).toBe('tel:+331');
    expect(safeHref('#rights')).toBe('#rights');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });

  it('sets French spacing before high punctuation, leaving URLs and times alone', () => {
    expect(typeset('Qui sommes-nous ?', 'fr')).toBe('Qui sommes-nous\u202f?');
    expect(typeset('Base légale: contrat; voir https://x.example/a?b=1 à 10:30', 'fr')).toBe(
      'Base légale\u00a0: contrat\u202f; voir https://x.example/a?b=1 à 10:30',
    );
    expect(typeset('« Lettre »', 'fr')).toBe('«\u00a0Lettre\u00a0»');
    expect(typeset("Journaux d'application", 'fr')).toBe('Journaux d’application');
    expect(typeset('Note: ok', 'en')).toBe('Note: ok');
  });

  it('applies French typography when serialising a French document', () => {
    const fr = doc({ lang: 'fr', sections: [section('q', 'Qui sommes-nous ?', [terms([term('Base légale', 'Contrat')])])] });
    expect(toMarkdown(fr)).toContain('## Qui sommes-nous\u202f?');
    expect(toMarkdown(fr)).toContain('- **Base légale\u00a0:** Contrat');
    expect(toHtml(fr)).toContain('<html lang="fr">');
  });
});

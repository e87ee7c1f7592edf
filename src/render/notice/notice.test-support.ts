// Test support for notice tests: a manifest compiled from one YAML text, and its notice as plain text in both formats.
import { compilePolicy, type Language, type PolicyModel } from '../../policy/index.js';
import { renderNotice } from './notice.js';

/** Text run through both serialisers' escapes, so one substring matches Markdown and HTML alike. */
export const plain = (text: string): string =>
  text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\\([\\`*_[\]<>|#~&+.=-])/g, '$1')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/’/g, "'")
    .replace(/\s+/g, ' ');

/** The model of a one-file manifest; its diagnostics thrown when it does not compile. */
export function compileYaml(yaml: string): PolicyModel {
  const result = compilePolicy([{ path: 'privacy.yaml', text: yaml }], { now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return result.model;
}

/** The notice in Markdown and in HTML, as plain text. */
export const notices = (model: PolicyModel, lang: Language): string[] => [
  plain(renderNotice(model, { lang, format: 'md' })),
  plain(renderNotice(model, { lang, format: 'html' })),
];

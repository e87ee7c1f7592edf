// Language typography applied to every rendered string: French spacing before high punctuation and inside guillemets.
import { baseLanguage, type Language } from '../../policy/index.js';

export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

/**
 * French puts a no-break space before `:` and a narrow one before `;`, `!` and `?` when they end a clause (so URLs and
 * times are untouched), no-break spaces inside guillemets, and a curly apostrophe. English text passes unchanged.
 */
export function typeset(text: string, lang: Language): string {
  if (baseLanguage(lang) !== 'fr') return text;
  return text
    .replace(/(?<=\p{L})'(?=\p{L})/gu, '’')
    .replace(/(?<=\S)[ \u00a0\u202f]*:(?=\s|$)/g, `${NBSP}:`)
    .replace(/(?<=\S)[ \u00a0\u202f]*([;!?])(?=\s|$)/g, `${NNBSP}$1`)
    .replace(/«[ \u00a0]*/g, `«${NBSP}`)
    .replace(/[ \u00a0]*»/g, `${NBSP}»`);
}

/** The separator between a term and its value: `Term: value`, `Terme : valeur`. */
export function colon(lang: Language): string {
  return baseLanguage(lang) === 'fr' ? `${NBSP}:` : ':';
}

// Localized text: normalises manifest text to per-language records and picks one language for display.
import type { Text } from './model.js';
import { baseLanguage, LANGUAGES, type Language } from './vocabulary.js';
import type { LocalizedTextInput } from './schema/index.js';

/** A plain string counts for every language. */
export function toText(input: LocalizedTextInput): Text {
  if (typeof input === 'string') return Object.freeze(Object.fromEntries(LANGUAGES.map((l) => [l, input])));
  return Object.freeze({ ...input });
}

export function optionalText(input: LocalizedTextInput | undefined): Text | undefined {
  return input === undefined ? undefined : toText(input);
}

/** The text in `lang`, else its base language (`fr-CA` → `fr`), else English, else any language present, else ''. */
export function localize(text: Text | undefined, lang: Language): string {
  if (!text) return '';
  return text[lang] ?? text[baseLanguage(lang)] ?? text.en ?? Object.values(text).find((v) => v !== undefined) ?? '';
}

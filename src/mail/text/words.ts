// Spans of time a message states, in words: a code's validity, the days left before a deadline.
import type { Language } from '../../policy/index.js';
import { durationInWords, NBSP } from '../../render/index.js';

const hours = (n: number) => ({ years: 0, months: 0, days: 0, hours: n });
const days = (n: number) => ({ years: 0, months: 0, days: n, hours: 0 });

/** "15 minutes", "1 hour", "15 minutes" (French: a no-break space): whole hours through src/render/words.ts. */
export function minutesInWords(minutes: number, lang: Language): string {
  if (minutes % 60 === 0) return durationInWords(hours(minutes / 60), lang);
  const locale = lang === 'en' ? 'en-GB' : lang === 'fr' ? 'fr-FR' : 'fr-CA';
  const one = new Intl.PluralRules(locale).select(minutes) === 'one';
  return `${minutes}${lang === 'en' ? ' ' : NBSP}minute${one ? '' : 's'}`;
}

/** "3 days", "3 jours". */
export function daysInWords(n: number, lang: Language): string {
  return durationInWords(days(Math.abs(n)), lang);
}

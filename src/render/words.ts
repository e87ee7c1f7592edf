// Durations, retention triggers, dates, countries and lists in words, in English and French.
import { baseLanguage, isZeroDuration, type Duration, type Language, type RetentionTrigger } from '../policy/index.js';
import { NBSP } from './document/typography.js';

type Unit = 'years' | 'months' | 'days' | 'hours';
const UNITS: readonly Unit[] = ['years', 'months', 'days', 'hours'];

interface WordTable {
  /** Singular and plural of each unit. */
  readonly units: Readonly<Record<Unit, readonly [string, string]>>;
  /** Space between a number and its unit (French keeps them on one line). */
  readonly space: string;
  /** "180 days [from collection]": what follows a non-zero duration. */
  readonly after: Readonly<Record<RetentionTrigger, string>>;
  /** A zero duration: when deletion happens. */
  readonly immediately: Readonly<Record<RetentionTrigger, string>>;
  /** Up to the event: "for the duration of the contract". */
  readonly until: Readonly<Record<RetentionTrigger, string>>;
  readonly locale: string;
}

const WORDS: Readonly<Record<Language, WordTable>> = {
  en: {
    units: { years: ['year', 'years'], months: ['month', 'months'], days: ['day', 'days'], hours: ['hour', 'hours'] },
    space: ' ',
    after: {
      collected: 'from collection',
      'last-activity': 'after your last activity',
      'last-contact': 'after the last contact',
      'contract-end': 'after the end of the contract',
      'request-replied': 'after the reply to the request',
      'request-processed': 'after the request is processed',
      'consent-withdrawn': 'after you withdraw your consent',
    },
    immediately: {
      collected: 'as soon as it is collected',
      'last-activity': 'as soon as your activity ends',
      'last-contact': 'right after the last contact',
      'contract-end': 'at the end of the contract',
      'request-replied': 'as soon as the request is answered',
      'request-processed': 'as soon as the request is processed',
      'consent-withdrawn': 'as soon as you withdraw your consent',
    },
    until: {
      collected: 'only while it is collected',
      'last-activity': 'until your last activity',
      'last-contact': 'until the last contact',
      'contract-end': 'for the duration of the contract',
      'request-replied': 'until the request is answered',
      'request-processed': 'until the request is processed',
      'consent-withdrawn': 'until you withdraw your consent',
    },
    locale: 'en-GB',
  },
  fr: {
    units: { years: ['an', 'ans'], months: ['mois', 'mois'], days: ['jour', 'jours'], hours: ['heure', 'heures'] },
    space: NBSP,
    after: {
      collected: 'à compter de la collecte',
      'last-activity': 'après votre dernière activité',
      'last-contact': 'après le dernier contact',
      'contract-end': 'après la fin du contrat',
      'request-replied': 'après la réponse à la demande',
      'request-processed': 'après le traitement de la demande',
      'consent-withdrawn': 'après le retrait de votre consentement',
    },
    immediately: {
      collected: 'dès leur collecte',
      'last-activity': 'dès la fin de votre activité',
      'last-contact': 'dès le dernier contact',
      'contract-end': 'à la fin du contrat',
      'request-replied': 'dès la réponse à la demande',
      'request-processed': 'dès le traitement de la demande',
      'consent-withdrawn': 'dès le retrait de votre consentement',
    },
    until: {
      collected: 'le temps de leur collecte',
      'last-activity': 'jusqu’à votre dernière activité',
      'last-contact': 'jusqu’au dernier contact',
      'contract-end': 'pendant la durée du contrat',
      'request-replied': 'jusqu’à la réponse à la demande',
      'request-processed': 'jusqu’au traitement de la demande',
      'consent-withdrawn': 'jusqu’au retrait de votre consentement',
    },
    locale: 'fr-FR',
  },
  get 'fr-CA'(): WordTable {
    return { ...WORDS.fr, locale: 'fr-CA' };
  },
};

/** "180 days", "1 year and 6 months"; "180 jours", "1 an et 6 mois". */
export function durationInWords(d: Duration, lang: Language): string {
  const w = WORDS[lang];
  const plural = new Intl.PluralRules(w.locale);
  const number = new Intl.NumberFormat(w.locale);
  const parts = UNITS.filter((u) => d[u] !== 0).map((u) => {
    const [one, many] = w.units[u];
    return `${number.format(d[u])}${w.space}${plural.select(d[u]) === 'one' ? one : many}`;
  });
  if (parts.length === 0) return `0${w.space}${w.units.days[plural.select(0) === 'one' ? 0 : 1]}`;
  return listInWords(parts, lang);
}

/** "24 months from collection", "1 year after the reply to the request", or for zero "as soon as the request is processed". */
/** "for the duration of the contract", "jusqu’au dernier contact": the time up to a retention clock's event. */
export function untilInWords(trigger: RetentionTrigger, lang: Language): string {
  return WORDS[lang].until[trigger];
}

export function periodInWords(d: Duration, trigger: RetentionTrigger, lang: Language): string {
  const w = WORDS[lang];
  return isZeroDuration(d) ? w.immediately[trigger] : `${durationInWords(d, lang)} ${w.after[trigger]}`;
}

/** "15 January 2025", "1er janvier 2025". Accepts `YYYY-MM-DD` or a Date; dates are read in UTC. */
export function dateInWords(date: string | Date, lang: Language): string {
  const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  if (Number.isNaN(d.getTime())) return String(date);
  const text = new Intl.DateTimeFormat(WORDS[lang].locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  return baseLanguage(lang) === 'fr' ? text.replace(/^1 /, `1er${NBSP}`) : text;
}

/** The country's name for an ISO 3166-1 alpha-2 code ("US" → "United States", "États-Unis"); the code if unknown. */
export function countryName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames([WORDS[lang].locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "a, b and c", "a, b et c" (or "or"/"ou" with `disjunction`). */
export function listInWords(items: readonly string[], lang: Language, type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(WORDS[lang].locale, { type, style: 'long' }).format(items);
}

/** Country names joined in words: "Ireland and United States". */
export function countriesInWords(codes: readonly string[], lang: Language): string {
  return listInWords(
    codes.map((c) => countryName(c, lang)),
    lang,
  );
}

/** The duration as ISO 8601 (`P1Y6M`, `P180D`, `PT72H`; zero is `P0D`), whatever form the manifest used. */
export function isoDuration(d: Duration): string {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = d.hours ? `T${d.hours}H` : '';
  return date || time ? `P${date}${time}` : 'P0D';
}

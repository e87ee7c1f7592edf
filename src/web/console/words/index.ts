// Picks the oversight pages' words for a page's language (Quebec French says these as French does).
import type { Language } from '../../../policy/index.js';
import type { CodeWords } from './words.js';
import { oversightEn } from './en.js';
import { oversightFr } from './fr.js';
import type { OversightWords } from './words.js';

export type { CodeWords, OversightWords, RightsAction } from './words.js';

const TABLES: Readonly<Record<Language, OversightWords>> = { en: oversightEn, fr: oversightFr, 'fr-CA': oversightFr };

export const oversightWordsFor = (lang: Language): OversightWords => TABLES[lang];

/** The codes' words of a page's language (template names, delivery, operations, actors, audit actions…). */
export const codeWordsFor = (lang: Language): OversightWords['codes'] => TABLES[lang].codes;

/** A message template's name (its id for a template the tables do not know, e.g. one a newer version wrote). */
export const templateName = (codes: CodeWords, template: string): string =>
  (codes.templates as Readonly<Record<string, string>>)[template] ?? template;

/** A language's name, from its tag as stored with a message. */
export const languageName = (codes: CodeWords, lang: string): string => (codes.languages as Readonly<Record<string, string>>)[lang] ?? lang;

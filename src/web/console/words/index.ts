// Picks the oversight pages' words for a page's language (Quebec French says these as French does).
import type { Language } from '../../../policy/index.js';
import { oversightEn } from './en.js';
import { oversightFr } from './fr.js';
import type { OversightWords } from './words.js';

export type { OversightWords } from './words.js';

const TABLES: Readonly<Record<Language, OversightWords>> = { en: oversightEn, fr: oversightFr, 'fr-CA': oversightFr };

export const oversightWordsFor = (lang: Language): OversightWords => TABLES[lang];

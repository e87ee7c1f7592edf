// Picks the message table of a language.
import type { Language } from '../../policy/index.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { frCA } from './fr-ca.js';
import type { Messages } from './messages.js';

export type { Messages, RopaColumn } from './messages.js';
export { ROPA_COLUMNS } from './messages.js';

const TABLES: Readonly<Record<Language, Messages>> = { en, fr, 'fr-CA': frCA };

export function messagesFor(lang: Language): Messages {
  return TABLES[lang];
}

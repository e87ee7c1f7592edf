// Picks the web pages' table of a language.
import type { Language } from '../../policy/index.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { frCA } from './fr-ca.js';
import type { WebMessages } from './messages.js';
export { CONSOLE_SECTIONS, type ConsoleMessages, type ConsoleSection } from './console.js';

export {
  FIELD_PROBLEMS,
  FORM_KINDS,
  PAGE_PROBLEMS,
  type FieldProblem,
  type FormKind,
  type PageProblem,
  type WebMessages,
} from './messages.js';

const TABLES: Readonly<Record<Language, WebMessages>> = { en, fr, 'fr-CA': frCA };

export const webMessagesFor = (lang: Language): WebMessages => TABLES[lang];

// The desk's messages in Quebec French: "renseignements personnels" (Quebec's act), participles agreed in the masculine plural.
import { frenchTexts } from './fr.js';
import type { MailTexts } from './table.js';

export const frCA: MailTexts = frenchTexts({
  lang: 'fr-CA',
  data: 'renseignements personnels',
  agreement: { feminine: false, plural: true },
  team: 'L’équipe de protection des renseignements personnels',
  authority: 'l’autorité chargée de la protection des renseignements personnels',
});

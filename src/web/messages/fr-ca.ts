// Quebec French words of the web pages: the French table with Quebec's terms where they differ.
import { fr } from './fr.js';
import type { WebMessages } from './messages.js';

export const frCA: WebMessages = {
  ...fr,
  layout: { ...fr.layout, notice: 'Politique de confidentialité (renseignements personnels)' },
  home: { ...fr.home, title: 'Vos renseignements personnels et vos droits' },
  form: { ...fr.form, email: 'Votre courriel', emailHint: 'Le courriel que vous utilisez chez nous : nous y envoyons le code.' },
};

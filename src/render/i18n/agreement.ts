// French agreement of past participles with data-category labels: the gender and number of each label's head noun.

/** What a participle agrees with: "supprimée" (feminine singular), "supprimés" (masculine plural). */
export interface Agreement {
  readonly feminine: boolean;
  readonly plural: boolean;
}

/**
 * Head nouns of the taxonomy's French labels (and of common manifest labels), lower-case: gender, and whether the word
 * itself is plural. A label whose head noun is not listed has no known agreement.
 */
const HEAD_NOUNS: Readonly<Record<string, readonly ['f' | 'm', 'sg' | 'pl']>> = {
  adresse: ['f', 'sg'],
  appartenance: ['f', 'sg'],
  candidature: ['f', 'sg'],
  carte: ['f', 'sg'],
  civilité: ['f', 'sg'],
  commandes: ['f', 'pl'],
  configuration: ['f', 'sg'],
  configurations: ['f', 'pl'],
  conversations: ['f', 'pl'],
  convictions: ['f', 'pl'],
  coordonnées: ['f', 'pl'],
  courriels: ['m', 'pl'],
  cryptogramme: ['m', 'sg'],
  date: ['f', 'sg'],
  données: ['f', 'pl'],
  enregistrements: ['m', 'pl'],
  entreprise: ['f', 'sg'],
  éléments: ['m', 'pl'],
  factures: ['f', 'pl'],
  historique: ['m', 'sg'],
  identifiant: ['m', 'sg'],
  identifiants: ['m', 'pl'],
  immatriculation: ['f', 'sg'],
  impayés: ['m', 'pl'],
  jeton: ['m', 'sg'],
  jetons: ['m', 'pl'],
  journaux: ['m', 'pl'],
  justificatif: ['m', 'sg'],
  mandataires: ['m', 'pl'],
  mesure: ['f', 'sg'],
  mot: ['m', 'sg'],
  navigateur: ['m', 'sg'],
  nom: ['m', 'sg'],
  notes: ['f', 'pl'],
  numéro: ['m', 'sg'],
  opinions: ['f', 'pl'],
  origine: ['f', 'sg'],
  paramètres: ['m', 'pl'],
  pièce: ['f', 'sg'],
  pièces: ['f', 'pl'],
  préférences: ['f', 'pl'],
  preuves: ['f', 'pl'],
  réponses: ['f', 'pl'],
  résultat: ['m', 'sg'],
  santé: ['f', 'sg'],
  secret: ['m', 'sg'],
  secrets: ['m', 'pl'],
  services: ['m', 'pl'],
  tickets: ['m', 'pl'],
  vie: ['f', 'sg'],
};

/** One label's agreement: its head noun's gender; plural when the noun is, or when the label joins several ("X et Y", "X, Y"). */
export function labelAgreement(label: string): Agreement | undefined {
  const bare = label.replace(/\([^)]*\)/g, '').trim();
  const head = HEAD_NOUNS[(bare.split(/[\s,’']/u)[0] ?? '').toLowerCase()];
  if (!head) return undefined;
  return { feminine: head[0] === 'f', plural: head[1] === 'pl' || /,| et /u.test(bare) };
}

/** A list of labels: masculine as soon as one is, plural when there are several; unknown if any label's noun is unknown. */
export function labelsAgreement(labels: readonly string[]): Agreement | undefined {
  const each = labels.map(labelAgreement);
  if (each.length === 0 || each.some((a) => a === undefined)) return undefined;
  const known = each as Agreement[];
  return { feminine: known.every((a) => a.feminine), plural: known.length > 1 || known.some((a) => a.plural) };
}

/** "conservé" agreed: "conservée", "conservés", "conservées". Without a known agreement, with "données" (feminine plural). */
export function agree(participle: string, a: Agreement | undefined): string {
  const { feminine, plural } = a ?? { feminine: true, plural: true };
  return `${participle}${feminine ? 'e' : ''}${plural ? 's' : ''}`;
}

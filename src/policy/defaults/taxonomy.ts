// The built-in taxonomy of data categories (dotted keys), their classes (K1.1) and the forbidden set of GDPR art. 9(1) (K1.4).
import type { DataClass } from '../vocabulary.js';

export interface DefaultCategory {
  readonly class: DataClass;
  readonly en: string;
  readonly fr: string;
}

export const DEFAULT_CATEGORIES: Readonly<Record<string, DefaultCategory>> = Object.freeze({
  // low: civility, contact coordinates, identity and relationship, billing elements
  'user.identity.name': { class: 'low', en: 'Name', fr: 'Nom' },
  'user.identity.civility': { class: 'low', en: 'Civility', fr: 'Civilité' },
  'user.identity.company': { class: 'low', en: 'Company and position', fr: 'Entreprise et fonction' },
  'user.identity.birthdate': { class: 'low', en: 'Date of birth', fr: 'Date de naissance' },
  'user.identity.document': { class: 'high', en: 'Identity document', fr: "Pièce d'identité" },
  'user.identity.proof-of-address': { class: 'high', en: 'Proof of address', fr: 'Justificatif de domicile' },
  'user.identity.business-registration': { class: 'low', en: 'Business registration', fr: "Immatriculation de l'entreprise" },
  'user.contact.email': { class: 'low', en: 'Email address', fr: 'Adresse électronique' },
  'user.contact.email-backup': { class: 'low', en: 'Backup email address', fr: 'Adresse électronique de secours' },
  'user.contact.phone': { class: 'low', en: 'Phone number', fr: 'Numéro de téléphone' },
  'user.contact.address': { class: 'low', en: 'Postal address', fr: 'Adresse postale' },
  'user.account.id': { class: 'low', en: 'Customer identifier', fr: 'Identifiant client' },
  'user.account.handle': { class: 'low', en: 'Account handle', fr: 'Identifiant de compte' },
  'user.account.settings': { class: 'low', en: 'Account settings and preferences', fr: 'Paramètres et préférences du compte' },
  'user.account.agent': { class: 'low', en: 'Account agents and staff', fr: 'Mandataires et personnel du compte' },
  'user.relationship.order': { class: 'low', en: 'Orders', fr: 'Commandes' },
  'user.relationship.service': { class: 'low', en: 'Subscribed services', fr: 'Services souscrits' },
  'user.relationship.satisfaction': { class: 'low', en: 'Satisfaction answers', fr: 'Réponses de satisfaction' },
  'user.financial.billing': {
    class: 'low',
    en: 'Billing elements (cycle, payment medium)',
    fr: 'Éléments de facturation (cycle, moyen de paiement)',
  },
  'user.financial.invoice': { class: 'low', en: 'Invoices', fr: 'Factures' },
  'user.financial.unpaid': { class: 'low', en: 'Unpaid amounts', fr: 'Impayés' },
  'user.financial.bank-account': { class: 'medium', en: 'Bank account (IBAN)', fr: 'Coordonnées bancaires (IBAN)' },
  'user.financial.card': { class: 'special', en: 'Payment card', fr: 'Carte de paiement' },
  'user.financial.card-token': { class: 'special', en: 'Payment processor token', fr: 'Jeton du prestataire de paiement' },
  'user.financial.card-security-code': { class: 'forbidden', en: 'Card security code', fr: 'Cryptogramme visuel' },
  // medium: traffic, service logs, communications with the provider
  'user.communication.support': { class: 'medium', en: 'Support tickets and messages', fr: 'Tickets et messages au support' },
  'user.communication.call': { class: 'medium', en: 'Call records', fr: "Enregistrements d'appels" },
  'user.communication.chat': { class: 'medium', en: 'Chat conversations', fr: 'Conversations par messagerie instantanée' },
  'user.communication.notification': { class: 'medium', en: 'Notification emails sent to you', fr: 'Courriels de notification envoyés' },
  'user.communication.marketing': { class: 'low', en: 'Marketing preferences', fr: 'Préférences de prospection' },
  'user.consent.record': { class: 'low', en: 'Consent records', fr: 'Preuves de consentement' },
  'user.request.record': { class: 'low', en: 'Records of rights requests', fr: 'Historique des demandes d’exercice de droits' },
  'user.behavior.analytics': { class: 'medium', en: 'Audience measurement', fr: "Mesure d'audience" },
  'user.recruitment.application': { class: 'low', en: 'Job application (CV, letter)', fr: 'Candidature (CV, lettre)' },
  'user.recruitment.assessment': { class: 'medium', en: 'Interview notes and assessment', fr: "Notes d'entretien et évaluation" },
  'system.log.connection': { class: 'medium', en: 'Connection data', fr: 'Données de connexion' },
  'system.log.application': { class: 'medium', en: 'Application and debug logs', fr: "Journaux d'application et de débogage" },
  'system.log.event': { class: 'medium', en: 'Event logs', fr: "Journaux d'événements" },
  'system.network.ip': { class: 'medium', en: 'IP address', fr: 'Adresse IP' },
  'system.device.id': { class: 'medium', en: 'Machine and device identifiers', fr: 'Identifiants de machines et d’appareils' },
  'system.device.browser': {
    class: 'medium',
    en: 'Browser, operating system and screen',
    fr: "Navigateur, système d'exploitation et écran",
  },
  'system.service.configuration': { class: 'medium', en: 'Service configurations', fr: 'Configurations des services' },
  // high: secret authentication information
  'user.auth.password': { class: 'high', en: 'Password', fr: 'Mot de passe' },
  'user.auth.api-token': { class: 'high', en: 'API secrets and tokens', fr: "Secrets et jetons d'API" },
  'user.auth.mfa-seed': { class: 'high', en: 'Two-factor authentication seed', fr: 'Secret de double authentification' },
  'user.auth.session': { class: 'high', en: 'Session tokens', fr: 'Jetons de session' },
  // forbidden: GDPR art. 9(1), never collected, stored or used
  'user.special.racial-ethnic-origin': { class: 'forbidden', en: 'Racial or ethnic origin', fr: 'Origine raciale ou ethnique' },
  'user.special.political-opinion': { class: 'forbidden', en: 'Political opinions', fr: 'Opinions politiques' },
  'user.special.religious-belief': {
    class: 'forbidden',
    en: 'Religious or philosophical beliefs',
    fr: 'Convictions religieuses ou philosophiques',
  },
  'user.special.trade-union': { class: 'forbidden', en: 'Trade-union membership', fr: 'Appartenance syndicale' },
  'user.special.genetic': { class: 'forbidden', en: 'Genetic data', fr: 'Données génétiques' },
  'user.special.biometric': {
    class: 'forbidden',
    en: 'Biometric data used to identify a person',
    fr: "Données biométriques aux fins d'identification",
  },
  'user.special.health': { class: 'forbidden', en: 'Health', fr: 'Santé' },
  'user.special.sex-life': { class: 'forbidden', en: 'Sex life or sexual orientation', fr: 'Vie sexuelle ou orientation sexuelle' },
});

/** The special categories of GDPR art. 9(1): narrowing the forbidden list below them is worth a warning (CUS082). */
export const GDPR_ART9_CATEGORIES: readonly string[] = Object.freeze(
  Object.keys(DEFAULT_CATEGORIES).filter((k) => k.startsWith('user.special.')),
);
